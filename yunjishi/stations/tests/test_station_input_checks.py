"""Bad input gets clear messages, all of them at once."""

import pytest
from django.core.exceptions import ValidationError


def _errors(make_station, **fields):
    with pytest.raises(ValidationError) as error:
        make_station(**fields)
    return error.value.message_dict


def test_latitude_and_longitude_must_be_numbers(make_station):
    errors = _errors(make_station, lat="二十四", lon="")
    assert "decimal" in errors["lat"][0] and "lon" in errors


def test_swapped_coordinates_are_caught(make_station):
    errors = _errors(make_station, lat=118.08, lon=24.45)
    assert "between -90 and 90" in errors["lat"][0]


def test_a_point_outside_china_is_refused(make_station):
    errors = _errors(make_station, lat=0.0, lon=0.0)
    assert "swapped" in errors["lat"][0]


def test_hours_must_be_ranges(make_station):
    errors = _errors(make_station, weekly_hours=["上午"] + ["24h"] * 6)
    assert "上午" in errors["weekly_hours"][0]


def test_unknown_services_are_named(make_station):
    errors = _errors(make_station, services_=["热饭", "洗澡"])
    assert errors["services"] == ["Unknown service: 洗澡."]


def test_the_manager_phone_must_be_a_real_number(make_station):
    assert "manager_phone" in _errors(make_station, manager_phone="12345")


def test_landlines_are_kept_with_their_area_code(make_station):
    assert make_station(manager_phone="0592-6012345").manager_phone == "05926012345"


def test_several_problems_come_back_together(make_station):
    errors = _errors(make_station, lat="x", weekly_hours=["bad"] * 7, manager_phone="1")
    assert {"lat", "weekly_hours", "manager_phone"} <= set(errors)
