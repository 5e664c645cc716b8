"""Staff side of 云履职 over the API (/api/proposals/staff/): the review, handling and
supervision queues, every decision, suggestions, visits (masked), figures and a
representative's duty report. Lists go through ``visible_to``; decisions through
``services``."""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Path, Router
from ninja.pagination import paginate

from yunjishi.core.errors import NotAllowed
from yunjishi.core.fields import Date, IdParam, Line
from yunjishi.core.validators import MAX_ROW_ID, Paging
from yunjishi.orgs.models import Org
from yunjishi.people.models import MemberProfile
from yunjishi.people.scope import chosen_org, is_staff_member

from . import queries, report, services, stats
from .models import ContactVisit, ProposalStatus, SuggestionStatus
from .schemas import (
    AnswerIn,
    AssignIn,
    CheckIn,
    FiguresOut,
    NoteIn,
    ReasonIn,
    ReplyIn,
    ReportOut,
    StaffProposalDetailOut,
    StaffProposalOut,
    StaffSuggestionDetailOut,
    StaffSuggestionOut,
    StaffVisitOut,
)

router = Router(tags=["proposals staff"])


def _staff(request):
    if not is_staff_member(request.auth):
        raise NotAllowed()
    return request.auth


def _proposal(request, pk: IdParam):
    return get_object_or_404(queries.staff_proposals(_staff(request)), pk=pk)


@router.get("/review", response=list[StaffProposalOut], summary="Waiting for group review")
@paginate(Paging)
def review_queue(request):
    return services.review_queue(_staff(request)).order_by("updated_at", "id")


@router.get("/handling", response=list[StaffProposalOut], summary="To assign or to answer")
@paginate(Paging)
def handling_queue(request):
    return services.handling_queue(_staff(request)).order_by("updated_at", "id")


@router.get(
    "/supervision", response=list[StaffProposalOut], summary="Answered: 执行督查 and feedback"
)
@paginate(Paging)
def supervision_queue(request):
    return services.supervision_queue(_staff(request)).order_by("updated_at", "id")


@router.get("/proposals", response=list[StaffProposalOut], summary="Every proposal I may see")
@paginate(Paging)
def proposal_list(request, status: Annotated[str, Line(16)] = ""):
    found = queries.staff_proposals(_staff(request))
    if status and status not in ProposalStatus.values:
        raise ValidationError({"status": [_("Choose one of the allowed values.")]})
    return found.filter(status=status) if status else found


@router.get("/proposals/{int:pk}", response=StaffProposalDetailOut, summary="A proposal")
def proposal_detail(request, pk: IdParam):
    return _proposal(request, pk)


@router.post(
    "/proposals/{int:pk}/review", response=StaffProposalDetailOut, summary="小组审议: take up"
)
def start_review(request, pk: IdParam, payload: NoteIn | None = None):
    note = payload.note if payload else ""
    return services.start_review(request.auth, _proposal(request, pk), note)


@router.post("/proposals/{int:pk}/accept", response=StaffProposalDetailOut, summary="立案")
def accept(request, pk: IdParam, payload: NoteIn | None = None):
    note = payload.note if payload else ""
    return services.accept(request.auth, _proposal(request, pk), note)


@router.post("/proposals/{int:pk}/convert", response=StaffProposalDetailOut, summary="转为建议")
def convert(request, pk: IdParam, payload: NoteIn | None = None):
    note = payload.note if payload else ""
    return services.convert(request.auth, _proposal(request, pk), note)


@router.post(
    "/proposals/{int:pk}/decline", response=StaffProposalDetailOut, summary="不予立案 (reason)"
)
def decline(request, pk: IdParam, payload: ReasonIn):
    return services.decline(request.auth, _proposal(request, pk), payload.reason)


@router.post(
    "/proposals/{int:pk}/assign", response=StaffProposalDetailOut, summary="办理落实: assign"
)
def assign(request, pk: IdParam, payload: AssignIn):
    proposal = _proposal(request, pk)
    org = None
    if payload.handling_org_id is not None:
        org = Org.objects.filter(pk=payload.handling_org_id).first()
    return services.assign(request.auth, proposal, org, payload.department, payload.note)


@router.post(
    "/proposals/{int:pk}/answer", response=StaffProposalDetailOut, summary="The department answers"
)
def answer(request, pk: IdParam, payload: AnswerIn):
    return services.answer(request.auth, _proposal(request, pk), payload.answer)


@router.post(
    "/proposals/{int:pk}/check",
    response=StaffProposalDetailOut,
    summary="执行督查: passed, or sent back with a note",
)
def check(request, pk: IdParam, payload: CheckIn):
    proposal = _proposal(request, pk)
    return services.check(
        request.auth, proposal, passed=payload.passed, note=payload.note, seen=payload.version
    )


# --- Suggestions ------------------------------------------------------------------------------


@router.get("/suggestions", response=list[StaffSuggestionOut], summary="Suggestions to answer")
@paginate(Paging)
def suggestion_list(request, include_resolved: bool = False):
    found = services.suggestion_queue(_staff(request))
    if not include_resolved:
        found = found.exclude(status=SuggestionStatus.RESOLVED)
    return found.order_by("updated_at", "id")


def _suggestion(request, pk: IdParam):
    return get_object_or_404(queries.staff_suggestions(_staff(request)), pk=pk)


@router.get("/suggestions/{int:pk}", response=StaffSuggestionDetailOut, summary="A suggestion")
def suggestion_detail(request, pk: IdParam):
    return _suggestion(request, pk)


@router.post(
    "/suggestions/{int:pk}/take-up", response=StaffSuggestionDetailOut, summary="Take it up"
)
def take_up(request, pk: IdParam, payload: NoteIn | None = None):
    note = payload.note if payload else ""
    return services.take_up_suggestion(request.auth, _suggestion(request, pk), note)


@router.post(
    "/suggestions/{int:pk}/resolve", response=StaffSuggestionDetailOut, summary="Reply, resolve"
)
def resolve(request, pk: IdParam, payload: ReplyIn):
    return services.resolve_suggestion(request.auth, _suggestion(request, pk), payload.reply)


# --- Visits, figures, duty reports ------------------------------------------------------------


@router.get("/visits", response=list[StaffVisitOut], summary="Visits to key contacts (masked)")
@paginate(Paging)
def visit_list(request):
    user = _staff(request)
    return (
        ContactVisit.objects.visible_to(user)
        .exclude(representative=user)
        .select_related("representative__member_profile", "org")
    )


@router.get("/figures", response=FiguresOut, summary="Figures for an org subtree")
def figures(request, org_id: IdParam | None = None):
    org = chosen_org(_staff(request), org_id)
    return {"org": org, **stats.figures(org)}


@router.get(
    "/representatives/{int:user_id}/report",
    response=ReportOut,
    summary="A representative's 履职报告 (default: this year)",
)
def representative_report(
    request,
    user_id: Annotated[int, Path(ge=1, le=MAX_ROW_ID)],
    start: Date | None = None,
    end: Date | None = None,
):
    user = _staff(request)
    profile = get_object_or_404(
        MemberProfile.objects.visible_to(user)
        .exclude(user=user)
        .filter(is_representative=True)
        .select_related("user"),
        user_id=user_id,
    )
    if start is None and end is None:
        start, end = report.this_year()
    return report.duty_report(profile.user, start, end)
