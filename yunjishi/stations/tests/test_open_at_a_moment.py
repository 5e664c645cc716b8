"""``is_open_at``: Beijing time, ranges past midnight, holiday exceptions."""

import datetime as dt

import time_machine

from yunjishi.stations import services
from yunjishi.stations.models import Status

from .conftest import WEEKDAYS_9_TO_6, at

# 2025-01-06 is a Monday.


def test_it_is_open_inside_a_range_and_closed_at_its_end(make_station):
    station = make_station(weekly_hours=WEEKDAYS_9_TO_6)
    assert services.is_open_at(station, at("2025-01-06 09:00"))
    assert services.is_open_at(station, at("2025-01-06 17:59"))
    assert not services.is_open_at(station, at("2025-01-06 18:00"))
    assert not services.is_open_at(station, at("2025-01-11 10:00"))  # Saturday


def test_it_reads_the_moment_in_beijing_time(make_station):
    station = make_station(weekly_hours=WEEKDAYS_9_TO_6)
    utc_morning = dt.datetime(2025, 1, 6, 1, 30, tzinfo=dt.UTC)  # 09:30 in Beijing
    assert services.is_open_at(station, utc_morning)


def test_a_night_range_covers_the_next_morning(make_station):
    station = make_station(weekly_hours=["22:00-06:00"] + [""] * 6)
    assert services.is_open_at(station, at("2025-01-06 23:00"))
    assert services.is_open_at(station, at("2025-01-07 05:59"))  # Tuesday, from Monday
    assert not services.is_open_at(station, at("2025-01-07 06:00"))
    assert not services.is_open_at(station, at("2025-01-06 05:00"))  # Sunday was closed


def test_sunday_night_runs_into_monday(make_station):
    station = make_station(weekly_hours=[""] * 6 + ["20:00-03:00"])
    assert services.is_open_at(station, at("2025-01-13 02:00"))


def test_a_holiday_exception_replaces_the_day(make_station):
    station = make_station(weekly_hours=WEEKDAYS_9_TO_6)
    services.set_exception(None, station, dt.date(2025, 1, 28), "", note="除夕")
    services.set_exception(None, station, dt.date(2025, 2, 1), "10:00-14:00")  # Saturday
    assert not services.is_open_at(station, at("2025-01-28 10:00"))
    assert services.is_open_at(station, at("2025-02-01 13:00"))
    assert not services.is_open_at(station, at("2025-02-01 15:00"))


def test_last_nights_range_still_runs_into_a_holiday(make_station):
    station = make_station(weekly_hours=["22:00-06:00"] * 7)
    services.set_exception(None, station, dt.date(2025, 1, 29), "")
    assert services.is_open_at(station, at("2025-01-29 05:00"))  # from the 28th
    assert not services.is_open_at(station, at("2025-01-29 23:00"))


def test_a_station_that_is_not_running_is_never_open(make_station):
    station = make_station(status=Status.PLANNING)
    assert not services.is_open_at(station, at("2025-01-06 10:00"))


def test_now_is_the_default_moment(make_station):
    station = make_station(weekly_hours=WEEKDAYS_9_TO_6)
    with time_machine.travel(at("2025-01-06 10:00"), tick=False):
        assert services.is_open_at(station)
    with time_machine.travel(at("2025-01-06 20:00"), tick=False):
        assert not services.is_open_at(station)
