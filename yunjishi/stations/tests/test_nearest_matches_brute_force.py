"""The grid search gives exactly the brute-force answer, on random stations, hours,
services, exceptions and moments: near midnight, on holidays, far from every station."""

import datetime as dt
import random

import pytest

from yunjishi.stations import search, services
from yunjishi.stations.models import Service, Status

from .conftest import at

HOURS = [
    "00:00-24:00",
    "08:00-18:00",
    "07:30-11:30,13:30-17:30",
    "22:00-06:00",
    "18:00-02:00",
    "06:00-09:00,11:00-14:00,17:00-23:59",
    "",
    "20:00-08:00",
]
MOMENTS = [
    "2025-01-27 23:30",  # Monday night
    "2025-01-28 00:15",  # just after midnight, on a holiday of some stations
    "2025-01-28 05:59",
    "2025-01-29 03:00",
    "2025-02-02 12:00",  # Sunday
    "2025-02-03 01:00",  # Monday morning, after Sunday night
    "2025-02-04 18:00",
]
HOLIDAYS = [dt.date(2025, 1, 28), dt.date(2025, 1, 29), dt.date(2025, 2, 2)]


@pytest.fixture
def random_stations(make_station, tree):
    rng = random.Random(20250128)
    bits = list(Service.objects.values_list("name", flat=True))
    made = []
    for n in range(260):
        if n % 40 == 0:  # a few stations far away (another province)
            lat, lon = 36.6 + rng.uniform(-0.5, 0.5), 101.8 + rng.uniform(-0.5, 0.5)
        else:  # the rest packed around Xiamen, some in the same cell
            lat, lon = 24.48 + rng.gauss(0, 0.05), 118.10 + rng.gauss(0, 0.05)
            if n % 17 == 0 and made:
                lat, lon = made[-1].lat, made[-1].lon  # same point: ties broken by id
        week = [rng.choice(HOURS) for _ in range(7)]
        status = rng.choice([Status.RUNNING] * 8 + [Status.PAUSED, Status.EXITED])
        station = make_station(
            tree.street_a if n % 2 else tree.street_b,
            lat=round(lat, 6),
            lon=round(lon, 6),
            weekly_hours=week,
            services_=rng.sample(bits, rng.randint(0, 5)),
            status=Status.RUNNING,
        )
        for day in HOLIDAYS:
            if rng.random() < 0.3:
                services.set_exception(None, station, day, rng.choice(HOURS[:6] + ["", ""]))
        if status != Status.RUNNING:
            services.change_status(None, station, status, reason="测试")
        made.append(station)
    return made


def _same(a, b):
    return [(h.station_id, round(h.distance_m, 6)) for h in a] == [
        (h.station_id, round(h.distance_m, 6)) for h in b
    ]


def test_it_matches_brute_force_on_random_points_moments_and_services(random_stations):
    rng = random.Random(7)
    masks = [0, 1 << 3, (1 << 3) | (1 << 4), 1 << 9]
    pool = search.candidates()
    checked = 0
    for text in MOMENTS:
        moment = at(text)
        exceptions = search.exceptions_near(moment)
        for _ in range(12):
            lat, lon = 24.48 + rng.gauss(0, 0.08), 118.10 + rng.gauss(0, 0.08)
            mask, k = rng.choice(masks), rng.choice([1, 3, 10])
            fast = search.nearest(lat, lon, at=moment, mask=mask, k=k)
            slow = search.brute_force(
                lat, lon, at=moment, mask=mask, k=k, pool=pool, exceptions=exceptions
            )
            assert _same(fast, slow), (text, lat, lon, mask, k)
            checked += 1
    assert checked == 84


def test_it_matches_brute_force_when_it_must_look_far(random_stations):
    moment = at("2025-02-04 18:00")
    for lat, lon in [(36.6, 101.8), (30.0, 110.0), (24.48, 118.10)]:
        fast = search.nearest(lat, lon, at=moment, k=50)
        assert _same(fast, search.brute_force(lat, lon, at=moment, k=50))
        assert len(fast) == 50


def test_it_can_ignore_the_hours(random_stations):
    moment = at("2025-01-28 00:15")
    fast = search.nearest(24.5, 118.1, at=moment, k=20, open_only=False)
    slow = search.brute_force(24.5, 118.1, at=moment, k=20, open_only=False)
    assert _same(fast, slow)


def test_paused_and_exited_stations_are_never_found(random_stations):
    gone = {s.pk for s in random_stations} - set(
        services.Station.objects.running().values_list("pk", flat=True)
    )
    assert gone
    found = search.nearest(24.48, 118.10, at=at("2025-02-04 18:00"), k=50, open_only=False)
    assert not gone & {h.station_id for h in found}


def test_a_rare_service_far_away_is_still_found(make_station, tree):
    near = make_station(services_=["饮水"])
    far = make_station(lat=36.6, lon=101.8, services_=["借伞", "饮水"])
    umbrella = 1 << Service.objects.get(name="借伞").bit
    hits = search.nearest(near.lat, near.lon, mask=umbrella, k=5)
    assert [h.station_id for h in hits] == [far.pk]
    assert hits[0].distance_m > 1_500_000
