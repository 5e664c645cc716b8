"""Opening hours: parsing what people type, and deciding "open at this moment".

A day's hours are a list of spans ``(start, end)`` in minutes after that day's midnight,
Beijing time: ``0 <= start < 1440`` and ``start < end <= start + 1440``. An end past 1440
runs into the next morning ("22:00-02:00" is ``(1320, 1560)``); ``(0, 1440)`` is 24 hours;
no span is a closed day. A holiday exception replaces the spans that *start* on its date;
the previous evening's span that runs past midnight still counts (a night shift that began
before the holiday is not cut off at 00:00).

Two representations of the same rules:

- the day-by-day rule in ``is_open`` (what brute force and the detail page use), read from
  the people-facing text stored on the station;
- a compact index stored beside it (``encode_week``/``encode_exceptions``) that the nearest
  search decodes once per distinct schedule (cached) and checks with one ``bisect`` over
  the week's merged boundaries; only a station with an exception on the day or the day
  before falls back to the day-by-day rule. Tests compare the two on random schedules.
"""

import datetime as dt
import re
from bisect import bisect_right
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = 1440
WEEK = 7 * DAY
Span = tuple[int, int]
Week = tuple[tuple[Span, ...], ...]  # seven days, Monday first

CLOSED_WORDS = {"closed", "close", "休息", "关闭", "不开放", "闭馆", "停止开放"}
ALL_DAY_WORDS = {"24h", "24小时", "全天", "00:00-24:00", "0:00-24:00", "24/7"}
_SPLIT = re.compile(r"[,，;；、/\s]+")
_RANGE = re.compile(r"^(\d{1,2})[:：](\d{2})\s*(?:-|–|—|~|～|至|到)\s*(\d{1,2})[:：](\d{2})$")


def parse_day(text: str) -> list[Span]:
    """``"08:00-12:00, 14:00-18:00"`` → ``[(480, 720), (840, 1080)]``.

    Accepts 24h words (``24h``, ``全天``), closed words (``closed``, ``休息``) and the empty
    string (closed); raises ValidationError with a message that names the bad part.
    """
    raw = (text or "").strip()
    if raw.lower() in CLOSED_WORDS or raw == "":
        return []
    if raw.lower() in ALL_DAY_WORDS:
        return [(0, DAY)]
    spans = []
    for part in _SPLIT.split(raw.replace(" - ", "-")):
        if not part:
            continue
        match = _RANGE.match(part)
        if not match:
            raise ValidationError(
                _("“%(part)s” is not a time range such as 08:00-18:00.") % {"part": part},
                code="bad_hours",
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2 != 0):
            raise ValidationError(
                _("“%(part)s” has a time that does not exist.") % {"part": part},
                code="bad_hours",
            )
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end == start:
            raise ValidationError(
                _("“%(part)s” opens and closes at the same time.") % {"part": part},
                code="bad_hours",
            )
        if end < start:  # past midnight: closes the next morning
            end += DAY
        spans.append((start, end))
    return sorted(spans)


def format_day(spans) -> str:
    """The canonical text of a day: ``"08:00-12:00,14:00-18:00"``, ``""`` when closed."""

    def hhmm(minutes: int) -> str:
        if minutes == DAY:
            return "24:00"
        minutes %= DAY
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    return ",".join(f"{hhmm(s)}-{hhmm(e)}" for s, e in sorted(spans))


def normalize_week(days) -> list[str]:
    """Seven day texts (Monday first) in canonical form; raises ValidationError."""
    if len(days) != 7:
        raise ValidationError(_("Give the hours of all seven days."), code="bad_hours")
    return [format_day(parse_day(text)) for text in days]


def week_spans(days) -> Week:
    return tuple(tuple(parse_day(text)) for text in days)


# --- The day-by-day rule ------------------------------------------------------------------


def local_minute(moment: dt.datetime) -> tuple[dt.date, int]:
    local = moment.astimezone(SHANGHAI)
    return local.date(), local.hour * 60 + local.minute


def spans_on(day: dt.date, week: Week, exceptions: dict) -> tuple[Span, ...]:
    return tuple(exceptions[day]) if day in exceptions else week[day.weekday()]


def is_open(week: Week, exceptions: dict, moment: dt.datetime) -> bool:
    """Open at ``moment``: a span starting that day covers it, or the previous day's span
    runs past midnight beyond it. ``exceptions`` maps a date to its spans."""
    day, minute = local_minute(moment)
    if any(s <= minute < e for s, e in spans_on(day, week, exceptions)):
        return True
    yesterday = day - dt.timedelta(days=1)
    return any(e - DAY > minute for _s, e in spans_on(yesterday, week, exceptions))


# --- The compact index --------------------------------------------------------------------


def encode_week(week: Week) -> str:
    """``"480-1080|480-1080|...|"``: seven days of spans as integers."""
    return "|".join(",".join(f"{s}-{e}" for s, e in day) for day in week)


def encode_exceptions(exceptions: dict) -> str:
    """``"2025-01-28=;2025-01-29=480-1080"``: only dates with an exception."""
    return ";".join(
        f"{day.isoformat()}=" + ",".join(f"{s}-{e}" for s, e in spans)
        for day, spans in sorted(exceptions.items())
    )


def _decode_spans(text: str) -> tuple[Span, ...]:
    if not text:
        return ()
    return tuple(tuple(int(x) for x in part.split("-")) for part in text.split(","))  # type: ignore[misc]


@lru_cache(maxsize=8192)
def decode_week(index: str) -> tuple[Week, tuple[int, ...]]:
    """The seven days' spans and the week's merged boundaries (even positions open)."""
    week = tuple(_decode_spans(part) for part in index.split("|"))
    intervals = []
    for weekday, spans in enumerate(week):
        for s, e in spans:
            a, b = weekday * DAY + s, weekday * DAY + e
            if b <= WEEK:
                intervals.append((a, b))
            else:  # Sunday night into Monday morning
                intervals.extend([(a, WEEK), (0, b - WEEK)])
    intervals.sort()
    merged: list[list[int]] = []
    for a, b in intervals:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return week, tuple(x for pair in merged for x in pair)


@lru_cache(maxsize=4096)
def decode_exceptions(index: str) -> dict:
    result = {}
    for item in index.split(";"):
        day, _sep, spans = item.partition("=")
        result[dt.date.fromisoformat(day)] = _decode_spans(spans)
    return result


class Moment:
    """One moment, prepared once for checking many stations' indexes."""

    def __init__(self, moment: dt.datetime):
        self.moment = moment
        self.day, self.minute = local_minute(moment)
        self.week_minute = self.day.weekday() * DAY + self.minute
        self.keys = (self.day.isoformat(), (self.day - dt.timedelta(days=1)).isoformat())

    def open(self, week_index: str, exceptions_index: str) -> bool:
        week, bounds = decode_week(week_index)
        if exceptions_index and (
            self.keys[0] in exceptions_index or self.keys[1] in exceptions_index
        ):
            return is_open(week, decode_exceptions(exceptions_index), self.moment)
        return bisect_right(bounds, self.week_minute) % 2 == 1
