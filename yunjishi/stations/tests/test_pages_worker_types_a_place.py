"""Without sharing a position (there is no offline geocoder), a worker types a district's
name or a word of a station's name or address, and the search centres there; the map's
tiles come from settings read from the environment, which fail loudly on a bad value."""

import pytest
from django.test import override_settings

from yunjishi.stations import services


def test_typing_a_districts_name_centres_the_search_on_it(client, make_station, district):
    near = make_station(name="思明中心驿站", lat=district.lat + 0.001, lon=district.lon)
    page = client.get("/stations/", {"place": "思明", "searched": "1"}).content.decode()
    assert near.name in page
    assert 'id="search-near"' in page and "厦门市思明区" in page


def test_typing_a_street_finds_the_stations_on_it_first(client, make_station, district):
    make_station(name="区中心驿站", lat=district.lat, lon=district.lon)
    far = make_station(
        name="湖滨驿站", address="厦门市思明区湖滨南路88号", lat=24.4800, lon=118.1200
    )
    page = client.get("/stations/", {"place": "湖滨南路", "searched": "1"}).content.decode()
    assert page.index(far.name) < page.index("区中心驿站")


def test_a_place_nothing_matches_gets_a_message(client, make_station, district):
    station = make_station()
    response = client.get("/stations/", {"place": "火星", "searched": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and "火星" in page and "errorlist" in page
    assert station.name not in page


def test_a_shared_position_wins_over_a_typed_place(client, make_station, district):
    here = make_station(name="身边驿站", lat=24.60, lon=118.30)
    page = client.get(
        "/stations/", {"place": "思明", "lat": 24.60, "lon": 118.30, "searched": "1"}
    ).content.decode()
    assert here.name in page and 'id="search-near"' not in page


def test_the_api_takes_a_typed_place_too(client, make_station, district):
    station = make_station(address="厦门市思明区湖滨南路1号")
    hits = client.get("/api/stations/nearest", {"place": "湖滨南路", "k": 1}).json()
    assert hits[0]["station"]["id"] == station.pk
    response = client.get("/api/stations/nearest", {"place": "火星"})
    assert response.status_code == 422 and "place" in response.json()["fields"]


def test_a_station_that_is_not_running_is_not_a_place(make_station, district):
    make_station(name="筹建中的驿站", status=services.Status.PLANNING)
    assert services.find_place("筹建中") is None


@override_settings(STATIONS_TILE_URL="https://tiles.example/{z}/{x}/{y}.png")
@pytest.mark.parametrize("gcj02", [True, False])
def test_the_map_shifts_points_only_for_gcj02_tiles(client, make_station, gcj02):
    station = make_station(lat=24.4798, lon=118.0894)
    with override_settings(STATIONS_TILE_GCJ02=gcj02):
        page = client.get("/stations/map/", {"lat": station.lat, "lon": station.lon})
    points = page.content.decode().split('id="station-points"')[1].split("</script>")[0]
    assert ("24.4798," in points) is not gcj02
