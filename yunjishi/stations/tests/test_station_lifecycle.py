"""筹建 → 运行 → 暂停 → 退出: a table of moves, reasons, dates and a history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.stations import search, services
from yunjishi.stations.models import StationEvent, Status


def test_a_station_moves_through_its_life_with_a_history(make_station, handler_a):
    station = make_station(status=Status.PLANNING)
    services.change_status(handler_a, station, Status.RUNNING)
    services.change_status(handler_a, station, Status.PAUSED, reason="装修")
    services.change_status(handler_a, station, Status.RUNNING)
    services.change_status(
        handler_a, station, Status.EXITED, reason="共建单位搬迁", effective_on=dt.date(2025, 3, 1)
    )
    station.refresh_from_db()
    assert (station.status, station.status_reason, station.status_since) == (
        Status.EXITED,
        "共建单位搬迁",
        dt.date(2025, 3, 1),
    )
    moves = list(StationEvent.objects.filter(station=station).values_list("to_status", "actor"))
    assert moves == [
        (Status.RUNNING, handler_a.pk),
        (Status.PAUSED, handler_a.pk),
        (Status.RUNNING, handler_a.pk),
        (Status.EXITED, handler_a.pk),
    ]


def test_pausing_and_exiting_need_a_reason(make_station, handler_a):
    station = make_station()
    for to in (Status.PAUSED, Status.EXITED):
        with pytest.raises(ValidationError) as error:
            services.change_status(handler_a, station, to, reason="  ")
        assert "reason" in error.value.message_dict


def test_an_exited_station_cannot_come_back(make_station, handler_a):
    station = make_station()
    services.change_status(handler_a, station, Status.EXITED, reason="撤销")
    with pytest.raises(Conflict) as error:
        services.change_status(handler_a, station, Status.RUNNING)
    assert error.value.code == "illegal_transition"


def test_an_exited_station_leaves_the_search_but_keeps_its_record(make_station, handler_a):
    station = make_station()
    assert search.nearest(station.lat, station.lon, k=1)[0].station_id == station.pk
    services.change_status(handler_a, station, Status.EXITED, reason="撤销")
    assert search.nearest(station.lat, station.lon, k=1) == []
    station.refresh_from_db()
    assert station.search_cell is None and station.code


def test_a_handler_of_another_street_cannot_move_the_station(make_station, handler_b):
    station = make_station()
    with pytest.raises(NotAllowed):
        services.change_status(handler_b, station, Status.PAUSED, reason="x")
