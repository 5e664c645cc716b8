"""Check-ins by QR: one per worker per station within 60 minutes; counts per station and org."""

import datetime as dt

import pytest
import time_machine

from yunjishi.core.errors import NotAllowed, ServiceError
from yunjishi.stations import checkin_codes, services, stats
from yunjishi.stations.models import CheckIn, Status

from .conftest import at


def _scan(worker, station, moment):
    with time_machine.travel(at(moment), tick=False):
        return services.check_in(worker, station, checkin_codes.screen_code(station))


def test_scans_within_sixty_minutes_of_a_visit_are_that_visit(make_station, worker):
    station = make_station()
    first, created = _scan(worker, station, "2025-03-01 10:05")
    for moment in ("2025-03-01 10:55", "2025-03-01 11:00", "2025-03-01 11:04"):
        again, created_again = _scan(worker, station, moment)
        assert not created_again and again == first, moment
    _, an_hour_later = _scan(worker, station, "2025-03-01 11:05")
    assert created and an_hour_later and CheckIn.objects.count() == 2


def test_scans_at_10_59_and_11_00_are_one_visit_not_two(make_station, worker):
    station = make_station()
    _scan(worker, station, "2025-03-01 10:59")
    _, created = _scan(worker, station, "2025-03-01 11:00")
    assert not created and CheckIn.objects.count() == 1


def test_the_same_worker_is_counted_once_per_station(make_station, worker, other_worker):
    a, b = make_station(), make_station()
    _scan(worker, a, "2025-03-01 10:59")
    _, at_b = _scan(worker, b, "2025-03-01 11:00")
    _, other = _scan(other_worker, a, "2025-03-01 11:00")
    assert at_b and other and CheckIn.objects.count() == 3


def test_the_database_refuses_a_second_visit_in_the_hour(make_station, worker):
    from django.db import IntegrityError, transaction

    station = make_station()
    services.check_in(worker, station, checkin_codes.screen_code(station))
    row = CheckIn.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(station=station, user=worker, at=row.at, hour=row.hour)


def test_a_wrong_code_records_nothing(make_station, worker):
    station = make_station()
    with pytest.raises(NotAllowed):
        services.check_in(worker, station, "guessed")
    assert not CheckIn.objects.exists()


def test_a_paused_station_takes_no_visits(make_station, worker):
    station = make_station()
    services.change_status(None, station, Status.PAUSED, reason="维修")
    station.refresh_from_db()
    with pytest.raises(ServiceError):
        services.check_in(worker, station, checkin_codes.screen_code(station))


def test_counts_per_station_and_per_union(make_station, worker, other_worker, tree):
    a, b = make_station(tree.street_a), make_station(tree.enterprise_b)
    with time_machine.travel(at("2025-03-01 09:00"), tick=False):
        for person in (worker, other_worker):
            services.check_in(person, a, checkin_codes.screen_code(a))
        services.check_in(worker, b, checkin_codes.screen_code(b))
    since, until = at("2025-03-01 00:00"), at("2025-03-02 00:00")
    assert stats.station_counts(services.Station.objects.all(), since, until) == {a.pk: 2, b.pk: 1}
    rows = {
        row.org.code: (row.stations, row.visits)
        for row in stats.org_counts(tree.district, since, until)
    }
    assert rows == {"T-D": (2, 3), "T-SA": (1, 2), "T-SB": (1, 1)}
    later = stats.station_counts(
        services.Station.objects.all(), until, until + dt.timedelta(days=1)
    )
    assert later == {}
