"""Surveys (需求调研): building them, one link and QR code per enterprise (一企一码),
answering (anonymous or signed; one answer per person, and per link and device for visitors
who are not logged in), and the demand classification list (需求分类清单) the answers roll
up into.

Every choice of a survey counts toward a demand category: a service domain's value
(``"education"``) or a free name (``"子女托管"``); a choice without one is not a demand.
What the categories are matched to (the market's listings and providers) is the business
of the apps that read this list: surveys sits below them and names none of them.
"""

import hashlib
import hmac
import io
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeGuard

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict, NotAllowed, ServiceError
from yunjishi.core.fields import MESSAGES as TEXT_MESSAGES
from yunjishi.core.fields import clean_text
from yunjishi.orgs.models import Level, Org
from yunjishi.people.models import ServiceDomain, User
from yunjishi.people.scope import Person, chosen_org, is_staff_member, orgs_in_scope, top_orgs

from .models import Answer, Choice, Question, QuestionKind, Response, Survey, SurveyLink

MAX_TEXT_ANSWER = 2000


# --- Building surveys ---------------------------------------------------------------------


def _may_manage(staff: User, org: Org) -> None:
    if not is_staff_member(staff) or not orgs_in_scope(staff).filter(pk=org.pk).exists():
        raise NotAllowed(_("Only union staff of this organisation may manage its surveys."))


def normalize_category(raw: str) -> str:
    """A domain's value for its value or its name in either language; else the text as given."""
    text = " ".join((raw or "").split())
    if text in ServiceDomain.values:
        return text
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for domain in ServiceDomain:
                if text.lower() == str(domain.label).lower():
                    return domain.value
    return text


def is_domain(category: str) -> bool:
    return category in ServiceDomain.values


def category_label(category: str) -> str:
    return str(ServiceDomain(category).label) if is_domain(category) else category


def choices_from_lines(text: str) -> list[dict]:
    """Choices typed one a line, ``text | category`` (the category is optional)."""
    choices = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        label, _bar, category = line.partition("|")
        choices.append({"text": label.strip(), "category": category.strip()})
    return choices


def _check_question(text: str, kind: str, choices: Sequence[Mapping], prefix: str = "") -> None:
    errors: dict[str, list[str]] = {}

    def need(field, message):
        errors.setdefault(prefix + field, []).append(str(message))

    if not (text or "").strip():
        need("text", _("Write the question."))
    elif len(text.strip()) > 300:
        need("text", _("Keep the question under 300 characters."))
    if kind not in QuestionKind.values:
        need("kind", _("Choose single choice, multiple choice or text."))
    elif kind == QuestionKind.TEXT and choices:
        need("choices", _("A text question has no choices."))
    elif kind != QuestionKind.TEXT and len(choices) < 2:
        need("choices", _("A choice question needs at least two choices."))
    for number, choice in enumerate(choices, start=1):
        label = (choice.get("text") or "").strip()
        if not label or len(label) > 200:
            need("choices", _("Choice %(n)d needs a text of 1 to 200 characters.") % {"n": number})
        if len(normalize_category(choice.get("category") or "")) > 50:
            need("choices", _("The category of choice %(n)d is too long.") % {"n": number})
    if errors:
        raise ValidationError(errors)


def _create_question(survey: Survey, data: Mapping, order: int) -> Question:
    kind = data["kind"]  # checked: one of QuestionKind
    required = data.get("required")
    question = Question.objects.create(
        survey=survey,
        text=data["text"].strip(),
        kind=kind,
        # Single choice is asked of everyone; the other kinds are optional unless said so.
        required=(kind == QuestionKind.SINGLE) if required is None else bool(required),
        order=order,
    )
    Choice.objects.bulk_create(
        Choice(
            question=question,
            text=choice["text"].strip(),
            category=normalize_category(choice.get("category") or ""),
            order=number,
        )
        for number, choice in enumerate(data.get("choices") or [])
    )
    return question


@write_service
def create_survey(
    staff: User,
    org: Org,
    title: str,
    intro: str = "",
    *,
    anonymous_allowed: bool = True,
    questions: Sequence[Mapping] = (),
) -> Survey:
    """A survey run by ``org``; ``questions`` as ``{text, kind, required?, choices: [{text,
    category}]}``."""
    _may_manage(staff, org)
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the survey a title.")]
    for number, data in enumerate(questions, start=1):
        try:
            _check_question(
                data.get("text", ""), data.get("kind", ""), data.get("choices") or [], f"q{number}."
            )
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    survey = Survey.objects.create(
        org=org,
        title=title.strip()[:100],
        intro=(intro or "").strip(),
        anonymous_allowed=anonymous_allowed,
        created_by=staff,
    )
    for order, data in enumerate(questions):
        _create_question(survey, data, order)
    return survey


@write_service
def add_question(
    staff: User,
    survey: Survey,
    text: str,
    kind: str,
    choices: Sequence[Mapping] = (),
    required: bool | None = None,
) -> Question:
    _may_manage(staff, survey.org)
    _check_question(text, kind, choices)
    last = survey.questions.order_by("-order").values_list("order", flat=True).first()
    return _create_question(
        survey,
        {"text": text, "kind": kind, "choices": choices, "required": required},
        0 if last is None else last + 1,
    )


@write_service
def remove_question(staff: User, question: Question) -> None:
    _may_manage(staff, question.survey.org)
    if question.answers.exists():
        raise Conflict(_("This question has answers already and cannot be removed."))
    question.delete()


@write_service
def set_open(staff: User, survey: Survey, is_open: bool) -> Survey:
    _may_manage(staff, survey.org)
    Survey.objects.filter(pk=survey.pk).update(is_open=is_open)
    survey.is_open = is_open
    return survey


@write_service
def generate_links(staff: User, survey: Survey) -> list[SurveyLink]:
    """One link per active enterprise union under the survey's org (一企一码); safe to repeat:
    enterprises that have a link keep it, new ones get theirs."""
    _may_manage(staff, survey.org)
    enterprises = orgs_in_scope(staff).filter(
        survey.org.subtree_q(), level=Level.GRASSROOTS, is_active=True
    )
    have = set(survey.links.values_list("org_id", flat=True))
    SurveyLink.objects.bulk_create(
        [
            SurveyLink(survey=survey, org=org, token=secrets.token_urlsafe(12))
            for org in enterprises.exclude(pk__in=have)
        ],
        ignore_conflicts=True,
    )
    return list(survey.links.select_related("org"))


def link_for_token(token: str) -> SurveyLink | None:
    return SurveyLink.objects.select_related("survey", "org").filter(token=token).first()


def visible_survey(user: User, pk) -> Survey:
    """A survey the staffer sees, by its id (as typed in a URL too); 404 for any other."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not is_staff_member(user):
        raise Http404
    return get_object_or_404(Survey.objects.visible_to(user).select_related("org"), pk=pk)


def qr_svg(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=2, title=url)
    return buffer.getvalue()


# --- Answering -----------------------------------------------------------------------------


def respondent_key(survey: Survey, user: User) -> str:
    """Tells one person's responses apart without saying who they are."""
    # "market.survey" from when surveys lived in the market: the keys of the answers
    # already given stay valid, so nobody answers a survey twice across the move.
    message = f"market.survey:{survey.pk}:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def device_key(link: SurveyLink, device: str) -> str:
    """Tells the responses of one device through one link apart; keyed by the link, so the
    same phone's answers through two links cannot be matched with each other."""
    message = f"surveys.device:{link.pk}:{device}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _logged_in(user: Person | None) -> TypeGuard[User]:
    """A logged-in person (a visitor is Django's AnonymousUser)."""
    return isinstance(user, User) and user.is_authenticated


def already_answered(link: SurveyLink, user: Person | None, device: str | None = None) -> bool:
    """Whether this person (logged in: anywhere in the survey) or this device (a visitor:
    through this link) has answered."""
    if _logged_in(user):
        key = respondent_key(link.survey, user)
        return Response.objects.filter(survey_id=link.survey_id, respondent_key=key).exists()
    if device:
        return Response.objects.filter(link=link, device_key=device_key(link, device)).exists()
    return False


def _read_answers(
    questions: Iterable[Question], given: Mapping[int, Sequence[str]]
) -> list[Answer]:
    """The answers to save, or a ValidationError keyed ``q<question id>``."""
    errors: dict[str, list[str]] = {}
    answers: list[Answer] = []
    for question in questions:
        values = [str(v).strip() for v in given.get(question.pk, []) if str(v).strip()]
        field = f"q{question.pk}"
        if question.kind == QuestionKind.TEXT:
            try:  # the page's answer, as the API's (``Text``): no NUL reaches the database
                text = clean_text("\n".join(values), multiline=True)
            except ValueError as error:
                errors[field] = [str(TEXT_MESSAGES[error.args[0]])]
                continue
            if len(text) > MAX_TEXT_ANSWER:
                errors[field] = [_("Keep the answer under 2000 characters.")]
            elif text:
                answers.append(Answer(question=question, text=text))
            elif question.required:
                errors[field] = [_("Please write an answer.")]
            continue
        offered = {str(choice.pk): choice for choice in question.choices.all()}
        if not values:
            if question.required:
                errors[field] = [
                    _("Choose one answer.")
                    if question.kind == QuestionKind.SINGLE
                    else _("Choose at least one answer.")
                ]
        elif question.kind == QuestionKind.SINGLE and len(values) > 1:
            errors[field] = [_("Choose only one answer.")]
        elif any(value not in offered for value in values):
            errors[field] = [_("Choose among the answers offered.")]
        else:
            for value in dict.fromkeys(values):
                choice = offered[value]
                answers.append(Answer(question=question, choice=choice, text=choice.text))
    if not errors and not answers:
        errors["__all__"] = [_("Answer at least one question.")]
    if errors:
        raise ValidationError(errors)
    return answers


@write_service
def submit_response(
    link: SurveyLink,
    user: Person | None,
    answers: Mapping[int, Sequence[str]],
    *,
    signed: bool = False,
    device: str | None = None,
) -> Response:
    """Save one person's answers through an enterprise link.

    ``answers`` maps a question id to the chosen choice ids (or the text, for a text
    question). A survey that allows anonymous answers keeps the respondent only when they
    sign; one that does not needs a logged-in respondent and always signs. A logged-in
    person answers a survey once, signed or not; a visitor who is not logged in answers
    once per link from the ``device`` they answer on (the id the pages keep in a cookie)
    and cannot answer without one. Nothing is saved when anything is wrong.
    """
    survey = link.survey
    account = user if _logged_in(user) else None
    logged_in = account is not None
    if not survey.is_open:
        raise Conflict(_("This survey is closed."), code="closed")
    if not survey.anonymous_allowed and not logged_in:
        raise NotAllowed(
            _("Please log in to answer this survey."), code="unauthenticated", status=401
        )
    if not logged_in and not device:
        raise ServiceError(
            _("Please allow cookies in your browser, then open the survey again to answer."),
            code="device_unknown",
        )
    signed = logged_in and (signed or not survey.anonymous_allowed)
    if already_answered(link, user, device):
        raise Conflict(_("You have already answered this survey."), code="answered")
    rows = _read_answers(survey.questions.prefetch_related("choices"), answers)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                link=link,
                user=account if signed else None,
                signed=signed,
                respondent_key=respondent_key(survey, account) if account else None,
                # A logged-in person is told apart by respondent_key; a device key on their
                # anonymous answer would match it with a signed one from the same phone.
                device_key=device_key(link, device) if device and not logged_in else None,
            )
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
    except IntegrityError:  # the same person or device submitted twice at once
        raise Conflict(_("You have already answered this survey."), code="answered") from None
    return response


# --- The demand classification list --------------------------------------------------------


def _classify(answers) -> list[dict]:
    answers = answers.filter(choice__isnull=False).exclude(choice__category="")
    rows: dict[str, dict] = {}
    for category, org_id, org_name, n in (
        answers.values_list(
            "choice__category", "response__link__org_id", "response__link__org__name"
        )
        .annotate(n=Count("id"))
        .order_by()
    ):
        row = rows.setdefault(
            category,
            {
                "category": category,
                "label": category_label(category),
                "is_domain": is_domain(category),
                "count": 0,
                "respondents": 0,
                "orgs": [],
            },
        )
        row["count"] += n
        row["orgs"].append({"id": org_id, "name": org_name, "count": n})
    for category, people in (
        answers.values_list("choice__category")
        .annotate(n=Count("response", distinct=True))
        .values_list("choice__category", "n")
        .order_by()
    ):
        rows[category]["respondents"] = people
    for row in rows.values():
        row["orgs"].sort(key=lambda org: (-org["count"], org["name"]))
    return sorted(rows.values(), key=lambda row: (-row["count"], row["label"]))


def survey_classification(survey: Survey) -> list[dict]:
    """The 需求分类清单 of one survey: category, answers, respondents, enterprises; most asked
    first."""
    return _classify(Answer.objects.filter(response__survey=survey))


def org_classification(org: Org) -> list[dict]:
    """The 需求分类清单 of every survey answered through enterprises under ``org``."""
    return _classify(Answer.objects.filter(org.subtree_q("response__link__org__path")))


@dataclass
class DemandList:
    """A classification list and what it is of: one survey, or an org's subtree (with the
    staffer's top orgs, to pick another)."""

    subject: str
    rows: list[dict]
    survey: Survey | None = None
    org: Org | None = None
    top_orgs: Iterable[Org] = ()

    @property
    def query(self) -> str:
        """The query string that asks for the same list (``survey=<id>`` or ``org=<id>``)."""
        if self.survey is not None:
            return f"survey={self.survey.pk}"
        return f"org={self.org.pk}" if self.org is not None else ""


def demand_list(user: User, *, survey_id=None, org_id=None) -> DemandList:
    """The list a staffer asks for: of one survey they see (``survey_id``), or of every
    survey answered through enterprises under an org of theirs (``org_id``; default their
    top org). 404 for anything outside their scope."""
    if survey_id not in (None, ""):
        survey = visible_survey(user, survey_id)
        return DemandList(survey.title, survey_classification(survey), survey=survey)
    org = chosen_org(user, org_id)
    return DemandList(org.name, org_classification(org), org=org, top_orgs=top_orgs(user))


# --- Pages other apps offer on the list -------------------------------------------------------


@dataclass(frozen=True)
class Report:
    url_name: str
    label: str | Promise


_reports: dict[str, Report] = {}


def offer_report(url_name: str, label: str | Promise) -> None:
    """Offer a page on the answers of surveys (the market's 精准匹配, its Excel export).

    Surveys sit below the domain apps and name none of them: an app offers its page here
    from its ``AppConfig.ready``, and the surveys' staff pages link it next to the demand
    list with the same query string (``?survey=<id>`` or ``?org=<id>``), which the page
    reads with ``demand_list``. Offering a page again changes nothing."""
    _reports.setdefault(url_name, Report(url_name, label))


def offered_reports() -> list[Report]:
    return list(_reports.values())
