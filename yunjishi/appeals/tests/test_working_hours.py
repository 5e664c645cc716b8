"""Working hours (core.calendar) and the 72-hour rule counted in them: business hours of
working days only, with public holidays off and 调休 weekend days on."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from yunjishi.appeals import conf, services, sweep
from yunjishi.appeals.models import Appeal
from yunjishi.core.calendar import (
    WHOLE_DAY,
    add_working_days,
    add_working_hours,
    hours_per_day,
    parse_business_hours,
    working_hours_between,
)

from .conftest import local

# 2024 National Day: 1–7 October off; Sunday 29 September and Saturday 12 October are
# working days (调休).
FRIDAY_BEFORE_ADJUSTED_SATURDAY = local(2024, 10, 11, 10, 0)
MONDAY_BEFORE_HOLIDAY = local(2024, 9, 30, 10, 0)


def test_working_hours_skip_nights_lunch_and_a_normal_weekend():
    friday = local(2024, 3, 8, 16, 0)  # 2 h left: 16:00–18:00
    assert add_working_hours(friday, 2) == local(2024, 3, 8, 18, 0)
    assert add_working_hours(friday, 3) == local(2024, 3, 11, 10, 0)
    assert add_working_hours(local(2024, 3, 11, 11, 30), 1) == local(2024, 3, 11, 13, 30)
    assert working_hours_between(friday, local(2024, 3, 11, 10, 0)) == 3


def test_an_adjusted_saturday_counts_and_a_holiday_weekday_does_not():
    assert add_working_hours(FRIDAY_BEFORE_ADJUSTED_SATURDAY, 16) == local(2024, 10, 14, 10, 0)
    assert add_working_hours(MONDAY_BEFORE_HOLIDAY, 16) == local(2024, 10, 9, 10, 0)
    assert working_hours_between(MONDAY_BEFORE_HOLIDAY, local(2024, 10, 8, 10, 0)) == 8


def test_starting_outside_business_hours_waits_for_the_next_window():
    assert add_working_hours(local(2024, 3, 8, 20, 0), 1) == local(2024, 3, 11, 10, 0)
    assert add_working_hours(local(2024, 3, 9, 12, 0), 0) == local(2024, 3, 9, 12, 0)


def test_whole_working_days_count_every_hour_of_a_working_day():
    assert add_working_hours(FRIDAY_BEFORE_ADJUSTED_SATURDAY, 72, WHOLE_DAY) == local(
        2024, 10, 15, 10, 0
    )


def test_adding_and_measuring_are_inverse():
    start = local(2024, 9, 27, 15, 17)
    for hours in (0.5, 7, 8, 31.25, 100):
        end = add_working_hours(start, hours)
        assert working_hours_between(start, end) == pytest.approx(hours)


def test_working_days_are_kept_as_they_were():
    assert add_working_days(local(2024, 9, 30, 10, 0), 1) == local(2024, 10, 8, 10, 0)


def test_business_hours_are_parsed_and_bad_ones_refused():
    assert parse_business_hours("08:30-12:00, 13:30-17:30") == ((510, 720), (810, 1050))
    assert hours_per_day(parse_business_hours("00:00-24:00")) == 24
    for bad in ("9-12", "12:00-09:00", "09:00-13:00,12:00-18:00", "25:00-26:00"):
        with pytest.raises(ValueError):
            parse_business_hours(bad)
    with (
        override_settings(APPEALS_BUSINESS_HOURS="nine to five"),
        pytest.raises(ImproperlyConfigured),
    ):
        conf.business_hours()


@override_settings(APPEALS_OVERDUE_CLOCK="working", APPEALS_OVERDUE_HOURS=16)
def test_in_working_hours_an_appeal_is_overdue_after_the_weekend_and_the_adjusted_saturday(
    make_appeal, handler_a
):
    with time_machine.travel(FRIDAY_BEFORE_ADJUSTED_SATURDAY, tick=False):
        appeal = make_appeal()
    assert appeal.overdue_at == local(2024, 10, 14, 10, 0)
    # Friday 7 h + the 调休 Saturday 8 h = 15 h; Sunday is off
    with time_machine.travel(local(2024, 10, 13, 23, 0), tick=False):
        assert sweep.sweep_overdue() == 0
    with time_machine.travel(local(2024, 10, 14, 10, 0), tick=False):
        assert sweep.sweep_overdue() == 1  # handler_a, the only responsible person here
    assert Appeal.objects.get(pk=appeal.pk).overdue_periods == 1


@override_settings(APPEALS_OVERDUE_CLOCK="working", APPEALS_OVERDUE_HOURS=72)
def test_72_working_hours_span_the_national_day_holiday(make_appeal, handler_a):
    with time_machine.travel(MONDAY_BEFORE_HOLIDAY, tick=False):
        appeal = make_appeal()
    # 7 h on 30 September, then nothing until 8 October; 65 h more = 8 working days + 1 h
    assert appeal.overdue_at == local(2024, 10, 17, 10, 0)
    with time_machine.travel(local(2024, 10, 17, 9, 59), tick=False):
        assert sweep.sweep_overdue() == 0
    with time_machine.travel(local(2024, 10, 17, 10, 0), tick=False):
        assert sweep.sweep_overdue() == 1


def test_wall_clock_hours_count_the_weekend(make_appeal):
    with time_machine.travel(FRIDAY_BEFORE_ADJUSTED_SATURDAY, tick=False):
        appeal = make_appeal()
    assert appeal.overdue_at == FRIDAY_BEFORE_ADJUSTED_SATURDAY + dt.timedelta(hours=72)


def test_deadlines_follow_the_complexity_in_working_days(make_appeal, handler_a):
    with time_machine.travel(local(2024, 3, 4, 10, 0), tick=False):  # a Monday
        appeal = make_appeal()
        assert appeal.accept_due_at == local(2024, 3, 5, 10, 0)
        assert appeal.due_at == local(2024, 3, 13, 10, 0)  # 7 working days
        appeal = services.accept(handler_a, appeal, "difficult")
        assert appeal.due_at == local(2024, 3, 25, 10, 0)  # 15 working days
        with override_settings(APPEALS_DEADLINE_DAYS={"complex": 20}):
            appeal = services.set_complexity(handler_a, appeal, "complex")
        assert appeal.due_at == local(2024, 4, 1, 10, 0)
