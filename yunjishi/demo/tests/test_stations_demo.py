"""The stations demo step: real cities, realistic coordinates, idempotent."""

import pytest

from yunjishi.demo import orgs, people
from yunjishi.demo import stations as demo
from yunjishi.demo.seeding import Seeder
from yunjishi.stations import search, services
from yunjishi.stations.models import Activity, District, Evaluation, ImportJob, Station


@pytest.fixture
def seeded(db):
    seeder = Seeder()
    orgs.seed(seeder)
    people.seed(seeder)
    demo.seed(seeder)
    return seeder


def test_it_creates_stations_in_the_seeds_cities(seeded):
    codes = set(Station.objects.values_list("code", flat=True))
    assert "FJ-XM-HC-0001" in codes and len(codes) == len(demo.STATIONS)
    prefixes = {code.rsplit("-", 1)[0] for code in codes}
    assert {"FJ-XM-HC", "FJ-FZ-GL", "HB-WH-WC", "QH-HD-MH", "SH-SH-YP"} <= prefixes
    assert Station.objects.running().count() == len(demo.STATIONS)
    assert Evaluation.objects.filter(year=2025).count() == 3
    assert Activity.objects.count() == len(demo.ACTIVITIES)


def test_every_station_lies_near_its_district(seeded):
    from yunjishi.stations.geo import haversine_m

    for station in Station.objects.select_related("district"):
        d = station.district
        assert haversine_m(station.lat, station.lon, d.lat, d.lon) < 60_000, station.name


def test_a_second_run_creates_nothing(seeded):
    again = Seeder()
    demo.seed(again)
    assert again.total == 0
    assert District.objects.count() == len(demo.DISTRICTS)


def test_a_haicang_worker_finds_a_station_with_hot_meals(seeded):
    hits = search.nearest(
        24.4800, 118.0400, mask=services.mask_for_codes(["热饭"]), k=3, open_only=False
    )
    assert Station.objects.get(pk=hits[0].station_id).name == "海沧管理站户外劳动者服务站点"


def test_the_fujian_admin_has_an_import_with_its_report_of_rows(seeded):
    job = ImportJob.objects.get(started_by__phone="13800001051")
    assert (job.status, job.error_count, job.errors[0]["row"]) == ("refused", 1, 3)
    assert job.errors[0]["message"] == "未知的服务：洗澡。"
