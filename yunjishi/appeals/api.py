"""Appeals over the API (/api/appeals/): submit, follow, answer and rate as a worker;
queues, every handling action, 督办, statistics as staff; public figures for anyone.

Handlers only translate; the rules live in ``services``. Appeals outside the caller's
scope are 404. The sender of an anonymous appeal never appears in a staff answer: staff
schemas carry ``submitter`` (a label from ``identity``), never a user id, name or phone.
"""

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status as HttpStatus

from yunjishi.core.errors import NotAllowed
from yunjishi.core.validators import MAX_ROW_ID, Paging
from yunjishi.core.views import message_of
from yunjishi.orgs.models import Org
from yunjishi.people.scope import orgs_in_scope, top_orgs

from . import api_rules, export, following, identity, queries, services, stats, supervision
from .api_base import AppealOrgRef, staff_user
from .models import (
    Appeal,
    Category,
    Complexity,
    Satisfaction,
    Severity,
    Status,
    Supervision,
)

router = Router(tags=["appeals"])
staff_router = Router(tags=["appeals: staff"])
public_router = Router(tags=["appeals: public"], auth=None)


# --- Schemas ---------------------------------------------------------------------------


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
    org: AppealOrgRef
    handling_org: AppealOrgRef
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
    title: str = Field("", max_length=100)
    text: str = Field("", max_length=2000)
    org_id: int | None = None


class SubmitIn(Schema):
    category_id: int
    title: str = Field(max_length=100)
    text: str = Field(max_length=2000)
    org_id: int | None = None
    place: str = Field("", max_length=200)
    severity: Severity | None = None
    anonymous: bool = False


class TextIn(Schema):
    text: str = Field(max_length=2000)


class AppealRateIn(Schema):
    satisfaction: Satisfaction
    comment: str = Field("", max_length=500)


class AcceptIn(Schema):
    complexity: Complexity | None = None


class ComplexityIn(Schema):
    complexity: Complexity


class QuestionIn(Schema):
    question: str = Field(max_length=2000)


class ResolveIn(Schema):
    answer: str = Field(max_length=2000)
    outcome: Status = Status.RESOLVED


class ReassignIn(Schema):
    org_id: int
    reason: str = Field(max_length=500)


class MergeIn(Schema):
    into_id: int


class SuperviseIn(Schema):
    instructions: str = Field(max_length=2000)
    deadline: dt.datetime


class RevealIn(Schema):
    reason: str = Field(max_length=500)


class IdentityOut(Schema):
    name: str
    phone: str
    org: str


class BulkIn(Schema):
    action: str = Field(pattern=f"^({'|'.join(services.BULK_ACTIONS)})$")
    ids: list[Annotated[int, Field(ge=1, le=MAX_ROW_ID)]] = Field(max_length=200)
    org_id: int | None = None
    reason: str = Field("", max_length=500)


class BulkOut(Schema):
    done: list[int]
    refused: dict[str, str]


class QueueFilters(Schema):
    queue: str = Field("todo", pattern="^(todo|in_progress|overdue|supervised|solved|all)$")
    status: Status | None = None
    category_id: int | None = None
    org_id: int | None = None
    q: str = Field("", max_length=50)


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


# --- Helpers ---------------------------------------------------------------------------


def _org(org_id: int | None, field: str = "org_id") -> Org | None:
    if org_id is None:
        return None
    org = Org.objects.filter(pk=org_id, is_active=True).first()
    if org is None:
        raise ValidationError({field: [_("No such union.")]})
    return org


def _staff_appeal(request, pk: int) -> Appeal:
    return get_object_or_404(queries.staff_appeals(staff_user(request)), pk=pk)


def _mine_or_followed(request, pk: int) -> Appeal:
    return get_object_or_404(queries.worker_appeals(request.auth), pk=pk)


def _mine(request, pk: int) -> Appeal:
    return get_object_or_404(queries.own_appeals(request.auth), pk=pk)


# --- Workers ---------------------------------------------------------------------------


@router.get("/categories", response=list[CategoryOut], summary="The categories offered")
def category_list(request):
    return Category.objects.filter(is_active=True)


@router.post("/similar", response=list[SimilarOut], summary="Open appeals like a draft")
def similar_list(request, payload: DraftIn):
    org = _org(payload.org_id) or services.default_org(request.auth)
    return following.similar_for(request.auth, org, payload.title, payload.text)


@router.post("", response={201: MyAppealOut}, summary="Submit an appeal; photos come after")
def submit(request, payload: SubmitIn):
    category = Category.objects.filter(pk=payload.category_id).first()
    appeal = services.submit(
        request.auth,
        category=category,
        title=payload.title,
        text=payload.text,
        org=_org(payload.org_id),
        place=payload.place,
        severity=payload.severity or "",
        anonymous=payload.anonymous,
    )
    return HttpStatus(201, appeal)


@router.post(
    "/{pk}/photos",
    response={201: MyAppealOut},
    summary="Add photos to my appeal (multipart, before it is accepted)",
)
def add_photos(request, pk: int, photos: File[list[UploadedFile]]):
    appeal = _mine(request, pk)
    services.add_photos(request.auth, appeal, photos)
    return HttpStatus(201, _mine(request, pk))


@router.get("", response=list[MyAppealOut], summary="My appeals and those I follow")
@paginate(Paging)
def my_list(request):
    return queries.worker_appeals(request.auth).prefetch_related(queries.public_events())


@router.get("/{pk}", response=MyAppealOut, summary="One of my appeals, with its timeline")
def my_detail(request, pk: int):
    return _mine_or_followed(request, pk)


@router.post("/{pk}/follow", response=MyAppealOut, summary="Follow instead of filing again")
def follow(request, pk: int):
    appeal = get_object_or_404(Appeal, pk=pk)  # the service answers 404 outside its scope
    following.follow(request.auth, appeal)
    return _mine_or_followed(request, pk)


@router.delete("/{pk}/follow", response={204: None}, summary="Stop following")
def unfollow(request, pk: int):
    following.unfollow(request.auth, _mine_or_followed(request, pk))
    return HttpStatus(204, None)


@router.post("/{pk}/answer", response=MyAppealOut, summary="Give the information asked for")
def answer(request, pk: int, payload: TextIn):
    return services.answer_info(request.auth, _mine(request, pk), payload.text)


@router.post("/{pk}/rate", response=MyAppealOut, summary="满意 / 基本满意 / 不满意")
def rate(request, pk: int, payload: AppealRateIn):
    return services.rate(request.auth, _mine(request, pk), payload.satisfaction, payload.comment)


# --- Staff -----------------------------------------------------------------------------


def _queue(request, filters: QueueFilters):
    user = staff_user(request)
    org = None
    if filters.org_id is not None:
        org = get_object_or_404(orgs_in_scope(user), pk=filters.org_id)
    category = Category.objects.filter(pk=filters.category_id).first()
    if filters.category_id is not None and category is None:
        return Appeal.objects.none()
    return queries.queue(
        user, filters.queue, status=filters.status or "", category=category, org=org, text=filters.q
    )


@staff_router.get("/appeals", response=list[StaffAppealOut], summary="A workbench queue")
@paginate(Paging)
def queue(request, filters: Query[QueueFilters]):
    return _queue(request, filters)


@staff_router.get(
    "/export",
    summary="A workbench queue as an Excel file (senders of anonymous appeals left out)",
)
def export_xlsx(request, filters: Query[QueueFilters]):
    found = _queue(request, filters)
    response = HttpResponse(
        export.workbook(found[: export.MAX_ROWS], request.auth), content_type=export.CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="appeals-{filters.queue}.xlsx"'
    return response


@staff_router.get("/counts", response=dict[str, int], summary="How many in each queue")
def counts(request):
    return queries.queue_counts(staff_user(request))


@staff_router.get("/appeals/{pk}", response=StaffAppealDetailOut, summary="One appeal")
def staff_detail(request, pk: int):
    return _staff_appeal(request, pk)


@staff_router.post("/appeals/{pk}/accept", response=StaffAppealDetailOut, summary="受理")
def accept(request, pk: int, payload: AcceptIn | None = None):
    complexity = payload.complexity if payload and payload.complexity else ""
    services.accept(request.auth, _staff_appeal(request, pk), complexity)
    return _staff_appeal(request, pk)


@staff_router.post("/appeals/{pk}/start", response=StaffAppealDetailOut, summary="办理中")
def start(request, pk: int):
    services.start(request.auth, _staff_appeal(request, pk))
    return _staff_appeal(request, pk)


@staff_router.post(
    "/appeals/{pk}/complexity", response=StaffAppealDetailOut, summary="一般 / 疑难 / 复杂"
)
def complexity(request, pk: int, payload: ComplexityIn):
    services.set_complexity(request.auth, _staff_appeal(request, pk), payload.complexity)
    return _staff_appeal(request, pk)


@staff_router.post(
    "/appeals/{pk}/ask", response=StaffAppealDetailOut, summary="待补充: pauses the clock"
)
def ask(request, pk: int, payload: QuestionIn):
    services.request_info(request.auth, _staff_appeal(request, pk), payload.question)
    return _staff_appeal(request, pk)


@staff_router.post(
    "/appeals/{pk}/resolve", response=StaffAppealDetailOut, summary="已办结 or 已解释"
)
def resolve(request, pk: int, payload: ResolveIn):
    services.resolve(request.auth, _staff_appeal(request, pk), payload.answer, payload.outcome)
    return _staff_appeal(request, pk)


@staff_router.post(
    "/appeals/{pk}/reassign",
    response={200: StaffAppealDetailOut, 204: None},
    summary="Hand over with a reason (204 when it left your scope)",
)
def reassign(request, pk: int, payload: ReassignIn):
    org = _org(payload.org_id)
    services.reassign(request.auth, _staff_appeal(request, pk), org, payload.reason)
    found = queries.staff_appeals(request.auth).filter(pk=pk).first()
    return found if found is not None else HttpStatus(204, None)


@staff_router.post(
    "/appeals/{pk}/merge", response=StaffAppealDetailOut, summary="Merge a duplicate"
)
def merge(request, pk: int, payload: MergeIn):
    into = queries.staff_appeals(request.auth).filter(pk=payload.into_id).first()
    if into is None:
        raise ValidationError({"into_id": [_("That appeal is not in your part of the union.")]})
    services.merge(request.auth, _staff_appeal(request, pk), into)
    return _staff_appeal(request, pk)


@staff_router.post(
    "/appeals/{pk}/supervise", response={201: SupervisionOut}, summary="督办 (supervisors)"
)
def supervise(request, pk: int, payload: SuperviseIn):
    flagged = supervision.supervise(
        request.auth, _staff_appeal(request, pk), payload.instructions, payload.deadline
    )
    return HttpStatus(201, flagged)


@staff_router.post(
    "/appeals/{pk}/reveal",
    response=IdentityOut,
    summary="Who sent an anonymous appeal (supervisors; the reason is logged)",
)
def reveal(request, pk: int, payload: RevealIn):
    return identity.reveal(request.auth, _staff_appeal(request, pk), payload.reason)


@staff_router.post("/bulk", response=BulkOut, summary="Accept, start or hand over several")
def bulk(request, payload: BulkIn):
    user = staff_user(request)
    org = _org(payload.org_id) if payload.action == "reassign" else None
    if payload.action == "reassign" and org is None:
        raise ValidationError({"org_id": [_("Choose where to hand them.")]})
    done, refused = services.act_on_many(
        user, payload.ids, payload.action, org=org, reason=payload.reason
    )
    return {
        "done": [appeal.pk for appeal in done],
        "refused": {str(appeal.pk): message_of(error) for appeal, error in refused},
    }


@staff_router.get("/supervisions", response=list[SupervisionOut], summary="The 督办 board")
def supervisions(request):
    return (
        Supervision.objects.visible_to(staff_user(request))
        .filter(closed_at__isnull=True)
        .select_related("appeal", "by")
        .order_by("deadline", "id")[:200]
    )


@staff_router.get(
    "/board/reopened", response=list[StaffAppealOut], summary="Board: reopened, still open"
)
@paginate(Paging)
def board_reopened(request):
    return queries.reopened(staff_user(request))


@staff_router.get(
    "/board/past-due", response=list[StaffAppealOut], summary="Board: past the handling deadline"
)
@paginate(Paging)
def board_past_due(request):
    return queries.past_due(staff_user(request))


@staff_router.get("/stats", summary="Figures for an org subtree (办结率, 满意率…)")
def statistics(request, org_id: int | None = None, year: int | None = None):
    user = staff_user(request)
    if org_id is None:
        org = top_orgs(user).first()
        if org is None:
            raise NotAllowed(_("Only union staff may do this."))
    else:
        org = get_object_or_404(orgs_in_scope(user), pk=org_id)
    return stats.figures(org, year)


# --- Anyone ----------------------------------------------------------------------------


@public_router.get("/{code}", summary="Public figures of a union: 办结率 and satisfaction")
def public_figures(request, code: str):
    return stats.public_figures(get_object_or_404(Org, code=code, is_active=True))


router.add_router("/staff", staff_router)
router.add_router("/staff/rules", api_rules.rules_router)
router.add_router("/staff/categories", api_rules.categories_router)
router.add_router("/public", public_router)
