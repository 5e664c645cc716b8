"""The demand side over the API (/api/market/demand/): surveys for staff, answering by an
enterprise's token for anyone, and the demand classification list with its matching."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.utils import check_csrf

from yunjishi.core.errors import NotAllowed
from yunjishi.core.validators import Paging
from yunjishi.orgs.schemas import OrgRef
from yunjishi.people.auth import TokenAuth
from yunjishi.people.scope import chosen_org, is_staff_member, top_orgs

from . import demand
from .models_demand import Survey, SurveyLink

router = Router(tags=["market demand"])


# --- Schemas -------------------------------------------------------------------------------


class ChoiceIn(Schema):
    text: str
    category: str = ""


class SurveyQuestionIn(Schema):
    text: str
    kind: str
    required: bool | None = None
    choices: list[ChoiceIn] = []


class SurveyIn(Schema):
    title: str
    intro: str = ""
    org_id: int | None = None
    anonymous_allowed: bool = True
    questions: list[SurveyQuestionIn] = []


class OpenIn(Schema):
    is_open: bool


class ChoiceOut(Schema):
    id: int
    text: str
    category: str


class QuestionOut(Schema):
    id: int
    text: str
    kind: str
    required: bool
    order: int
    choices: list[ChoiceOut]

    @staticmethod
    def resolve_choices(obj) -> list:
        return list(obj.choices.all())


class SurveyOut(Schema):
    id: int
    title: str
    intro: str
    org: OrgRef
    anonymous_allowed: bool
    is_open: bool
    created_at: dt.datetime
    questions: list[QuestionOut]
    responses: int

    @staticmethod
    def resolve_questions(obj) -> list:
        return list(obj.questions.all())

    @staticmethod
    def resolve_responses(obj) -> int:
        return obj.responses.count()


class LinkOut(Schema):
    id: int
    org: OrgRef
    token: str
    url: str
    qr_url: str


class PublicChoiceOut(Schema):
    id: int
    text: str


class PublicQuestionOut(Schema):
    id: int
    text: str
    kind: str
    required: bool
    choices: list[PublicChoiceOut]

    @staticmethod
    def resolve_choices(obj) -> list:
        return list(obj.choices.all())


class PublicSurveyOut(Schema):
    title: str
    intro: str
    enterprise: OrgRef
    anonymous_allowed: bool
    is_open: bool
    questions: list[PublicQuestionOut]


class SurveyAnswerIn(Schema):
    question_id: int
    choice_ids: list[int] = []
    text: str = ""


class SurveySubmitIn(Schema):
    answers: list[SurveyAnswerIn]
    signed: bool = False


class SubmitOut(Schema):
    id: int
    submitted_at: dt.datetime
    signed: bool


class OrgCount(Schema):
    id: int
    name: str
    count: int


class DemandRow(Schema):
    category: str
    label: str
    is_domain: bool
    count: int
    respondents: int
    orgs: list[OrgCount]


class ProviderRef(Schema):
    id: int
    name: str
    title: str


class MatchedListing(Schema):
    id: int
    title: str
    domain: str
    provider: ProviderRef


class MatchRow(DemandRow):
    gap: bool
    listings: list[MatchedListing]
    providers: list[ProviderRef]
    candidates: list[ProviderRef]


# --- Staff ---------------------------------------------------------------------------------


def _staff(request):
    if not is_staff_member(request.auth):
        raise NotAllowed()
    return request.auth


def _survey(request, pk: int) -> Survey:
    queryset = Survey.objects.visible_to(_staff(request)).select_related("org")
    return get_object_or_404(queryset, pk=pk)


def _link_out(request, link: SurveyLink) -> dict:
    return {
        "id": link.pk,
        "org": link.org,
        "token": link.token,
        "url": request.build_absolute_uri(reverse("market:demand_answer", args=[link.token])),
        "qr_url": request.build_absolute_uri(reverse("market:demand_qr", args=[link.token])),
    }


@router.get("/surveys", response=list[SurveyOut], summary="Surveys in my part of the union")
@paginate(Paging)
def surveys(request):
    return (
        Survey.objects.visible_to(_staff(request))
        .select_related("org")
        .prefetch_related("questions__choices")
    )


@router.post("/surveys", response={201: SurveyOut}, summary="Create a survey with its questions")
def create_survey(request, payload: SurveyIn):
    user = _staff(request)
    orgs = top_orgs(user)
    org = orgs.first() if payload.org_id is None else chosen_org(user, payload.org_id)
    if org is None:
        raise NotAllowed()
    survey = demand.create_survey(
        user,
        org,
        payload.title,
        payload.intro,
        anonymous_allowed=payload.anonymous_allowed,
        questions=[question.model_dump() for question in payload.questions],
    )
    return Status(201, survey)


@router.get("/surveys/{pk}", response=SurveyOut, summary="A survey and its questions")
def survey(request, pk: int):
    return _survey(request, pk)


@router.post("/surveys/{pk}/questions", response={201: QuestionOut}, summary="Add a question")
def add_question(request, pk: int, payload: SurveyQuestionIn):
    question = demand.add_question(
        request.auth,
        _survey(request, pk),
        payload.text,
        payload.kind,
        [choice.model_dump() for choice in payload.choices],
        required=payload.required,
    )
    return Status(201, question)


@router.post("/surveys/{pk}/open", response=SurveyOut, summary="Open or close a survey")
def set_open(request, pk: int, payload: OpenIn):
    return demand.set_open(request.auth, _survey(request, pk), payload.is_open)


@router.get("/surveys/{pk}/links", response=list[LinkOut], summary="Enterprise links (一企一码)")
def links(request, pk: int):
    survey = _survey(request, pk)
    rows = SurveyLink.objects.visible_to(request.auth).filter(survey=survey).select_related("org")
    return [_link_out(request, link) for link in rows]


@router.post("/surveys/{pk}/links", response=list[LinkOut], summary="Make the enterprise links")
def make_links(request, pk: int):
    made = demand.generate_links(request.auth, _survey(request, pk))
    return [_link_out(request, link) for link in made]


@router.get(
    "/surveys/{pk}/classification", response=list[DemandRow], summary="A survey's demand list"
)
def survey_classification(request, pk: int):
    return demand.survey_classification(_survey(request, pk))


@router.get("/surveys/{pk}/matching", response=list[MatchRow], summary="A survey's matching")
def survey_matching(request, pk: int):
    return demand.matching(demand.survey_classification(_survey(request, pk)))


@router.get("/classification", response=list[DemandRow], summary="Demand list of an org subtree")
def classification(request, org_id: int | None = None):
    return demand.org_classification(chosen_org(_staff(request), org_id))


@router.get("/matching", response=list[MatchRow], summary="Matching for an org subtree")
def matching(request, org_id: int | None = None):
    return demand.matching(demand.org_classification(chosen_org(_staff(request), org_id)))


# --- Answering by token (anyone) ----------------------------------------------------------


def _respondent(request):
    """A bearer token's user, the session's user (CSRF checked), or an anonymous visitor."""
    if request.headers.get("Authorization"):
        user = TokenAuth()(request)
        if user is None:
            raise HttpError(401, _("Your token is not valid."))
        return user
    if request.user.is_authenticated:
        if check_csrf(request):
            raise HttpError(403, _("The security check (CSRF) failed; reload the page."))
        return request.user
    return AnonymousUser()


def _link(token: str) -> SurveyLink:
    link = demand.link_for_token(token)
    if link is None:
        raise Http404
    return link


@router.get("/s/{token}", response=PublicSurveyOut, auth=None, summary="A survey by its token")
def public_survey(request, token: str):
    link = _link(token)
    survey = link.survey
    return {
        "title": survey.title,
        "intro": survey.intro,
        "enterprise": link.org,
        "anonymous_allowed": survey.anonymous_allowed,
        "is_open": survey.is_open,
        "questions": survey.questions.prefetch_related("choices"),
    }


@router.post("/s/{token}", response={201: SubmitOut}, auth=_respondent, summary="Answer a survey")
def submit(request, token: str, payload: SurveySubmitIn):
    given: dict[int, list[str]] = {}
    for answer in payload.answers:
        values = [str(pk) for pk in answer.choice_ids] + ([answer.text] if answer.text else [])
        given.setdefault(answer.question_id, []).extend(values)
    response = demand.submit_response(_link(token), request.auth, given, signed=payload.signed)
    return Status(201, response)
