"""Check-ins under real concurrency: one worker's phone fires the same scan several times at
once (a double tap, a flaky network retrying) at a live server that answers each request in
a thread with its own database connection, on SQLite and on PostgreSQL alike. Exactly one
visit is recorded, also when the taps come just after the turn of a clock hour."""

import http.client
import json
import threading
from urllib.parse import urlsplit

import pytest
import time_machine

from yunjishi.stations import checkin_codes
from yunjishi.stations.models import CheckIn

from .conftest import at

pytestmark = pytest.mark.django_db(transaction=True)
TAPS = 8


class Phone:
    """A worker's app calling the API with a bearer token."""

    def __init__(self, base_url: str, token: str = ""):
        parts = urlsplit(base_url)
        self.host, self.port, self.token = parts.hostname, parts.port, token

    def call(self, method: str, path: str, body: dict):
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.request(method, path, body=json.dumps(body).encode(), headers=headers)
            response = conn.getresponse()
            raw = response.read()
            return response.status, json.loads(raw) if raw else {}
        finally:
            conn.close()


@pytest.fixture
def phone(live_server, worker, password):
    live_server.thread.httpd.socket.listen(64)  # more than the default queue of 10
    status, body = Phone(live_server.url).call(
        "POST", "/api/auth/token", {"phone": worker.phone, "password": password}
    )
    assert status == 201, body
    return Phone(live_server.url, body["token"])


def at_once(jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        barrier.wait()
        try:
            results[index] = job()
        except Exception as error:  # asserted on below
            results[index] = (0, {"error": repr(error)})

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def scan(phone, station):
    path = f"/api/stations/stations/{station.pk}/checkins"
    return phone.call("POST", path, {"token": checkin_codes.screen_code(station)})


def test_eight_taps_at_once_record_exactly_one_visit(make_station, phone):
    station = make_station()

    results = at_once([lambda: scan(phone, station) for _ in range(TAPS)])

    assert sorted(status for status, _body in results) == [200] * (TAPS - 1) + [201]
    assert CheckIn.objects.filter(station=station).count() == 1


def test_taps_at_once_just_after_the_turn_of_the_hour_are_the_visit_before_it(make_station, phone):
    station = make_station()
    # The live server runs in this process, so it keeps the test's clock.
    with time_machine.travel(at("2025-03-01 10:59"), tick=False):
        assert scan(phone, station)[0] == 201
    with time_machine.travel(at("2025-03-01 11:00"), tick=False):
        results = at_once([lambda: scan(phone, station) for _ in range(TAPS)])

    assert [status for status, _body in results] == [200] * TAPS
    assert CheckIn.objects.filter(station=station).count() == 1
