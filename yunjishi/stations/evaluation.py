"""Yearly evaluation (年度评价): a union's sheet of aspects → a station's total → stars by
the sheet's thresholds → a funding amount; and the ranking inside an org subtree.

Wuhan's sheet (seed 002) scores 9 aspects: 管理制度, 服务设施, 服务对象, 工作成效, 特色亮点
and four more the union sets; ``DEFAULT_ASPECTS`` fills those in, every sheet may change them.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.core.db import write_service
from yunjishi.core.errors import NotAllowed, ServiceError
from yunjishi.orgs.models import Org
from yunjishi.people.scope import orgs_in_scope, works_at

from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    Evaluation,
    EvaluationAspect,
    EvaluationScore,
    EvaluationSheet,
    Station,
    default_funding,
    default_thresholds,
)

SHEET_ROLES = ("org_admin",)
EVALUATE_ROLES = ("org_admin", "supervisor")
DEFAULT_ASPECTS = [
    ("管理制度", 15),
    ("服务设施", 15),
    ("服务对象", 10),
    ("工作成效", 15),
    ("特色亮点", 10),
    ("标识标牌", 10),
    ("开放时间", 10),
    ("安全卫生", 5),
    ("职工评价", 10),
]


def sheet_orgs(user):
    """The unions ``user`` may make sheets for: where they are an org admin, and below."""
    return orgs_in_scope(user, SHEET_ROLES)


@write_service
def create_sheet(
    actor,
    org: Org,
    year: int,
    *,
    title: str = "",
    aspects: list[tuple[str, int]] | None = None,
    thresholds: list[int] | None = None,
    funding_fen: list[int] | None = None,
) -> EvaluationSheet:
    """A sheet for ``org`` and ``year``; stations under ``org`` are scored on it unless a
    union nearer to them has its own."""
    if actor is not None and not works_at(actor, org, SHEET_ROLES):
        raise NotAllowed()
    aspects = aspects or DEFAULT_ASPECTS
    thresholds = thresholds or default_thresholds()
    funding_fen = funding_fen or default_funding()
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"year": [year_message()]})
    check_sheet(aspects, thresholds, funding_fen, title=title)
    exists = ServiceError(
        _("%(org)s already has a sheet for %(year)d.") % {"org": org.name, "year": year},
        code="sheet_exists",
    )
    if EvaluationSheet.objects.filter(org=org, year=year).exists():
        raise exists
    try:
        with transaction.atomic():
            sheet = EvaluationSheet.objects.create(
                org=org,
                year=year,
                title=(title or "").strip() or _("%(year)d station evaluation") % {"year": year},
                star_thresholds=[int(t) for t in thresholds],
                funding_fen=[int(f) for f in funding_fen],
            )
            EvaluationAspect.objects.bulk_create(
                EvaluationAspect(sheet=sheet, name=str(name).strip(), max_score=int(top), sort=n)
                for n, (name, top) in enumerate(aspects)
            )
    except IntegrityError:  # the same sheet created at the same moment elsewhere
        raise exists from None
    return sheet


def year_message() -> str:
    return _("Give a year from %(first)d to %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}


def parse_year(raw) -> int | None:
    """A year typed into a page, or None when it is not one from FIRST_YEAR to LAST_YEAR."""
    text = str(raw or "").strip()
    if not text.isdigit() or len(text) != 4:
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def _whole_numbers(values) -> list[int] | None:
    """``values`` as a list, or None unless it is a list of whole numbers (what a sheet
    stores and compares totals with: a "60" typed as text would break every evaluation)."""
    if not isinstance(values, list | tuple):
        return None
    if any(isinstance(v, bool) or not isinstance(v, int) for v in values):
        return None
    return list(values)


MAX_ASPECT_SCORE = 1000
MAX_FUNDING_FEN = 2_000_000_000  # what the evaluation's funding column holds


def check_sheet(aspects, thresholds, funding_fen, *, title: str = "") -> None:
    """The rules of a sheet, for ``create_sheet`` and the back office: ValidationError
    with every problem. ``aspects`` is a list of (name, maximum score); None checks only
    what does not depend on them."""
    errors: dict[str, list[str]] = {}
    most = None
    if len((title or "").strip()) > 100:
        errors["title"] = [_("At most %(n)d characters.") % {"n": 100}]
    if aspects is not None:
        names = [str(name or "").strip() for name, _top in aspects]
        tops = _whole_numbers([top for _name, top in aspects])
        if not aspects:
            errors["aspects"] = [_("Give at least one aspect.")]
        elif any(not 1 <= len(name) <= 50 for name in names) or len(set(names)) != len(names):
            errors["aspects"] = [
                _("Give every aspect a name of its own, of at most 50 characters.")
            ]
        if tops is None or any(not 1 <= top <= MAX_ASPECT_SCORE for top in tops):
            errors.setdefault("aspects", []).append(
                _("Every aspect needs a maximum score from 1 to %(most)d.")
                % {"most": MAX_ASPECT_SCORE}
            )
        else:
            most = sum(tops)
    rising = _whole_numbers(thresholds)
    if (
        rising is None
        or len(rising) != 5
        or any(b <= a for a, b in zip(rising, rising[1:], strict=False))
        or rising[0] < 0
        or (most is not None and rising[-1] > most)
    ):
        errors["star_thresholds"] = [
            _("Give five rising totals between 0 and %(most)d, for 1 to 5 stars.") % {"most": most}
            if most is not None
            else _("Give five rising totals, for 1 to 5 stars.")
        ]
    amounts = _whole_numbers(funding_fen)
    if amounts is None or len(amounts) != 5 or any(not 0 <= a <= MAX_FUNDING_FEN for a in amounts):
        errors["funding_fen"] = [_("Give five amounts of funding, none below 0.")]
    if errors:
        raise ValidationError(errors)


def sheet_for(station: Station, year: int) -> EvaluationSheet | None:
    """The sheet of the union nearest to the station (itself or an ancestor) for ``year``."""
    orgs = station.org.ancestors_and_self()
    sheets = {s.org_id: s for s in EvaluationSheet.objects.filter(org__in=orgs, year=year)}
    for org in reversed(orgs):
        if org.pk in sheets:
            return sheets[org.pk]
    return None


def stars_for(sheet: EvaluationSheet, total: int) -> int:
    """0 (below the first threshold) to 5."""
    return sum(1 for threshold in sheet.star_thresholds if total >= threshold)


def funding_for(sheet: EvaluationSheet, stars: int) -> int:
    return sheet.funding_fen[stars - 1] if stars else 0


@write_service
def evaluate(actor, station: Station, year: int, scores: dict, note: str = "") -> Evaluation:
    """Score every aspect of the year's sheet; the total sets the stars and the funding.
    Evaluating the same station again in the same year replaces the scores."""
    if (
        actor is not None
        and not Station.objects.managed_by(actor, EVALUATE_ROLES).filter(pk=station.pk).exists()
    ):
        raise NotAllowed()
    sheet = sheet_for(station, year)
    if sheet is None:
        raise ServiceError(
            _("No evaluation sheet for %(year)d covers this station.") % {"year": year},
            code="no_sheet",
        )
    aspects = list(sheet.aspects.all())
    given = {str(key): value for key, value in scores.items()}
    errors: dict[str, list[str]] = {}
    values = {}
    for aspect in aspects:
        raw = given.get(str(aspect.pk), given.get(aspect.name))
        field = f"score_{aspect.pk}"
        try:
            value = int(raw)
        except (TypeError, ValueError):
            errors[field] = [_("Give a score for %(aspect)s.") % {"aspect": aspect.name}]
            continue
        if not 0 <= value <= aspect.max_score:
            errors[field] = [
                _("The score for %(aspect)s lies between 0 and %(max)d.")
                % {"aspect": aspect.name, "max": aspect.max_score}
            ]
            continue
        values[aspect.pk] = value
    if errors:
        raise ValidationError(errors)
    total = sum(values.values())
    stars = stars_for(sheet, total)
    evaluation, _created = Evaluation.objects.update_or_create(
        station=station,
        year=year,
        defaults={
            "sheet": sheet,
            "total": total,
            "stars": stars,
            "funding_fen": funding_for(sheet, stars),
            "note": note,
            "evaluated_by": actor,
            "evaluated_at": timezone.now(),
        },
    )
    evaluation.scores.all().delete()
    EvaluationScore.objects.bulk_create(
        EvaluationScore(evaluation=evaluation, aspect_id=pk, score=value)
        for pk, value in values.items()
    )
    return evaluation


@dataclass(frozen=True)
class Ranked:
    rank: int
    evaluation: Evaluation


def ranking(org: Org, year: int) -> list[Ranked]:
    """The year's evaluations of stations under ``org``, best first; equal totals share
    a rank (1, 2, 2, 4)."""
    rows = list(
        Evaluation.objects.filter(year=year, station__org__in=Org.objects.subtree(org))
        .select_related("station")
        .order_by("-total", "station__code")
    )
    ranked, previous, rank = [], None, 0
    for position, evaluation in enumerate(rows, start=1):
        if evaluation.total != previous:
            rank, previous = position, evaluation.total
        ranked.append(Ranked(rank, evaluation))
    return ranked
