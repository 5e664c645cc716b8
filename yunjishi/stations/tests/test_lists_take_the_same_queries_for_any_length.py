"""A list costs the same number of queries whatever its length: the services, the open
state and the places left are read once per list, not once per row."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yunjishi.stations import activities


def _queries(client, url: str, params: dict | None = None) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured), response


def _near(station) -> dict:
    # Fewer stations than the list shows, so the search scans the same bands both times.
    return {"lat": station.lat, "lon": station.lon, "searched": "1"}


def test_the_station_list_page_takes_the_same_queries_for_3_and_9_stations(client, make_station):
    first = make_station()
    for _n in range(2):
        make_station()
    client.get("/stations/", _near(first))  # warm up (translations, content types)
    few, response = _queries(client, "/stations/", _near(first))
    assert response.content.decode().count('class="card station-card"') == 3
    for _n in range(6):
        make_station()
    many, response = _queries(client, "/stations/", _near(first))
    assert response.content.decode().count('class="card station-card"') == 9
    assert many == few


def test_the_nearest_api_takes_the_same_queries_for_3_and_12_stations(client, make_station):
    first = make_station()
    for _n in range(2):
        make_station()
    params = {"lat": first.lat, "lon": first.lon, "k": 50}
    client.get("/api/stations/nearest", params)  # warm up
    few, response = _queries(client, "/api/stations/nearest", params)
    assert len(response.json()) == 3
    for _n in range(9):
        make_station()
    many, response = _queries(client, "/api/stations/nearest", params)
    hits = response.json()
    assert len(hits) == 12
    assert all(hit["station"]["services"] and hit["station"]["open_now"] for hit in hits)
    assert many == few


@pytest.fixture
def publish(handler_a):
    def publish(station, places=5):
        start = timezone.now() + dt.timedelta(days=2)
        return activities.create_activity(
            handler_a,
            station,
            title="义诊",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            places=places,
        )

    return publish


def test_a_station_s_activities_take_the_same_queries_for_1_and_4(client, make_station, publish):
    station = make_station()
    publish(station, places=1)
    url = f"/api/stations/stations/{station.pk}/activities"
    client.get(url)  # warm up
    few, response = _queries(client, url)
    assert [row["places_left"] for row in response.json()] == [1]
    for places in (2, 3, 4):
        publish(station, places=places)
    many, response = _queries(client, url)
    assert [row["places"] for row in response.json()] == [1, 2, 3, 4]
    assert many == few


def test_my_activities_take_the_same_queries_for_1_and_4(client_for, make_station, publish, worker):
    station = make_station()
    client = client_for(worker)
    activities.sign_up(worker, publish(station))
    client.get("/api/stations/my/activities")  # warm up
    few, response = _queries(client, "/api/stations/my/activities")
    assert [row["places_left"] for row in response.json()["items"]] == [4]
    for _n in range(3):
        activities.sign_up(worker, publish(station))
    many, response = _queries(client, "/api/stations/my/activities")
    assert [row["places_left"] for row in response.json()["items"]] == [4] * 4
    assert many == few
