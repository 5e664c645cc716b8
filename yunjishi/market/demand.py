"""The demand side: surveys (需求调研) with one link per enterprise (一企一码), the demand
classification list (需求分类清单) their answers roll up into, and 精准匹配: for each
demand category the live listings and providers that meet it, and the gaps where none do.

Every choice of a survey counts toward a demand category: a market domain value
(``"education"``) or a free name (``"子女托管"``); a choice without one is not a demand.
"""

import hashlib
import hmac
import io
import secrets
from collections.abc import Iterable, Mapping, Sequence

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext as _

from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.orgs.models import Level, Org
from yunjishi.people.models import ProviderProfile
from yunjishi.people.scope import is_staff_member, orgs_in_scope

from . import search
from .models import Domain, Listing
from .models_demand import Answer, Choice, Question, QuestionKind, Response, Survey, SurveyLink

MAX_TEXT_ANSWER = 2000
LISTINGS_PER_CATEGORY = 10


# --- Building surveys ---------------------------------------------------------------------


def _may_manage(staff, org: Org) -> None:
    if not is_staff_member(staff) or not orgs_in_scope(staff).filter(pk=org.pk).exists():
        raise NotAllowed(_("Only union staff of this organisation may manage its surveys."))


def normalize_category(raw: str) -> str:
    """A domain's value for its value or its name in either language; else the text as given."""
    text = " ".join((raw or "").split())
    if text in Domain.values:
        return text
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for domain in Domain:
                if text.lower() == str(domain.label).lower():
                    return domain.value
    return text


def category_label(category: str) -> str:
    return str(Domain(category).label) if category in Domain.values else category


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
    kind = data.get("kind")
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
    staff,
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
    with transaction.atomic():
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
    staff,
    survey: Survey,
    text: str,
    kind: str,
    choices: Sequence[Mapping] = (),
    required: bool | None = None,
) -> Question:
    _may_manage(staff, survey.org)
    _check_question(text, kind, choices)
    last = survey.questions.order_by("-order").values_list("order", flat=True).first()
    with transaction.atomic():
        return _create_question(
            survey,
            {"text": text, "kind": kind, "choices": choices, "required": required},
            0 if last is None else last + 1,
        )


@write_service
def remove_question(staff, question: Question) -> None:
    _may_manage(staff, question.survey.org)
    if question.answers.exists():
        raise Conflict(_("This question has answers already and cannot be removed."))
    question.delete()


@write_service
def set_open(staff, survey: Survey, is_open: bool) -> Survey:
    _may_manage(staff, survey.org)
    Survey.objects.filter(pk=survey.pk).update(is_open=is_open)
    survey.is_open = is_open
    return survey


@write_service
def generate_links(staff, survey: Survey) -> list[SurveyLink]:
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


def qr_svg(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=2, title=url)
    return buffer.getvalue()


# --- Answering -----------------------------------------------------------------------------


def respondent_key(survey: Survey, user) -> str:
    """Tells one person's responses apart without saying who they are."""
    message = f"market.survey:{survey.pk}:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def already_answered(survey: Survey, user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    key = respondent_key(survey, user)
    return Response.objects.filter(survey=survey, respondent_key=key).exists()


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
            text = "\n".join(values)
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
    link: SurveyLink, user, answers: Mapping[int, Sequence[str]], *, signed: bool = False
) -> Response:
    """Save one person's answers through an enterprise link.

    ``answers`` maps a question id to the chosen choice ids (or the text, for a text
    question). A survey that allows anonymous answers keeps the respondent only when they
    sign; one that does not needs a logged-in respondent and always signs. A logged-in
    person answers a survey once, signed or not; nothing is saved when anything is wrong.
    """
    survey = link.survey
    logged_in = user is not None and user.is_authenticated
    if not survey.is_open:
        raise Conflict(_("This survey is closed."))
    if not survey.anonymous_allowed and not logged_in:
        raise NotAllowed(
            _("Please log in to answer this survey."), code="unauthenticated", status=401
        )
    signed = logged_in and (signed or not survey.anonymous_allowed)
    key = respondent_key(survey, user) if logged_in else None
    twice = Conflict(_("You have already answered this survey."), code="answered")
    if key and Response.objects.filter(survey=survey, respondent_key=key).exists():
        raise twice
    rows = _read_answers(survey.questions.prefetch_related("choices"), answers)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                link=link,
                user=user if signed else None,
                signed=signed,
                respondent_key=key,
            )
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
    except IntegrityError:  # the same person submitted twice at once
        raise twice from None
    return response


# --- The demand classification list and matching --------------------------------------------


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
                "is_domain": category in Domain.values,
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


def _matching_listings(row: dict) -> list[Listing]:
    live = Listing.objects.live().select_related("provider")
    if row["is_domain"]:
        return list(live.filter(domain=row["category"])[:LISTINGS_PER_CATEGORY])
    if not search.terms(row["label"]):
        return []
    return list(search.search(live, row["label"]))[:LISTINGS_PER_CATEGORY]


def _could_serve(provider: ProviderProfile, row: dict) -> bool:
    if row["is_domain"]:
        return row["category"] in (provider.service_domains or [])
    return row["label"] in provider.skills


def matching(rows: list[dict]) -> list[dict]:
    """精准匹配: each demand row with the live listings and providers that meet it; a row with
    no live listing is a gap, shown with the providers who say they could serve it."""
    providers = None
    matched = []
    for row in rows:
        found = _matching_listings(row)
        row = {
            **row,
            "listings": found,
            "providers": list(
                {listing.provider_id: listing.provider for listing in found}.values()
            ),
            "gap": not found,
            "candidates": [],
        }
        if row["gap"]:
            if providers is None:  # loaded once, and only if there is a gap
                providers = list(
                    ProviderProfile.objects.filter(is_active=True).only(
                        "id", "name", "title", "service_domains", "skills"
                    )
                )
            row["candidates"] = [p for p in providers if _could_serve(p, row)]
        matched.append(row)
    return matched


def classification_xlsx(rows: list[dict], title: str) -> bytes:
    """The classification list with its matching, as an Excel workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Demand list")[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [
            _("Category"),
            _("Answers"),
            _("Respondents"),
            _("Enterprises"),
            _("Matching live listings"),
            _("Gap"),
        ]
    )
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in matching(rows):
        sheet.append(
            [
                row["label"],
                row["count"],
                row["respondents"],
                "、".join(f"{org['name']} ({org['count']})" for org in row["orgs"]),
                "、".join(listing.title for listing in row["listings"]),
                _("Yes") if row["gap"] else "",
            ]
        )
    for column, width in zip("ABCDEF", (18, 10, 10, 50, 50, 8), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
