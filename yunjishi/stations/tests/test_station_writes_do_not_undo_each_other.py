"""Two writes to one station at once, in two threads with their own database connections:
neither undoes the other. Each test holds the first write open (a pause after it has read
the station) while the second one runs, the window in which an unlocked read-then-save
would write back what it read. SQLite serialises writing transactions anyway, so some of
these races only show on PostgreSQL (the suite runs on both)."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection

from yunjishi.stations import hours, search, services
from yunjishi.stations.models import Station, Status

pytestmark = pytest.mark.django_db(transaction=True)
PAUSE = 0.5


def in_thread(job):
    """Start ``job`` in a thread of its own (own connection); join() gives its error."""
    errors = []

    def run():
        try:
            job()
        except Exception as error:  # re-raised by join
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()

    def join():
        thread.join(60)
        if errors:
            raise errors[0]

    return join


def pause_after(monkeypatch, module, name, reached: threading.Event):
    """Make ``module.name`` signal ``reached`` and wait a little once it has run."""
    original = getattr(module, name)

    def slow(*args, **kwargs):
        result = original(*args, **kwargs)
        if threading.current_thread() is not threading.main_thread():
            reached.set()
            time.sleep(PAUSE)
        return result

    monkeypatch.setattr(module, name, slow)


def test_an_edit_does_not_bring_back_a_station_that_exits_meanwhile(
    make_station, handler_a, monkeypatch
):
    station = make_station()
    reached = threading.Event()
    pause_after(monkeypatch, services, "prepare", reached)

    edit = in_thread(lambda: services.update_station(handler_a, station, {"name": "新名字"}))
    assert reached.wait(10)
    services.change_status(handler_a, station, Status.EXITED, reason="共建单位搬迁")
    edit()

    station = Station.objects.get(pk=station.pk)
    assert (station.name, station.status, station.status_reason) == (
        "新名字",
        Status.EXITED,
        "共建单位搬迁",
    )
    assert station.search_cell is None
    assert search.nearest(station.lat, station.lon, k=1, open_only=False) == []


def test_two_special_days_set_at_once_are_both_in_the_search_index(
    make_station, handler_a, monkeypatch
):
    station = make_station()
    reached = threading.Event()
    pause_after(monkeypatch, hours, "encode_exceptions", reached)
    new_year, spring = dt.date(2025, 1, 1), dt.date(2025, 1, 28)

    first = in_thread(lambda: services.set_exception(handler_a, station, new_year, ""))
    assert reached.wait(10)
    services.set_exception(handler_a, station, spring, "10:00-14:00")
    first()

    station.refresh_from_db()
    assert "2025-01-01=" in station.exceptions_index
    assert "2025-01-28=600-840" in station.exceptions_index


def test_a_special_day_set_during_an_edit_stays_in_the_search_index(
    make_station, handler_a, monkeypatch
):
    station = make_station()
    reached = threading.Event()
    pause_after(monkeypatch, services, "index_fields", reached)

    edit = in_thread(lambda: services.update_station(handler_a, station, {"name": "新名字"}))
    assert reached.wait(10)
    services.set_exception(handler_a, station, dt.date(2025, 1, 28), "")
    edit()

    station.refresh_from_db()
    assert station.name == "新名字" and "2025-01-28=" in station.exceptions_index
