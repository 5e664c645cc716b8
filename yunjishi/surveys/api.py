"""Surveys over the API: answering by an enterprise's token for anyone at /api/surveys/s/
{token} (a visitor who is not logged in answers once per link and device: GET the survey
first, it gives the device cookie), and for staff under /api/surveys/staff/: surveys, their
links and the demand classification list.

Every endpoint is also served at its address from before surveys had an app of their own,
the same path under /api/market/demand/ (``legacy_router``, left out of the schema).
"""

from typing import Annotated

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.utils import check_csrf

from yunjishi.core.errors import NotAllowed
from yunjishi.core.fields import IdParam, Line
from yunjishi.core.validators import Paging
from yunjishi.people.auth import TokenAuth
from yunjishi.people.scope import chosen_org, is_staff_member

from . import services
from .device import device_of, remember_device
from .models import Survey, SurveyLink
from .schemas import (
    DemandRow,
    LinkOut,
    OpenIn,
    PublicSurveyOut,
    QuestionOut,
    SubmitOut,
    SurveyIn,
    SurveyOut,
    SurveyQuestionIn,
    SurveySubmitIn,
)

# An enterprise link's token, as ``SurveyLink.token`` holds it.
LinkToken = Annotated[str, Line(32)]

router = Router(tags=["surveys"])
staff_router = Router(tags=["surveys staff"])
legacy_router = Router(tags=["surveys"])


def route(method: str, path: str, *, staff: bool = True, **options):
    """Serve a handler at ``path`` under /api/surveys/staff (``staff``) or /api/surveys, and
    at the same path under /api/market/demand, its old address (not in the schema)."""

    def register(view):
        getattr(staff_router if staff else router, method)(path, **options)(view)
        getattr(legacy_router, method)(path, include_in_schema=False, **options)(view)
        return view

    return register


# --- Staff ---------------------------------------------------------------------------------


def _staff(request):
    if not is_staff_member(request.auth):
        raise NotAllowed()
    return request.auth


def _surveys(request):
    """The surveys the staffer sees, as ``SurveyOut`` reads them."""
    return (
        Survey.objects.visible_to(_staff(request))
        .with_counts()
        .select_related("org")
        .prefetch_related("questions__choices")
    )


def _survey(request, pk: IdParam) -> Survey:
    queryset = Survey.objects.visible_to(_staff(request)).select_related("org")
    return get_object_or_404(queryset, pk=pk)


def _link_out(request, link: SurveyLink) -> dict:
    return {
        "id": link.pk,
        "org": link.org,
        "token": link.token,
        "url": request.build_absolute_uri(reverse("surveys:answer", args=[link.token])),
        "qr_url": request.build_absolute_uri(reverse("surveys:staff_qr", args=[link.token])),
    }


@route("get", "/surveys", response=list[SurveyOut], summary="Surveys in my part of the union")
@paginate(Paging)
def surveys(request):
    return _surveys(request)


@route(
    "post",
    "/surveys",
    response={201: SurveyOut},
    summary="Create a survey with its questions",
)
def create_survey(request, payload: SurveyIn):
    user = _staff(request)
    survey = services.create_survey(
        user,
        chosen_org(user, payload.org_id),
        payload.title,
        payload.intro,
        anonymous_allowed=payload.anonymous_allowed,
        questions=[question.model_dump() for question in payload.questions],
    )
    return Status(201, _surveys(request).get(pk=survey.pk))


@route(
    "get",
    "/classification",
    response=list[DemandRow],
    summary="Demand list of an org subtree",
)
def classification(request, org_id: IdParam | None = None):
    return services.org_classification(chosen_org(_staff(request), org_id))


@route("get", "/surveys/{pk}", response=SurveyOut, summary="A survey and its questions")
def survey(request, pk: IdParam):
    return get_object_or_404(_surveys(request), pk=pk)


@route(
    "post",
    "/surveys/{pk}/questions",
    response={201: QuestionOut},
    summary="Add a question",
)
def add_question(request, pk: IdParam, payload: SurveyQuestionIn):
    question = services.add_question(
        request.auth,
        _survey(request, pk),
        payload.text,
        payload.kind,
        [choice.model_dump() for choice in payload.choices],
        required=payload.required,
    )
    return Status(201, question)


@route("post", "/surveys/{pk}/open", response=SurveyOut, summary="Open or close a survey")
def set_open(request, pk: IdParam, payload: OpenIn):
    survey = get_object_or_404(_surveys(request), pk=pk)
    return services.set_open(request.auth, survey, payload.is_open)


@route(
    "get",
    "/surveys/{pk}/links",
    response=list[LinkOut],
    summary="Enterprise links (一企一码)",
)
def links(request, pk: IdParam):
    survey = _survey(request, pk)
    rows = SurveyLink.objects.visible_to(request.auth).filter(survey=survey).select_related("org")
    return [_link_out(request, link) for link in rows]


@route(
    "post",
    "/surveys/{pk}/links",
    response=list[LinkOut],
    summary="Make the enterprise links",
)
def make_links(request, pk: IdParam):
    made = services.generate_links(request.auth, _survey(request, pk))
    return [_link_out(request, link) for link in made]


@route(
    "get",
    "/surveys/{pk}/classification",
    response=list[DemandRow],
    summary="A survey's demand list",
)
def survey_classification(request, pk: IdParam):
    return services.survey_classification(_survey(request, pk))


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
    link = services.link_for_token(token)
    if link is None:
        raise Http404
    return link


@route(
    "get",
    "/s/{token}",
    staff=False,
    response=PublicSurveyOut,
    auth=None,
    summary="A survey by its token (gives a visitor the device cookie)",
)
def public_survey(request, token: LinkToken, response: HttpResponse):
    link = _link(token)
    survey = link.survey
    if device_of(request) is None:
        remember_device(request, response)
    return {
        "title": survey.title,
        "intro": survey.intro,
        "enterprise": link.org,
        "anonymous_allowed": survey.anonymous_allowed,
        "is_open": survey.is_open,
        "questions": survey.questions.prefetch_related("choices"),
    }


@route(
    "post",
    "/s/{token}",
    staff=False,
    response={201: SubmitOut},
    auth=_respondent,
    summary="Answer a survey (409 answered: this person or device has answered it; 409 closed)",
)
def submit(request, token: LinkToken, payload: SurveySubmitIn):
    given: dict[int, list[str]] = {}
    for answer in payload.answers:
        values = [str(pk) for pk in answer.choice_ids] + ([answer.text] if answer.text else [])
        given.setdefault(answer.question_id, []).extend(values)
    response = services.submit_response(
        _link(token), request.auth, given, signed=payload.signed, device=device_of(request)
    )
    return Status(201, response)


router.add_router("/staff", staff_router)
