"""The worker's order loop over the API, with the Idempotency-Key header and the
error shape for every refusal (nothing changes)."""

import pytest

from yunjishi.market import orders
from yunjishi.market.models import Order, OrderStatus, Review

API = "/api/market"


def _post(client, url, data=None, **headers):
    return client.post(url, data or {}, content_type="application/json", headers=headers)


@pytest.fixture
def delivered(make_listing, worker, provider, tomorrow):
    order, _ = orders.place_order(worker, make_listing(places=5))
    orders.allocate(provider, order, scheduled_at=tomorrow, place="二楼", assignee="李医生")
    return orders.deliver(provider, order)


def test_an_order_is_created_and_the_same_key_returns_it_again(make_listing, worker, client_for):
    listing = make_listing(places=5, per_person_limit=3)
    client = client_for(worker)
    url = f"{API}/listings/{listing.pk}/orders"
    first = _post(client, url, **{"Idempotency-Key": "k-1"})
    again = _post(client, url, **{"Idempotency-Key": "k-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["status"] == "placed"
    assert first.json()["events"][0]["to_status"] == "placed"
    assert Order.objects.count() == 1 and listing.pool.slots.get().taken == 1
    assert _post(client, url, **{"Idempotency-Key": "k-2"}).status_code == 201
    assert Order.objects.count() == 2


def test_an_order_without_a_body_or_key_works(make_listing, worker, client_for):
    listing = make_listing(places=5)
    response = client_for(worker).generic("POST", f"{API}/listings/{listing.pk}/orders")
    assert response.status_code == 201


def test_a_dated_listing_takes_the_chosen_session(make_listing, worker, tomorrow, client_for):
    listing = make_listing(sessions=[{"places": 2, "starts_at": tomorrow}])
    client = client_for(worker)
    missing = _post(client, f"{API}/listings/{listing.pk}/orders")
    assert missing.status_code == 422 and "slot" in missing.json()["fields"]
    slot = listing.pool.slots.get()
    response = _post(client, f"{API}/listings/{listing.pk}/orders", {"slot_id": slot.pk})
    assert response.status_code == 201
    assert response.json()["session_starts_at"] is not None


@pytest.mark.parametrize(
    ("setup", "status", "code"),
    [
        ("full", 409, "full"),
        ("nef", 403, "not_eligible"),
        ("limit", 409, "limit_reached"),
        ("once", 409, "once_only"),
        ("foreign_slot", 422, "validation_error"),
    ],
)
def test_a_refused_order_says_why_and_changes_nothing(
    setup, status, code, make_listing, worker, other_worker, tomorrow, client_for
):
    fields = {"nef": {"eligibility": "nef"}, "once": {"repeatable": False, "per_person_limit": 3}}
    listing = make_listing(places=1 if setup == "full" else 3, **fields.get(setup, {}))
    body = {}
    if setup == "full":
        orders.place_order(other_worker, listing)
    if setup in ("limit", "once"):
        orders.place_order(worker, listing)
    if setup == "foreign_slot":
        other = make_listing(sessions=[{"places": 2, "starts_at": tomorrow}])
        body = {"slot_id": other.pool.slots.get().pk}
    before = Order.objects.count()
    response = _post(client_for(worker), f"{API}/listings/{listing.pk}/orders", body)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert response.json()["message"]
    assert Order.objects.count() == before


def test_my_orders_and_one_order_with_its_history(delivered, worker, client_for):
    client = client_for(worker)
    items = client.get(f"{API}/orders").json()["items"]
    assert [i["id"] for i in items] == [delivered.pk]
    data = client.get(f"{API}/orders/{delivered.pk}").json()
    assert [e["to_status"] for e in data["events"]] == ["placed", "allocated", "delivered"]
    assert data["events"][1]["who"] == "李劳模" and data["assignee"] == "李医生"
    assert data["place"] == "二楼"


def test_cancel_confirm_review_and_reorder(make_listing, delivered, worker, client_for):
    client = client_for(worker)
    placed, _ = orders.place_order(worker, make_listing(places=2, title="亲子阅读分享会"))
    assert _post(client, f"{API}/orders/{placed.pk}/cancel").json()["status"] == "cancelled"
    assert _post(client, f"{API}/orders/{delivered.pk}/confirm").json()["status"] == "confirmed"
    reviewed = _post(client, f"{API}/orders/{delivered.pk}/review", {"stars": 5, "text": "好"})
    assert reviewed.status_code == 201 and reviewed.json()["review"]["stars"] == 5
    again = _post(client, f"{API}/orders/{delivered.pk}/reorder", **{"Idempotency-Key": "r1"})
    assert again.status_code == 201 and again.json()["status"] == "placed"
    same = _post(client, f"{API}/orders/{delivered.pk}/reorder", **{"Idempotency-Key": "r1"})
    assert same.status_code == 200 and same.json()["id"] == again.json()["id"]
    assert Order.objects.get(pk=again.json()["id"]).reorder_of_id == delivered.pk


def test_a_second_review_is_a_409_and_keeps_the_first(delivered, worker, client_for):
    client = client_for(worker)
    _post(client, f"{API}/orders/{delivered.pk}/review", {"stars": 4})
    second = _post(client, f"{API}/orders/{delivered.pk}/review", {"stars": 1})
    assert (second.status_code, second.json()["code"]) == (409, "already_reviewed")
    assert Review.objects.get().stars == 4


def test_stars_out_of_range_are_a_422(delivered, worker, client_for):
    response = _post(client_for(worker), f"{API}/orders/{delivered.pk}/review", {"stars": 6})
    assert response.status_code == 422 and "stars" in response.json()["fields"]
    assert not Review.objects.exists()


def test_an_illegal_move_is_a_409(make_listing, worker, client_for):
    order, _ = orders.place_order(worker, make_listing(places=2))
    response = _post(client_for(worker), f"{API}/orders/{order.pk}/confirm")
    assert (response.status_code, response.json()["code"]) == (409, "illegal_transition")
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED


def test_an_over_long_idempotency_key_is_refused(make_listing, worker, client_for):
    listing = make_listing(places=2)
    response = _post(
        client_for(worker), f"{API}/listings/{listing.pk}/orders", **{"Idempotency-Key": "k" * 65}
    )
    assert response.status_code == 422
    assert not Order.objects.exists()
