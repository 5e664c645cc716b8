"""Ordering under real concurrency: threads fire HTTP requests at a live server at once.

Each thread is a worker with their own bearer token (from ``POST /api/auth/token``), the
way the mini-program calls the API; the live server answers every request in a thread of
its own with its own database connection, on SQLite (a file under DATA_DIR) and on
PostgreSQL alike. The counts asserted are exact.
"""

import http.client
import json
import threading
from urllib.parse import urlsplit

import pytest
from django.db import connection

from yunjishi.booking import services as booking
from yunjishi.booking.models import Booking
from yunjishi.market.models import Order, OrderStatus
from yunjishi.people.models import User

pytestmark = pytest.mark.django_db(transaction=True)


class Client:
    """A worker talking to the live server over HTTP with a bearer token."""

    def __init__(self, base_url: str, token: str = ""):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.token = token

    def call(self, method: str, path: str, body: dict | None = None, key: str = ""):
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if key:
            headers["Idempotency-Key"] = key
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            payload = json.dumps(body).encode() if body is not None else None
            conn.request(method, path, body=payload, headers=headers)
            response = conn.getresponse()
            raw = response.read()
            return response.status, json.loads(raw) if raw else {}
        finally:
            conn.close()

    def order(self, listing, key: str = ""):
        return self.call("POST", f"/api/market/listings/{listing.pk}/orders", {}, key=key)


@pytest.fixture
def server(live_server):
    """The live server, able to take 40 connections at once: Django's test server listens
    with a queue of 10, and connects beyond it are reset before a request is even read.
    (On Linux a second ``listen`` on the open socket widens the queue.)"""
    live_server.thread.httpd.socket.listen(128)
    return live_server


@pytest.fixture
def log_in(server, password):
    def log_in(user) -> Client:
        status, body = Client(server.url).call(
            "POST", "/api/auth/token", {"phone": user.phone, "password": password}
        )
        assert status == 201, body
        return Client(server.url, body["token"])

    return log_in


@pytest.fixture
def crowd(tree, password, log_in):
    """``crowd(n)``: n workers, each logged in with a token of their own."""

    def crowd(n: int) -> list[Client]:
        users = [User.objects.create_user(f"1370200{i:04d}", password) for i in range(n)]
        return [log_in(user) for user in users]

    return crowd


def at_once(jobs):
    """Run the callables in threads released together; returns their results in order."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        barrier.wait()
        try:
            results[index] = job()
        except Exception as error:  # asserted on by the test
            results[index] = (0, {"error": repr(error)})

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def statuses(results) -> list:
    return sorted((status, body.get("code", "")) for status, body in results)


def test_forty_workers_at_once_get_exactly_the_ten_places(make_listing, crowd):
    listing = make_listing(places=10)
    workers = crowd(40)

    results = at_once([lambda w=w: w.order(listing) for w in workers])

    assert statuses(results) == [(201, "")] * 10 + [(409, "full")] * 30
    slot = listing.pool.slots.get()
    assert slot.taken == 10
    assert Order.objects.filter(listing=listing).count() == 10
    assert len({body["id"] for status, body in results if status == 201}) == 10


def test_eight_parallel_submits_by_one_worker_stop_at_the_limit_of_two(make_listing, crowd):
    listing = make_listing(places=50, per_person_limit=2)
    (worker,) = crowd(1)

    results = at_once([lambda: worker.order(listing) for _ in range(8)])

    assert statuses(results) == [(201, "")] * 2 + [(409, "limit_reached")] * 6
    assert Order.objects.filter(listing=listing).count() == 2
    assert listing.pool.slots.get().taken == 2


def test_six_parallel_submits_with_one_key_make_one_order(make_listing, crowd):
    listing = make_listing(places=50, per_person_limit=5)
    (worker,) = crowd(1)

    results = at_once([lambda: worker.order(listing, key="a1b2c3") for _ in range(6)])

    assert sorted(status for status, _body in results) == [200] * 5 + [201]
    assert len({body["id"] for _status, body in results}) == 1
    assert Order.objects.filter(listing=listing).count() == 1
    assert Booking.objects.filter(pool=listing.pool).count() == 1
    assert listing.pool.slots.get().taken == 1


def test_a_cancelled_order_gives_its_place_to_exactly_one_other_worker(make_listing, crowd):
    listing = make_listing(places=1)
    first, *others = crowd(6)
    status, order = first.order(listing)
    assert status == 201

    refused = at_once([lambda w=w: w.order(listing) for w in others])
    assert statuses(refused) == [(409, "full")] * 5

    status, cancelled = first.call("POST", f"/api/market/orders/{order['id']}/cancel", {})
    assert status == 200, cancelled
    assert Order.objects.get(pk=order["id"]).status == OrderStatus.CANCELLED
    assert listing.pool.slots.get().taken == 0

    results = at_once([lambda w=w: w.order(listing) for w in others])
    assert statuses(results) == [(201, "")] + [(409, "full")] * 4
    assert listing.pool.slots.get().taken == 1
    assert Order.objects.filter(listing=listing).exclude(status=OrderStatus.CANCELLED).count() == 1


def test_control_without_the_conditional_update_the_listing_is_oversold(
    make_listing, crowd, monkeypatch
):
    """Control: with a read-check-write in place of the conditional update, the same
    requests oversell, which shows the tests above can fail. SQLite's IMMEDIATE
    transactions serialise every writer, so the race only shows on PostgreSQL."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: no race to show")
    import time

    from yunjishi.booking.models import Slot

    def naive_take_place(slot_id):
        slot = Slot.objects.get(pk=slot_id)
        if slot.taken >= slot.places:
            return False
        time.sleep(0.05)  # widen the window between the check and the write
        Slot.objects.filter(pk=slot_id).update(taken=slot.taken + 1)
        return True

    # The live server runs in this process, so it takes the patched function.
    monkeypatch.setattr(booking, "_take_place", naive_take_place)
    listing = make_listing(places=5)
    workers = crowd(20)

    at_once([lambda w=w: w.order(listing) for w in workers])

    assert Order.objects.filter(listing=listing).count() > 5
