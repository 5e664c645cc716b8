"""The public API: nearest search, station detail (phone masked), services, districts."""

import json

import time_machine

from .conftest import WEEKDAYS_9_TO_6, at


def test_nearest_answers_with_distances_and_navigation_links(client, make_station):
    station = make_station(lat=24.4510, lon=118.0810)
    make_station(lat=24.4500, lon=118.0800, weekly_hours=WEEKDAYS_9_TO_6)
    with time_machine.travel(at("2025-01-06 20:00"), tick=False):
        response = client.get(
            "/api/stations/nearest", {"lat": 24.45, "lon": 118.08, "services": "热饭", "k": 5}
        )
    assert response.status_code == 200
    (hit,) = response.json()
    assert hit["station"]["id"] == station.pk and hit["station"]["open_now"] is True
    assert 100 < hit["distance_m"] < 200
    assert hit["station"]["amap_url"].startswith("https://uri.amap.com/marker?")


def test_nearest_at_a_given_moment(client, make_station):
    station = make_station(weekly_hours=WEEKDAYS_9_TO_6)
    response = client.get(
        "/api/stations/nearest",
        {"lat": station.lat, "lon": station.lon, "at": "2025-01-06T10:00:00+08:00"},
    )
    assert [h["station"]["id"] for h in response.json()] == [station.pk]


def test_nearest_from_a_district(client, make_station, district):
    station = make_station()
    response = client.get("/api/stations/nearest", {"district": district.code})
    assert response.json()[0]["station"]["id"] == station.pk


def test_nearest_explains_bad_input(client, district):
    response = client.get("/api/stations/nearest", {"lat": 24.4, "lon": 118.1, "services": "洗澡"})
    assert response.status_code == 422 and "services" in response.json()["fields"]
    response = client.get("/api/stations/nearest", {"lat": 124.4, "lon": 118.1})
    assert response.status_code == 422 and "lat" in response.json()["fields"]
    response = client.get("/api/stations/nearest", {})
    assert response.status_code == 422


def test_detail_masks_the_phone(client, make_station):
    station = make_station()
    body = client.get(f"/api/stations/stations/{station.pk}").json()
    assert body["manager_phone_masked"] == "138****5678"
    assert "13812345678" not in str(body)
    assert [s["code"] for s in body["services"]] == ["hot-meal", "water"]


def test_the_phone_needs_a_login_and_is_logged(client, client_for, make_station, worker):
    from yunjishi.stations.models import PhoneReveal

    station = make_station()
    assert client.post(f"/api/stations/stations/{station.pk}/phone").status_code == 401
    response = client_for(worker).post(f"/api/stations/stations/{station.pk}/phone")
    assert response.json() == {"phone": "13812345678"}
    assert PhoneReveal.objects.filter(user=worker).count() == 1


def test_services_and_districts_are_listed(client, district):
    assert "热饭" in [s["name"] for s in client.get("/api/stations/services").json()]
    assert client.get("/api/stations/districts").json()[0]["code"] == "350203"


def test_geojson_export(client, make_station):
    make_station()
    response = client.get("/api/stations/export.geojson")
    body = json.loads(b"".join(response.streaming_content))
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 1
