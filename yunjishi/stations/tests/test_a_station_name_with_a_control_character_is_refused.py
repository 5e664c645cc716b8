"""A station name with NUL was accepted by ``PATCH`` and broke the stations .xlsx export
(PostgreSQL refuses NUL in text outright). The API and the edit page now refuse control
characters in every text of a station by name, and the station is left as it was."""

import json

import pytest
from django.urls import reverse

from yunjishi.core.testing import assert_error
from yunjishi.stations.models import Station

BAD = ["\x00", "\x0b", "\x1f", "\ud800"]


def patch(client, station, data):
    return client.patch(
        f"/api/stations/staff/stations/{station.pk}",
        json.dumps(data),
        content_type="application/json",
    )


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("field", ["name", "address", "manager_name", "co_builder"])
def test_patching_a_text_with_a_control_character_is_refused(
    bad, field, admin_a, make_station, client_for
):
    station = make_station()

    response = patch(client_for(admin_a), station, {field: f"测试{bad}驿站"})

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == [field]
    assert Station.objects.get(pk=station.pk).name == station.name


def test_an_opening_hour_or_a_facility_with_a_control_character_is_refused(
    admin_a, make_station, client_for
):
    station = make_station()
    client = client_for(admin_a)

    hours = patch(client, station, {"weekly_hours": ["08:00-12:00\x00"] + ["24h"] * 6})
    facilities = patch(client, station, {"facilities": ["微波炉\x0b"]})

    assert list(assert_error(hours, 422, "validation_error")["fields"]) == ["weekly_hours.0"]
    assert list(assert_error(facilities, 422, "validation_error")["fields"]) == ["facilities.0"]
    assert Station.objects.get(pk=station.pk).facilities == station.facilities


def test_a_name_is_tidied_and_kept(admin_a, make_station, client_for):
    station = make_station()

    response = patch(client_for(admin_a), station, {"name": "  新名字驿站 "})

    assert response.status_code == 200
    assert Station.objects.get(pk=station.pk).name == "新名字驿站"


@pytest.mark.parametrize("bad", ["\x00", "\x0b"])
def test_the_edit_page_refuses_a_name_with_a_control_character(
    bad, admin_a, make_station, client_for
):
    station = make_station()
    data = {
        "name": f"测试{bad}驿站",
        "station_type": station.station_type,
        "co_builder_kind": station.co_builder_kind,
        "address": station.address,
        "lat": station.lat,
        "lon": station.lon,
        **{day: "00:00-24:00" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
    }

    response = client_for(admin_a).post(reverse("stations:staff_edit", args=[station.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert Station.objects.get(pk=station.pk).name == station.name
