"""Shapes of the 云履职 API. Phones never appear; a visited person's phone only masked."""

import datetime as dt
from typing import Annotated

from ninja import Schema

from yunjishi.core.fields import MAX_INT, Bool, Date, Id, Line, Number, Text
from yunjishi.orgs.schemas import OrgRef

from . import queries


class PersonRef(Schema):
    id: int
    name: str


class ProposalEventOut(Schema):
    at: dt.datetime
    who: str
    action: str
    from_status: str
    to_status: str
    to_label: str
    note: str


class ProposalOut(Schema):
    id: int
    title: str
    text: str
    category: str
    category_label: str
    status: str
    status_label: str
    org: OrgRef
    handling_org: OrgRef
    department: str
    decision_note: str
    answer: str
    check_note: str
    rating: str
    rating_label: str
    rating_comment: str
    submitted_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None
    version: int

    @staticmethod
    def resolve_category_label(obj) -> str:
        return str(obj.get_category_display())

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_rating_label(obj) -> str:
        return str(obj.get_rating_display()) if obj.rating else ""


class ProposalDetailOut(ProposalOut):
    events: list[ProposalEventOut]
    suggestion_id: int | None

    @staticmethod
    def resolve_events(obj, context) -> list[dict]:
        return queries.timeline(obj, context["request"].auth)

    @staticmethod
    def resolve_suggestion_id(obj) -> int | None:
        suggestion = getattr(obj, "suggestion", None)
        return suggestion.pk if suggestion else None


class StaffProposalOut(ProposalOut):
    representative: PersonRef

    @staticmethod
    def resolve_representative(obj) -> dict:
        user = obj.representative
        return {"id": user.pk, "name": queries.representative_name(user)}


class StaffProposalDetailOut(StaffProposalOut):
    events: list[ProposalEventOut]
    suggestion_id: int | None
    may_review: bool
    may_handle: bool

    @staticmethod
    def resolve_events(obj, context) -> list[dict]:
        return queries.timeline(obj, context["request"].auth)

    @staticmethod
    def resolve_suggestion_id(obj) -> int | None:
        suggestion = getattr(obj, "suggestion", None)
        return suggestion.pk if suggestion else None

    @staticmethod
    def resolve_may_review(obj, context) -> bool:
        from .services import may_review

        return may_review(context["request"].auth, obj)

    @staticmethod
    def resolve_may_handle(obj, context) -> bool:
        from .services import may_handle

        return may_handle(context["request"].auth, obj)


class SuggestionOut(Schema):
    id: int
    title: str
    text: str
    category: str
    category_label: str
    status: str
    status_label: str
    org: OrgRef
    reply: str
    source_proposal_id: int | None
    submitted_at: dt.datetime
    updated_at: dt.datetime
    resolved_at: dt.datetime | None

    @staticmethod
    def resolve_category_label(obj) -> str:
        return str(obj.get_category_display())

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())


class SuggestionDetailOut(SuggestionOut):
    events: list[ProposalEventOut]

    @staticmethod
    def resolve_events(obj, context) -> list[dict]:
        return queries.suggestion_timeline(obj, context["request"].auth)


class StaffSuggestionOut(SuggestionOut):
    representative: PersonRef

    @staticmethod
    def resolve_representative(obj) -> dict:
        user = obj.representative
        return {"id": user.pk, "name": queries.representative_name(user)}


class StaffSuggestionDetailOut(StaffSuggestionOut):
    events: list[ProposalEventOut]

    @staticmethod
    def resolve_events(obj, context) -> list[dict]:
        return queries.suggestion_timeline(obj, context["request"].auth)


class VisitOut(Schema):
    """A visit as its representative sees it: the name they wrote, the phone masked."""

    id: int
    person_name: str
    person_situation: str
    person_phone_masked: str
    visited_on: dt.date
    notes: str
    follow_up: str
    follow_up_status: str
    follow_up_label: str
    follow_up_note: str
    followed_up_at: dt.datetime | None
    org: OrgRef

    @staticmethod
    def resolve_person_phone_masked(obj) -> str:
        return obj.masked_phone

    @staticmethod
    def resolve_follow_up_label(obj) -> str:
        return str(obj.get_follow_up_status_display())


class StaffVisitOut(Schema):
    """A visit as union staff see it: the person's name masked, no phone at all."""

    id: int
    representative: PersonRef
    person: str
    person_situation: str
    visited_on: dt.date
    notes: str
    follow_up: str
    follow_up_status: str
    follow_up_note: str
    org: OrgRef

    @staticmethod
    def resolve_person(obj) -> str:
        return obj.masked_person

    @staticmethod
    def resolve_representative(obj) -> dict:
        user = obj.representative
        return {"id": user.pk, "name": queries.representative_name(user)}


class ItemIn(Schema):
    title: Annotated[str, Line(100)] = ""
    text: Annotated[str, Text(5000)] = ""
    category: Annotated[str, Line(16)] = ""
    org_id: Id | None = None


class ProposalRateIn(Schema):
    rating: Annotated[str, Line(16)] = ""
    comment: Annotated[str, Text(2000)] = ""


class VisitIn(Schema):
    person_name: Annotated[str, Line(50)] = ""
    person_situation: Annotated[str, Text(2000)] = ""
    person_phone: Annotated[str, Line(20)] = ""
    visited_on: Date | None = None
    notes: Annotated[str, Text(5000)] = ""
    follow_up: Annotated[str, Text(2000)] = ""


class NoteIn(Schema):
    note: Annotated[str, Text(2000)] = ""


class ReasonIn(Schema):
    reason: Annotated[str, Text(2000)] = ""


class AssignIn(Schema):
    handling_org_id: Id | None = None
    department: Annotated[str, Line(100)] = ""
    note: Annotated[str, Text(2000)] = ""


class AnswerIn(Schema):
    answer: Annotated[str, Text(5000)] = ""


class CheckIn(Schema):
    passed: Bool
    note: Annotated[str, Text(2000)] = ""
    # The proposal's version as read: a check of an older answer is refused (409).
    version: Annotated[int, Number(0, MAX_INT)] | None = None


class ReplyIn(Schema):
    reply: Annotated[str, Text(2000)] = ""


class ReportCounts(Schema):
    proposals_submitted: int
    proposals_accepted: int
    proposals_converted: int
    proposals_declined: int
    proposals_closed: int
    suggestions_submitted: int
    suggestions_resolved: int
    visits: int
    follow_ups_done: int


class ReportAction(Schema):
    at: dt.datetime
    to_status: str
    to_label: str


class ReportProposal(Schema):
    id: int
    title: str
    category: str
    org: str
    submitted_at: dt.datetime
    status: str
    status_label: str
    outcome: str
    answer: str
    rating: str
    actions_in_period: list[ReportAction]


class ReportSuggestion(Schema):
    id: int
    title: str
    category: str
    org: str
    submitted_at: dt.datetime
    status: str
    status_label: str
    reply: str
    from_proposal: bool


class ReportVisit(Schema):
    id: int
    visited_on: dt.date
    person: str
    situation: str
    notes: str
    follow_up: str
    follow_up_status: str
    follow_up_label: str
    follow_up_note: str


class ReportOut(Schema):
    start: dt.date
    end: dt.date
    name: str
    counts: ReportCounts
    proposals: list[ReportProposal]
    suggestions: list[ReportSuggestion]
    visits: list[ReportVisit]


class FiguresOut(Schema):
    org: OrgRef
    total: int
    by_status: dict[str, int]
    by_category: dict[str, int]
    accepted: int
    accepted_and_closed: int
    decided: int
    acceptance_rate: float | None
    ratings: dict[str, int]
    satisfaction_rate: float | None
    suggestions: int
    suggestions_resolved: int
    suggestion_resolution_rate: float | None
    visits: int
