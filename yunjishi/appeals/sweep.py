"""The periodic sweep: 超期 (overdue) tags and notices, 督办 deadlines, unrated answers.

The 72-hour rule is set-based. Each status change writes ``overdue_at``, the moment its
quiet period ends (wall-clock or working hours, computed once then, holidays and 调休
included), so the sweep needs no calendar: one ``UPDATE`` tags every appeal whose moment
has passed and that carries no tag yet, counting the period; one ``INSERT … SELECT``
writes the history lines; one more the notices, an e-mail and an inbox notice to each
responsible person per appeal and period. A tagged appeal is not tagged again until its
status changes, and every notice has a key with the period in it, so running the sweep
twice, or twice at once, tells nobody twice.
"""

import datetime as dt

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.core.db import write_service
from yunjishi.notify.bulk import in_ids, insert_from_select, text_sql

from . import conf, services, supervision
from .models import Appeal, Event, EventKind

KIND = "appeals.overdue"
RESPONSIBLE = ("handler_id", "tracker_id", "supervisor_id")
_URL_MARK = 987654321


@write_service
def sweep_overdue(now: dt.datetime | None = None) -> int:
    """Tag appeals whose quiet period has ended; returns how many notices were written."""
    now = now or timezone.now()
    hours = conf.overdue_hours()
    table = connection.ops.quote_name(Appeal._meta.db_table)
    at = connection.ops.adapt_datetimefield_value(now)
    tagged = _tag(table, at)
    if not tagged:
        return 0
    # This run's appeals by their ids, not by ``overdue_since = now``: a run at the same
    # moment as an earlier one (a frozen clock, an explicit ``now``) must not count the
    # earlier one's appeals again.
    these = in_ids("a.id", tagged)
    _write_history(table, these, at, hours)
    select, params = _recipients(table, these, hours)
    return len(insert_from_select(select, params, kind=KIND, now=now))


def _tag(table: str, at) -> list[int]:
    """One UPDATE tags every appeal due and untagged, counting the period; their ids."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET overdue_since = %s, overdue_periods = overdue_periods + 1 "
            "WHERE overdue_at IS NOT NULL AND overdue_since IS NULL AND overdue_at <= %s "
            "RETURNING id",
            [at, at],
        )
        return [row[0] for row in cursor.fetchall()]


def _write_history(table: str, these: tuple[str, list], at, hours: int) -> None:
    events = connection.ops.quote_name(Event._meta.db_table)
    condition, params = these
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {events} "
            "(appeal_id, kind, from_status, to_status, actor_id, note, internal, at) "
            "SELECT a.id, %s, a.status, a.status, NULL, %s, %s, %s "
            f"FROM {table} a WHERE {condition}",
            [
                EventKind.OVERDUE,
                _("No status change for %(hours)d hours.") % {"hours": hours},
                False,
                at,
                *params,
            ],
        )


def _recipients(table: str, these: tuple[str, list], hours: int) -> tuple[str, list]:
    """One row per responsible person of each appeal tagged in this run."""
    condition, these_params = these
    title, title_params = text_sql(_("Overdue appeal: %(title)s"), {"title": "a.title"})
    body, body_params = text_sql(
        _(
            "Appeal %(number)s has had no status change for %(hours)d hours and is now "
            "tagged overdue. Please move it on."
        ),
        {"number": "a.tracking_number"},
        {"hours": hours},
    )
    before, after = reverse("appeals:staff_detail", args=[_URL_MARK]).split(str(_URL_MARK))
    url, url_params = text_sql(before + "%(id)s" + after, {"id": "a.id"})
    key = "'appeal:' || CAST(a.id AS TEXT) || ':overdue:' || CAST(a.overdue_periods AS TEXT)"
    selects, params = [], []
    for column in RESPONSIBLE:
        selects.append(
            f"SELECT a.{column} AS user_id, {title} AS title, {body} AS body, {url} AS url, "
            f"{key} AS dedupe_key FROM {table} a "
            f"WHERE {condition} AND a.{column} IS NOT NULL"
        )
        params += [*title_params, *body_params, *url_params, *these_params]
    return " UNION ALL ".join(selects), params


def run(now: dt.datetime | None = None) -> dict[str, int]:
    """Everything the periodic task does, in one call: the overdue tags (one transaction),
    then the 督办 reminders and the unrated closes (a transaction per item), so a failing
    step leaves the others' work done."""
    now = now or timezone.now()
    return {
        "overdue_notices": sweep_overdue(now),
        "supervision_reminders": supervision.remind_supervisions(now),
        "closed_unrated": services.close_unrated(now),
    }
