"""The clocks of an appeal: the 72-hour quiet period (超期) and the working-day deadlines.

Each status change sets ``overdue_at`` once, from the calendar (wall clock or working hours,
holidays and 调休 included), so the periodic sweep needs no calendar of its own.
"""

import datetime as dt

from yunjishi.core.calendar import add_working_hours, hours_per_day

from .. import conf
from ..models import CLOCK_RUNS


def quiet_until(moment: dt.datetime) -> dt.datetime:
    """When an appeal whose status changed at ``moment`` becomes overdue (超期)."""
    hours = conf.overdue_hours()
    if conf.overdue_clock() == "wall":
        return moment + dt.timedelta(hours=hours)
    return add_working_hours(moment, hours, conf.business_hours())


def _working_days(start: dt.datetime, days: float, extra_hours: float = 0) -> dt.datetime:
    windows = conf.business_hours()
    return add_working_hours(start, days * hours_per_day(windows) + extra_hours, windows)


def accept_due(start: dt.datetime) -> dt.datetime:
    return _working_days(start, conf.accept_days())


def handling_due(start: dt.datetime, complexity: str, paused_hours: float = 0) -> dt.datetime:
    """The handling deadline: working days by complexity, plus the working hours the
    appeal waited for the worker."""
    return _working_days(start, conf.deadline_days(complexity), paused_hours)


def clock_fields(to: str, now: dt.datetime) -> dict:
    """A status change ends any overdue period; the quiet clock restarts if it runs."""
    return {
        "status_changed_at": now,
        "overdue_since": None,
        "overdue_at": quiet_until(now) if to in CLOCK_RUNS else None,
    }
