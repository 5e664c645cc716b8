"""云履职 over the API (/api/proposals/): a representative's proposals, suggestions, visits
and duty report; the staff side lives in ``api_staff`` under /api/proposals/staff/.

Handlers only translate; the rules live in ``services`` and ``report``, and their refusals
become ``{"code", "message", "fields"}`` in ``yunjishi.api``. Anything outside the caller's
reach is 404; the representative pages' 403 rule holds here too."""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from yunjishi.core.errors import NotAllowed
from yunjishi.core.fields import Date, IdParam, Line
from yunjishi.core.validators import Paging
from yunjishi.orgs.models import Org
from yunjishi.orgs.schemas import OrgRef

from . import queries, report, services
from .api_staff import router as staff_router
from .schemas import (
    ItemIn,
    NoteIn,
    ProposalDetailOut,
    ProposalOut,
    ProposalRateIn,
    ReportOut,
    SuggestionDetailOut,
    SuggestionOut,
    VisitIn,
    VisitOut,
)

router = Router(tags=["proposals"])
router.add_router("/staff", staff_router)


def _representative(request):
    if services.representative_profile(request.auth) is None:
        raise NotAllowed(_("Only member representatives may do this."), code="not_representative")
    return request.auth


def _org(org_id: int | None) -> Org | None:
    if org_id is None:
        return None
    org = Org.objects.filter(pk=org_id).first()
    if org is None:
        raise ValidationError({"org_id": [_("Choose your own union or one above it.")]})
    return org


def _item_args(payload: ItemIn) -> dict:
    return {
        "title": payload.title,
        "text": payload.text,
        "category": payload.category,
        "org": _org(payload.org_id),
    }


@router.get("/orgs", response=list[OrgRef], summary="Unions I may submit to")
def submission_orgs(request):
    profile = services.representative_profile(_representative(request))
    return services.submission_orgs(profile)


# --- Proposals --------------------------------------------------------------------------------


@router.get("/mine", response=list[ProposalOut], summary="My proposals")
@paginate(Paging)
def my_proposals(request, status: Annotated[str, Line(16)] = ""):
    found = queries.my_proposals(_representative(request))
    return found.filter(status=status) if status else found


@router.post("/", response={201: ProposalDetailOut}, summary="线上提交: submit a proposal")
def submit_proposal(request, payload: ItemIn):
    proposal = services.submit_proposal(request.auth, **_item_args(payload))
    return Status(201, proposal)


def _mine(request, pk: IdParam):
    return get_object_or_404(queries.my_proposals(_representative(request)), pk=pk)


@router.get("/{int:pk}", response=ProposalDetailOut, summary="My proposal with its history")
def proposal_detail(request, pk: IdParam):
    return _mine(request, pk)


@router.post(
    "/{int:pk}/rate", response=ProposalDetailOut, summary="总结反馈: rate the answer (closes it)"
)
def rate(request, pk: IdParam, payload: ProposalRateIn):
    return services.rate(request.auth, _mine(request, pk), payload.rating, payload.comment)


# --- Suggestions ------------------------------------------------------------------------------


@router.get("/suggestions", response=list[SuggestionOut], summary="My suggestions")
@paginate(Paging)
def my_suggestions(request):
    return queries.my_suggestions(_representative(request))


@router.post("/suggestions", response={201: SuggestionDetailOut}, summary="Raise a suggestion")
def submit_suggestion(request, payload: ItemIn):
    suggestion = services.submit_suggestion(request.auth, **_item_args(payload))
    return Status(201, suggestion)


@router.get(
    "/suggestions/{int:pk}", response=SuggestionDetailOut, summary="My suggestion with history"
)
def suggestion_detail(request, pk: IdParam):
    return get_object_or_404(queries.my_suggestions(_representative(request)), pk=pk)


# --- Visits -----------------------------------------------------------------------------------


@router.get("/visits", response=list[VisitOut], summary="My visits to key contacts")
@paginate(Paging)
def my_visits(request):
    return queries.my_visits(_representative(request)).select_related("org")


@router.post("/visits", response={201: VisitOut}, summary="Record a visit to a key contact")
def record_visit(request, payload: VisitIn):
    visit = services.record_visit(request.auth, **payload.dict())
    return Status(201, visit)


def _visit(request, pk: IdParam):
    return get_object_or_404(queries.my_visits(_representative(request)), pk=pk)


@router.get("/visits/{int:pk}", response=VisitOut, summary="One of my visits")
def visit_detail(request, pk: IdParam):
    return _visit(request, pk)


@router.post("/visits/{int:pk}/follow-up", response=VisitOut, summary="Mark followed up")
def follow_up(request, pk: IdParam, payload: NoteIn):
    return services.complete_follow_up(request.auth, _visit(request, pk), payload.note)


# --- Duty report ------------------------------------------------------------------------------


@router.get("/report", response=ReportOut, summary="履职报告 for a period (default: this year)")
def duty_report(request, start: Date | None = None, end: Date | None = None):
    user = _representative(request)
    if start is None and end is None:
        start, end = report.this_year()
    return report.duty_report(user, start, end)
