"""Working days and working hours in mainland China, holidays and 调休 included
(chinese-calendar), on the Asia/Shanghai clock.

Working hours are the business hours of each working day: by default 09:00–12:00 and
13:00–18:00. A weekday that is a public holiday has none; a weekend day that is a 调休
working day has them all. ``add_working_hours`` and ``working_hours_between`` are inverse
to each other, so a clock can be paused and restarted without losing a minute.
"""

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import chinese_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY_MINUTES = 24 * 60
# Business hours as (start, end) minutes after local midnight, sorted, not overlapping.
Windows = Sequence[tuple[int, int]]
BUSINESS_HOURS: Windows = ((9 * 60, 12 * 60), (13 * 60, 18 * 60))
WHOLE_DAY: Windows = ((0, DAY_MINUTES),)
# Far enough for any deadline we compute; a bad argument ends instead of looping for ever.
MAX_DAYS = 3660


def is_working_day(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year the calendar does not know yet: weekdays work
        return day.weekday() < 5


def add_working_days(moment: dt.datetime, days: int) -> dt.datetime:
    """The same local time ``days`` working days later (Asia/Shanghai calendar)."""
    local = moment.astimezone(SHANGHAI)
    day = local.date()
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return dt.datetime.combine(day, local.timetz()).astimezone(dt.UTC)


def parse_business_hours(text: str) -> Windows:
    """``"09:00-12:00,13:00-18:00"`` as windows; ``"00:00-24:00"`` is the whole day.

    Raises ``ValueError`` on anything else, so a bad setting stops start-up.
    """
    windows = []
    for part in text.split(","):
        try:
            start, end = (_minutes(piece) for piece in part.strip().split("-"))
        except ValueError:
            raise ValueError(f"business hours must look like 09:00-12:00, not {part!r}") from None
        windows.append((start, end))
    windows.sort()
    for (start, end), following in zip(windows, [*windows[1:], None], strict=True):
        if not start < end or (following is not None and following[0] < end):
            raise ValueError(f"business hours overlap or run backwards: {text!r}")
    return tuple(windows)


def _minutes(text: str) -> int:
    hours, minutes = text.strip().split(":")
    value = int(hours) * 60 + int(minutes)
    if not 0 <= value <= DAY_MINUTES or not 0 <= int(minutes) < 60:
        raise ValueError(text)
    return value


def hours_per_day(windows: Windows = BUSINESS_HOURS) -> float:
    return sum(end - start for start, end in windows) / 60


def _day_windows(day: dt.date, windows: Windows) -> list[tuple[dt.datetime, dt.datetime]]:
    """The business hours of one local day as aware datetimes (none on a day off)."""
    if not is_working_day(day):
        return []
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=SHANGHAI)
    return [
        (
            midnight + dt.timedelta(minutes=start),
            midnight + dt.timedelta(minutes=end),  # 24:00 is the next midnight
        )
        for start, end in windows
    ]


def add_working_hours(
    moment: dt.datetime, hours: float, windows: Windows = BUSINESS_HOURS
) -> dt.datetime:
    """The moment when ``hours`` working hours have passed since ``moment``.

    Starting outside business hours, the clock waits for the next window; a result that
    falls exactly at the end of a window stays there (18:00, not 09:00 the next day).
    """
    remaining = dt.timedelta(hours=hours)
    if remaining <= dt.timedelta(0):
        return moment.astimezone(dt.UTC)
    local = moment.astimezone(SHANGHAI)
    day = local.date()
    for _ in range(MAX_DAYS):
        for start, end in _day_windows(day, windows):
            start = max(start, local)
            if start >= end:
                continue
            if end - start >= remaining:
                return (start + remaining).astimezone(dt.UTC)
            remaining -= end - start
        day += dt.timedelta(days=1)
    raise ValueError(f"no working hours within {MAX_DAYS} days of {moment}")


def working_hours_between(
    start: dt.datetime, end: dt.datetime, windows: Windows = BUSINESS_HOURS
) -> float:
    """Working hours from ``start`` to ``end`` (0 if ``end`` is not after ``start``)."""
    if end <= start:
        return 0.0
    first, last = start.astimezone(SHANGHAI), end.astimezone(SHANGHAI)
    total = dt.timedelta(0)
    day = first.date()
    while day <= last.date():
        for window_start, window_end in _day_windows(day, windows):
            overlap = min(window_end, last) - max(window_start, first)
            if overlap > dt.timedelta(0):
                total += overlap
        day += dt.timedelta(days=1)
    return total.total_seconds() / 3600


def local_text(moment: dt.datetime | None) -> str:
    """A moment (a deadline, a session's start) as people read it in messages: local
    ``2026-12-04 18:00``, or ``—``."""
    if moment is None:
        return "—"
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
