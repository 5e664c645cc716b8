"""Codes: by region (province-city-district prefix + 4 digits), generated, never reused."""

import pytest
from django.core.exceptions import ValidationError

from yunjishi.stations import services
from yunjishi.stations.models import CodeCounter, District, Station, Status


def test_codes_follow_the_district_prefix_in_sequence(make_station):
    first, second = make_station(), make_station()
    assert (first.code, second.code) == ("FJ-XM-SM-0001", "FJ-XM-SM-0002")


def test_each_district_counts_on_its_own(make_station, district):
    other = District.objects.create(
        code="350205",
        name="海沧区",
        city="厦门市",
        province="福建省",
        prefix="FJ-XM-HC",
        lat=24.48,
        lon=118.03,
    )
    make_station()
    assert make_station(district=other).code == "FJ-XM-HC-0001"


def test_a_code_is_never_given_again_after_the_station_exits(make_station):
    station = make_station()
    services.change_status(None, station, Status.EXITED, reason="场地收回")
    assert make_station().code == "FJ-XM-SM-0002"
    assert Station.objects.get(pk=station.pk).code == "FJ-XM-SM-0001"


def test_codes_are_taken_in_blocks_without_overlap(district):
    first = services.take_codes("FJ-XM-SM", 3)
    second = services.take_codes("FJ-XM-SM", 2)
    assert first == ["FJ-XM-SM-0001", "FJ-XM-SM-0002", "FJ-XM-SM-0003"]
    assert second == ["FJ-XM-SM-0004", "FJ-XM-SM-0005"]
    assert CodeCounter.objects.get(prefix="FJ-XM-SM").last == 5


def test_the_district_comes_from_the_unions_region_code(tree, district):
    station = services.create_station(
        None,
        tree.district,  # region code 350203
        {
            "name": "思明驿站",
            "address": "思明区",
            "lat": 24.45,
            "lon": 118.08,
            "weekly_hours": ["24h"] * 7,
        },
    )
    assert station.district == district


def test_without_a_district_on_file_it_asks_for_one(tree):
    with pytest.raises(ValidationError) as error:
        services.create_station(
            None,
            tree.street_a,
            {"name": "x", "address": "y", "lat": 24.4, "lon": 118.1, "weekly_hours": [""] * 7},
        )
    assert "district" in error.value.message_dict


def test_a_district_prefix_must_look_like_one(db):
    bad = District(
        code="350205", name="海沧区", province="福建省", prefix="fj xm", lat=24.0, lon=118.0
    )
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert "prefix" in error.value.message_dict
