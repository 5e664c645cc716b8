"""Working days in mainland China, holidays and 调休 included (chinese-calendar)."""

import datetime as dt
from zoneinfo import ZoneInfo

import chinese_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")


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
