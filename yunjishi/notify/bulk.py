"""Notifications for many people at once, straight from a SELECT.

``notify()`` makes one notification per call, which is right for one event and far too
slow for a sweep that finds 50 000 overdue appeals. Here a single ``INSERT … SELECT``
writes the notifications, a second their pending deliveries, and the delivery runs in
Huey tasks of a few hundred each. The rows are exactly those ``notify()`` writes, with
the same ``(user, dedupe_key)`` constraint: a key already sent is skipped (ON CONFLICT DO
NOTHING, on SQLite and PostgreSQL alike), so a sweep that runs twice tells nobody twice.
"""

import datetime as dt
import json
import re

from django.conf import settings
from django.db import connection, transaction

from .models import Delivery, Notification
from .services import DEFAULT_CHANNELS

TASK_SIZE = 1000  # e-mails per Huey task: few enqueues for a big sweep, still spread
_PLACEHOLDER = re.compile(r"\x00(\w+)\x00")


def text_sql(template: str, columns: dict[str, str], constants: dict | None = None):
    """A translated ``template`` as an SQL text expression: the names in ``columns`` become
    those column expressions, the ``constants`` are filled in, the rest are parameters.

    Returns (sql, params).
    """
    marked = template % {**(constants or {}), **{name: f"\x00{name}\x00" for name in columns}}
    parts, params = [], []
    for index, piece in enumerate(_PLACEHOLDER.split(marked)):
        if index % 2:
            parts.append(f"CAST({columns[piece]} AS TEXT)")
        elif piece:
            parts.append("CAST(%s AS TEXT)")
            params.append(piece)
    if not parts:
        return "CAST(%s AS TEXT)", [""]
    return " || ".join(parts), params


def in_ids(column: str, ids: list[int]) -> tuple[str, list]:
    """``column`` is one of ``ids``, as SQL with a single parameter however many there are
    (a hundred thousand ids would pass SQLite's limit on parameters one by one)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(CAST(%s AS bigint[]))", [list(ids)]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(ids))]


def insert_from_select(
    select_sql: str, params: list, *, kind: str, now: dt.datetime, channels=DEFAULT_CHANNELS
) -> list[int]:
    """Insert a notification for each row of ``select_sql`` (columns: user_id, title, body,
    url, dedupe_key) with ``kind`` and ``created_at = now``, and its pending deliveries.

    Returns the ids of the notifications inserted (a key already sent inserts nothing and
    is not returned); their delivery is queued on commit.
    """
    unknown = sorted(set(channels) - set(settings.NOTIFY_CHANNELS))
    if unknown:
        raise ValueError(f"unknown notification channels: {', '.join(unknown)}")
    quote = connection.ops.quote_name
    notifications, deliveries = Notification._meta.db_table, Delivery._meta.db_table
    at = connection.ops.adapt_datetimefield_value(now)
    with transaction.atomic(), connection.cursor() as cursor:
        # The ids come back from the insert itself: rows written by an earlier call at the
        # same moment (a frozen clock, an explicit ``now``) are not this call's.
        cursor.execute(
            f"INSERT INTO {quote(notifications)} "
            "(user_id, title, body, url, kind, dedupe_key, created_at, read_at) "
            "SELECT s.user_id, s.title, s.body, s.url, %s, s.dedupe_key, %s, NULL "
            f"FROM ({select_sql}) s WHERE 1 = 1 ON CONFLICT DO NOTHING RETURNING id",
            [kind, at, *params],
        )
        ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            return []
        these, these_params = in_ids("id", ids)
        for channel in channels:
            cursor.execute(
                f"INSERT INTO {quote(deliveries)} "
                "(notification_id, channel, status, attempts, detail, updated_at) "
                f"SELECT id, %s, 'pending', 0, '', %s FROM {quote(notifications)} "
                f"WHERE {these} ON CONFLICT DO NOTHING",
                [channel, at, *these_params],
            )
    if ids:
        transaction.on_commit(lambda: queue_delivery(ids))
    return ids


def queue_delivery(ids: list[int]) -> None:
    from .tasks import deliver_many

    for start in range(0, len(ids), TASK_SIZE):
        deliver_many(ids[start : start + TASK_SIZE])
