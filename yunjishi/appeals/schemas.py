"""What the appeals API reads and writes. Staff answers never carry a user id, name or phone of
the sender: ``submitter`` is a label from ``identity``."""

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema

from yunjishi.core.fields import Bool, DateTime, Id, IdParam, Line, Number, Text
from yunjishi.orgs.schemas import OrgRef

from . import identity, queries, rules, services
from .models import Complexity, Satisfaction, Severity, Status, Target


class CategoryOut(Schema):
    id: int
    name: str
    description: str
    default_severity: str


class AppealEventOut(Schema):
    at: dt.datetime
    kind: str
    label: str
    who: str
    to_status: str
    to_label: str
    note: str


class AppealOut(Schema):
    id: int
    tracking_number: str
    title: str
    category: str
    severity: str
    status: str
    status_label: str
    org: OrgRef
    handling_org: OrgRef
    is_anonymous: bool
    submitted_at: dt.datetime
    accept_due_at: dt.datetime | None
    due_at: dt.datetime | None
    clock_paused: bool
    overdue: bool
    complexity: str
    answer: str
    outcome: str
    satisfaction: str
    reopened: bool
    followers: int

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.name

    @staticmethod
    def resolve_org(obj, context):
        # An anonymous sender's union only when it is big enough to hide in.
        return identity.union_shown(obj, context["request"].auth)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_clock_paused(obj) -> bool:
        return obj.paused_at is not None

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.overdue_since is not None

    @staticmethod
    def resolve_followers(obj) -> int:
        found = getattr(obj, "follower_count", None)  # annotated by the lists
        return obj.followers.count() if found is None else found


class MyAppealOut(AppealOut):
    """What the worker reads of an appeal they sent or follow."""

    mine: bool
    text: str
    place: str
    events: list[AppealEventOut]

    @staticmethod
    def resolve_mine(obj, context) -> bool:
        return obj.submitter_id == context["request"].auth.pk

    @staticmethod
    def resolve_text(obj, context) -> str:
        return obj.text if obj.submitter_id == context["request"].auth.pk else ""

    @staticmethod
    def resolve_place(obj, context) -> str:
        return obj.place if obj.submitter_id == context["request"].auth.pk else ""

    @staticmethod
    def resolve_events(obj, context) -> list[dict]:
        return queries.timeline(obj, context["request"].auth, staff=False)


class StaffAppealOut(AppealOut):
    """Never a user id, name or phone of the sender: ``submitter`` is a label."""

    submitter: str
    handler: str
    tracker: str
    supervisor: str
    under_supervision: bool
    overdue_periods: int

    @staticmethod
    def resolve_submitter(obj, context) -> str:
        return identity.submitter_label(obj, context["request"].auth)

    @staticmethod
    def resolve_handler(obj) -> str:
        return str(obj.handler or "")

    @staticmethod
    def resolve_tracker(obj) -> str:
        return str(obj.tracker or "")

    @staticmethod
    def resolve_supervisor(obj) -> str:
        return str(obj.supervisor or "")

    @staticmethod
    def resolve_under_supervision(obj) -> bool:
        found = getattr(obj, "under_supervision", None)
        if found is None:
            return obj.supervisions.filter(closed_at__isnull=True).exists()
        return found


class StaffAppealDetailOut(StaffAppealOut):
    text: str
    place: str
    events: list[AppealEventOut]

    @staticmethod
    def resolve_events(obj, context) -> list[dict]:
        return queries.timeline(obj, context["request"].auth, staff=True)


class SimilarOut(Schema):
    id: int
    tracking_number: str
    title: str
    category: str
    status_label: str
    similarity: float

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())


class DraftIn(Schema):
    title: Annotated[str, Line(100)] = ""
    text: Annotated[str, Text(2000)] = ""
    org_id: Id | None = None


class SubmitIn(Schema):
    category_id: Id
    title: Annotated[str, Line(100)]
    text: Annotated[str, Text(2000)]
    org_id: Id | None = None
    place: Annotated[str, Line(200)] = ""
    severity: Severity | None = None
    anonymous: Bool = False


class TextIn(Schema):
    text: Annotated[str, Text(2000)]


class AppealRateIn(Schema):
    satisfaction: Satisfaction
    comment: Annotated[str, Text(500)] = ""


class AcceptIn(Schema):
    complexity: Complexity | None = None


class ComplexityIn(Schema):
    complexity: Complexity


class QuestionIn(Schema):
    question: Annotated[str, Text(2000)]


class ResolveIn(Schema):
    answer: Annotated[str, Text(2000)]
    outcome: Status = Status.RESOLVED


class ReassignIn(Schema):
    org_id: Id
    reason: Annotated[str, Text(500)]


class MergeIn(Schema):
    into_id: Id


class SuperviseIn(Schema):
    instructions: Annotated[str, Text(2000)]
    deadline: DateTime


class RevealIn(Schema):
    reason: Annotated[str, Text(500)]


class IdentityOut(Schema):
    name: str
    phone: str
    org: str


class BulkIn(Schema):
    action: Literal[tuple(services.BULK_ACTIONS)]  # type: ignore[valid-type]
    ids: list[Id] = Field(max_length=200)
    org_id: Id | None = None
    reason: Annotated[str, Text(500)] = ""


class BulkOut(Schema):
    done: list[int]
    refused: dict[str, str]


class QueueFilters(Schema):
    queue: Literal["todo", "in_progress", "overdue", "supervised", "solved", "all"] = "todo"
    status: Status | None = None
    category_id: IdParam | None = None
    org_id: IdParam | None = None
    q: Annotated[str, Line(50)] = ""


class SupervisionOut(Schema):
    id: int
    appeal_id: int
    tracking_number: str
    title: str
    instructions: str
    deadline: dt.datetime
    by: str
    past_deadline: bool

    @staticmethod
    def resolve_tracking_number(obj) -> str:
        return obj.appeal.tracking_number

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.appeal.title

    @staticmethod
    def resolve_by(obj) -> str:
        return str(obj.by)

    @staticmethod
    def resolve_past_deadline(obj) -> bool:
        return obj.reminded_at is not None


class RuleOut(Schema):
    id: int
    org: OrgRef
    category_id: int | None
    category: str
    severity: str
    target: str
    target_label: str
    handling_org: OrgRef | None
    may_change: bool

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.name if obj.category_id else ""

    @staticmethod
    def resolve_target_label(obj) -> str:
        return str(obj.get_target_display())

    @staticmethod
    def resolve_may_change(obj, context) -> bool:
        return rules.may_change_rule(context["request"].auth, obj)


class RuleIn(Schema):
    org_id: Id
    category_id: Id | None = None
    severity: Severity | None = None
    target: Target
    handling_org_id: Id | None = None


class StaffCategoryOut(Schema):
    id: int
    name: str
    description: str
    default_severity: str
    sort: int
    is_active: bool


class CategoryIn(Schema):
    name: Annotated[str, Line(50, min_length=1)]
    description: Annotated[str, Text(200)] = ""
    default_severity: Severity = Severity.MINOR
    sort: Annotated[int, Number(0, 32767)] = 100
    is_active: Bool = True
