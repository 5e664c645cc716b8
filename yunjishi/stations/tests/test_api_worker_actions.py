"""Check-in, sign-up and attendance over the API."""

import datetime as dt

import time_machine
from django.utils import timezone

from yunjishi.stations import activities, checkin_codes


def _post(client, url, data=None, **headers):
    return client.post(url, data or {}, content_type="application/json", **headers)


def test_check_in_once_per_hour(client_for, make_station, worker):
    station = make_station()
    client = client_for(worker)
    url = f"/api/stations/stations/{station.pk}/checkins"
    code = checkin_codes.screen_code(station)
    assert _post(client, url, {"token": code}).status_code == 201
    assert _post(client, url, {"token": code}).status_code == 200
    bad = _post(client, url, {"token": "wrong"})
    assert bad.status_code == 403 and bad.json()["code"] == "forbidden"


def test_sign_up_with_an_idempotency_key_and_attend(client_for, make_station, handler_a, worker):
    start = timezone.now() + dt.timedelta(days=1)
    activity = activities.create_activity(
        handler_a,
        make_station(),
        title="急救知识科普",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        places=2,
    )
    client = client_for(worker)
    url = f"/api/stations/activities/{activity.pk}/sign-up"
    first = _post(client, url, HTTP_IDEMPOTENCY_KEY="abc")
    again = _post(client, url, HTTP_IDEMPOTENCY_KEY="abc")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["booking_id"] == again.json()["booking_id"]
    preview = client.get(f"/api/stations/activities/{activity.pk}").json()
    assert preview["places_left"] == 1
    assert len(client.get("/api/stations/my/activities").json()["items"]) == 1
    with time_machine.travel(start):
        response = _post(
            client,
            f"/api/stations/activities/{activity.pk}/attend",
            {"token": activity.attend_token},
        )
    assert response.status_code == 201


def test_a_full_activity_says_so(client_for, make_station, handler_a, worker, other_worker):
    start = timezone.now() + dt.timedelta(days=1)
    activity = activities.create_activity(
        handler_a,
        make_station(),
        title="x",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        places=1,
    )
    _post(client_for(worker), f"/api/stations/activities/{activity.pk}/sign-up")
    response = _post(client_for(other_worker), f"/api/stations/activities/{activity.pk}/sign-up")
    assert (response.status_code, response.json()["code"]) == (409, "full")
