"""Figures per org subtree: counts by state and category, 办结率, average handling time,
overdue rate and satisfaction rate; and the anonymised public figures.

Closed appeals come from ``ClosedTally`` (counted once when they closed), the others from
the appeals themselves (at most the ones under way, through the ``appeal_queue`` index),
so a province's page reads a few thousand rows, not a million.

Rates are truncated, not rounded, to two decimals, the way the unions report them:
488 solved of 492 is 99.18 %.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.orgs.models import Org

from . import conf
from .models import SOLVED, Appeal, Category, ClosedTally, Status

FIRST_YEAR = 2000


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent, truncated to two decimals (None of nothing)."""
    if not whole:
        return None
    return (part * 10000 // whole) / 100


def _no_such_year() -> ValidationError:
    return ValidationError(
        {
            "year": [
                _("Choose a year between %(first)d and %(last)d.")
                % {"first": FIRST_YEAR, "last": timezone.localdate().year}
            ]
        }
    )


def check_year(year: int | None) -> int | None:
    """The year asked for, if the statistics can have it (None or 0: every year)."""
    if not year:
        return None
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise _no_such_year()
    return year


def parse_year(raw: str | None) -> int | None:
    """The page's ``?year=``: empty for every year, else as ``check_year``."""
    raw = (raw or "").strip()
    try:
        return check_year(int(raw) if raw else None)
    except ValueError:
        raise _no_such_year() from None


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_default_timezone()
    return (
        dt.datetime(year, 1, 1, tzinfo=zone),
        dt.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def years(back: int = 5) -> list[int]:
    """The years the statistics page offers: this one and a few before it."""
    this = timezone.localdate().year
    return list(range(this, this - back, -1))


def subtree_orgs(org: Org):
    return Org.objects.filter(org.subtree_q()).values("pk")


def _live(org: Org, year: int | None):
    """Appeals not closed, by state and category. ``handling_org_id + 0`` keeps SQLite
    from seeking the index once per org of the subtree (20 000 for a province): it scans
    the ``appeal_stats`` index over the open states instead, already in GROUP BY order."""
    appeals = (
        Appeal.objects.filter(status__in=[s for s in Status.values if s != Status.CLOSED])
        .alias(handling_org_plain=F("handling_org_id") + 0)
        .filter(handling_org_plain__in=subtree_orgs(org))
    )
    if year:
        start, end = year_bounds(year)
        appeals = appeals.filter(submitted_at__gte=start, submitted_at__lt=end)
    return appeals.values("status", "category_id").annotate(
        n=Count("id"),
        overdue=Count("id", filter=Q(overdue_periods__gt=0)),
        handled=Count("handling_seconds"),
        seconds=Sum("handling_seconds"),
    )


def _closed(org: Org, year: int | None):
    tallies = ClosedTally.objects.filter(org__in=subtree_orgs(org))
    if year:
        tallies = tallies.filter(year=year)
    return tallies.values("category_id").annotate(
        n=Sum("closed"),
        overdue=Sum("ever_overdue"),
        handled=Sum("handled"),
        seconds=Sum("handling_seconds"),
        satisfied=Sum("satisfied"),
        basic=Sum("basic"),
        unsatisfied=Sum("unsatisfied"),
    )


def figures(org: Org, year: int | None = None) -> dict:
    year = check_year(year)
    by_state = {status: 0 for status in Status.values}
    by_category: dict[int, dict[str, int]] = {}
    totals = {"overdue": 0, "handled": 0, "seconds": 0}
    ratings = {"satisfied": 0, "basic": 0, "unsatisfied": 0}

    def add(status: str, row: dict) -> None:
        by_state[status] += row["n"] or 0
        cell = by_category.setdefault(row["category_id"], {})
        cell[status] = cell.get(status, 0) + (row["n"] or 0)
        if status != Status.MERGED:  # a merged duplicate is not an appeal of its own
            for name in totals:
                totals[name] += row[name] or 0

    for row in _live(org, year):
        add(row["status"], row)
    for row in _closed(org, year):
        add(Status.CLOSED, row)
        for name in ratings:
            ratings[name] += row[name] or 0

    total = sum(n for status, n in by_state.items() if status != Status.MERGED)
    solved = sum(by_state[s] for s in (*SOLVED, Status.CLOSED))
    rated = sum(ratings.values())
    categories = {c.pk: c for c in Category.objects.filter(pk__in=by_category)}
    return {
        "org": {"id": org.pk, "code": org.code, "name": org.name},
        "year": year,
        "total": total,
        "by_state": by_state,
        "by_category": [
            {
                "id": pk,
                "name": categories[pk].name,
                "total": sum(n for s, n in cells.items() if s != Status.MERGED),
                "by_state": cells,
            }
            for pk, cells in sorted(
                by_category.items(), key=lambda item: (categories[item[0]].sort, item[0])
            )
        ],
        "solved": solved,
        "completion_rate": percent(solved, total),  # 办结率
        "average_handling_hours": (
            round(totals["seconds"] / totals["handled"] / 3600, 1) if totals["handled"] else None
        ),
        "overdue": totals["overdue"],
        "overdue_rate": percent(totals["overdue"], total),
        "rated": rated,
        "ratings": ratings,
        "satisfaction_rate": percent(ratings["satisfied"] + ratings["basic"], rated),
    }


def public_figures(org: Org) -> dict:
    """What anyone may read about an org: rates only, and only from a few appeals on."""
    found = figures(org)
    shown = found["total"] >= conf.public_minimum()
    return {
        "org": found["org"],
        "shown": shown,
        "total": found["total"] if shown else None,
        "solved": found["solved"] if shown else None,
        "completion_rate": found["completion_rate"] if shown else None,
        "satisfaction_rate": found["satisfaction_rate"] if shown else None,
        "average_handling_hours": found["average_handling_hours"] if shown else None,
    }


def rebuild_tallies() -> int:
    """Recount every tally from the closed appeals (after a bulk load); returns rows."""
    rows: dict[tuple, dict[str, int]] = {}
    closed = Appeal.objects.filter(status=Status.CLOSED).values_list(
        "handling_org_id",
        "category_id",
        "submitted_at",
        "overdue_periods",
        "handling_seconds",
        "satisfaction",
    )
    for org_id, category_id, submitted_at, periods, seconds, satisfaction in closed.iterator(
        chunk_size=5000
    ):
        key = (org_id, category_id, timezone.localtime(submitted_at).year)
        row = rows.setdefault(
            key,
            {
                "closed": 0,
                "ever_overdue": 0,
                "handled": 0,
                "handling_seconds": 0,
                "satisfied": 0,
                "basic": 0,
                "unsatisfied": 0,
            },
        )
        row["closed"] += 1
        row["ever_overdue"] += 1 if periods else 0
        if seconds is not None:
            row["handled"] += 1
            row["handling_seconds"] += seconds
        if satisfaction:
            row[satisfaction] += 1
    with transaction.atomic():  # the caller's bulk load, or a transaction of its own
        ClosedTally.objects.all().delete()
        ClosedTally.objects.bulk_create(
            [
                ClosedTally(org_id=org_id, category_id=category_id, year=year, **counts)
                for (org_id, category_id, year), counts in rows.items()
            ],
            batch_size=500,
        )
    return len(rows)
