"""Over the API, an Idempotency-Key names one order: a repeat for the same listing gets
the first order back (a reorder is an order of its listing, whichever session is named),
the same key for another listing is a 422 that books nothing."""

import datetime as dt

from django.utils import timezone

from yunjishi.market import orders
from yunjishi.market.models import Order

API = "/api/market"


def _order(client, listing, key, **body):
    return client.post(
        f"{API}/listings/{listing.pk}/orders",
        body,
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


def _reorder(client, order, key):
    return client.post(
        f"{API}/orders/{order.pk}/reorder",
        {},
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


def test_the_key_of_one_listings_order_is_refused_for_another_listing(
    make_listing, worker, client_for
):
    health = make_listing(places=5, title="免费健康检查")
    law = make_listing(places=5, title="劳动合同咨询")
    client = client_for(worker)
    first = _order(client, health, "k-1")

    refused = _order(client, law, "k-1")

    assert first.status_code == 201
    assert refused.status_code == 422
    assert refused.json()["code"] == "idempotency_key_reused"
    assert set(refused.json()) == {"code", "message", "fields"} and refused.json()["message"]
    assert not Order.objects.filter(listing=law).exists()
    assert law.pool.slots.get().taken == 0
    again = _order(client, health, "k-1")
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])


def test_a_repeat_naming_another_session_of_the_listing_returns_the_first_order(
    make_listing, worker, client_for
):
    soon = timezone.now() + dt.timedelta(days=1)
    listing = make_listing(
        sessions=[{"places": 5, "starts_at": soon + dt.timedelta(hours=h)} for h in (0, 2)]
    )
    morning, afternoon = listing.pool.slots.order_by("starts_at")
    client = client_for(worker)
    first = _order(client, listing, "k-1", slot_id=morning.pk)

    again = _order(client, listing, "k-1", slot_id=afternoon.pk)

    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])
    assert Order.objects.get().slot_id == morning.pk
    afternoon.refresh_from_db()
    assert afternoon.taken == 0


def test_a_reorder_and_an_order_of_its_listing_with_one_key_are_one_request(
    make_listing, worker, client_for
):
    listing = make_listing(places=5, per_person_limit=3)
    placed, _ = orders.place_order(worker, listing)
    client = client_for(worker)
    reordered = _reorder(client, placed, "r-1")

    assert reordered.status_code == 201
    assert (_reorder(client, placed, "r-1").json()["id"]) == reordered.json()["id"]
    same = _order(client, listing, "r-1")
    assert (same.status_code, same.json()["id"]) == (200, reordered.json()["id"])
    assert Order.objects.count() == 2


def test_a_reorder_with_the_key_of_another_listings_order_is_refused(
    make_listing, worker, client_for
):
    health = make_listing(places=5, title="免费健康检查")
    law = make_listing(places=5, title="劳动合同咨询")
    placed, _ = orders.place_order(worker, health)
    client = client_for(worker)
    assert _order(client, law, "k-1").status_code == 201

    refused = _reorder(client, placed, "k-1")

    assert (refused.status_code, refused.json()["code"]) == (422, "idempotency_key_reused")
    assert Order.objects.filter(listing=health).count() == 1
    assert health.pool.slots.get().taken == 1
