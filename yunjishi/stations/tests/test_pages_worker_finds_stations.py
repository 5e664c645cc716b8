"""The worker's list: by position or district, open now, services, navigation links."""

import time_machine
from django.test import override_settings

from yunjishi.stations import services

from .conftest import WEEKDAYS_9_TO_6, at


def test_a_first_visit_asks_for_a_position(client, district):
    response = client.get("/stations/")
    assert response.status_code == 200
    assert 'id="use-position"' in response.content.decode()


def test_the_nearest_open_station_with_hot_meals_comes_first(client, make_station):
    near_closed = make_station(lat=24.4500, lon=118.0800, weekly_hours=WEEKDAYS_9_TO_6)
    near_open = make_station(lat=24.4510, lon=118.0810)
    no_meals = make_station(lat=24.4501, lon=118.0801, services_=["饮水"])
    with time_machine.travel(at("2025-01-06 20:00"), tick=False):
        response = client.get("/stations/", {"lat": 24.45, "lon": 118.08, "services": "hot-meal"})
    page = response.content.decode()
    assert near_open.name in page
    assert near_closed.name not in page and no_meals.name not in page
    assert "uri.amap.com/marker" in page and "api.map.baidu.com/marker" in page


def test_all_stations_can_be_listed_with_their_open_state(client, make_station):
    closed = make_station(weekly_hours=WEEKDAYS_9_TO_6)
    with time_machine.travel(at("2025-01-06 20:00"), tick=False):
        page = client.get(
            "/stations/", {"lat": closed.lat, "lon": closed.lon, "searched": "1"}
        ).content.decode()
    assert closed.name in page and "现在休息" in page or "Closed now" in page


def test_a_district_stands_in_for_the_position(client, make_station, district):
    station = make_station(lat=district.lat + 0.001, lon=district.lon)
    page = client.get("/stations/", {"district": district.pk}).content.decode()
    assert station.name in page


def test_bad_coordinates_get_a_message_not_an_error(client, district):
    response = client.get("/stations/", {"lat": "abc", "lon": "999"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_without_tiles_the_map_shows_the_stations_on_a_plain_background(client, make_station):
    station = make_station()
    page = client.get("/stations/map/", {"lat": station.lat, "lon": station.lon}).content.decode()
    assert 'id="no-tiles"' in page and station.name in page
    assert "leaflet.js" in page
    points = page.split('id="station-points"')[1].split("</script>")[0]
    assert f"{station.lat}" in points  # WGS-84 as stored: no tiles to shift for
    tiles = page.split('id="station-tiles"')[1].split("</script>")[0]
    assert '"url": ""' in tiles


def test_without_a_position_the_map_page_has_no_map_yet(client, make_station):
    make_station()
    page = client.get("/stations/map/").content.decode()
    assert "leaflet.js" not in page


@override_settings(STATIONS_TILE_URL="https://tiles.example/{z}/{x}/{y}.png")
def test_with_tiles_the_map_shows_gcj02_points(client, make_station):
    station = make_station(lat=24.4798, lon=118.0894)
    page = client.get("/stations/map/", {"lat": station.lat, "lon": station.lon}).content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in page
    # GCJ-02 moves Xiamen by a few hundred metres: the page has shifted coordinates.
    assert "24.4798," not in page.split('id="station-points"')[1].split("</script>")[0]


def test_the_detail_page_shows_hours_services_and_a_masked_phone(client, make_station):
    station = make_station(weekly_hours=WEEKDAYS_9_TO_6)
    with time_machine.travel(at("2025-01-06 10:00"), tick=False):
        page = client.get(f"/stations/{station.pk}/").content.decode()
    assert "09:00-18:00" in page and "热饭" in page
    assert "138****5678" in page and "13812345678" not in page
    assert 'id="open-badge"' in page


def test_the_phone_is_shown_on_tap_and_the_tap_is_logged(client_for, make_station, worker):
    from yunjishi.stations.models import PhoneReveal

    station = make_station()
    response = client_for(worker).post(f"/stations/{station.pk}/phone/", HTTP_HX_REQUEST="true")
    assert "tel:13812345678" in response.content.decode()
    assert PhoneReveal.objects.filter(station=station, user=worker).count() == 1


def test_a_stranger_must_log_in_to_see_the_phone(client, make_station):
    from yunjishi.stations.models import PhoneReveal

    station = make_station()
    response = client.post(f"/stations/{station.pk}/phone/")
    assert response.status_code == 403 and "13812345678" not in response.content.decode()
    assert not PhoneReveal.objects.exists()


def test_a_station_being_set_up_has_no_public_page(client, make_station):
    station = make_station(status=services.Status.PLANNING)
    assert client.get(f"/stations/{station.pk}/").status_code == 404


def test_the_geojson_export_downloads(client, make_station):
    station = make_station()
    response = client.get("/stations/export.geojson")
    assert response["Content-Type"].startswith("application/geo+json")
    assert response.streaming  # feature by feature, not one document in memory
    assert station.code in b"".join(response.streaming_content).decode()
