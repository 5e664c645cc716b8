"""Access over the API from the outside: whatever is not yours is 404, and no phone leaks."""

import pytest

from yunjishi.market import orders
from yunjishi.market.models import OrderStatus


@pytest.fixture
def other_provider(tree):
    from yunjishi.people.models import ProviderProfile, User

    user = User.objects.create_user("13700000009", "Gonghui#2024", display_name="张工匠")
    ProviderProfile.objects.create(
        user=user, name="张工匠", title="great_craftsman", org=tree.street_b
    )
    return user


@pytest.fixture
def order(make_listing, worker):
    placed, _ = orders.place_order(worker, make_listing(places=5))
    return placed


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_another_worker_gets_404_for_the_order(order, other_worker, client_for):
    client = client_for(other_worker)
    response = client.get(f"/api/market/orders/{order.pk}")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    for action in ("cancel", "confirm", "reorder"):
        assert _post(client, f"/api/market/orders/{order.pk}/{action}").status_code == 404
    assert _post(client, f"/api/market/orders/{order.pk}/review", {"stars": 5}).status_code == 404
    assert client.get("/api/market/orders").json()["count"] == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED


def test_another_provider_gets_404_for_the_order(order, other_provider, tomorrow, client_for):
    client = client_for(other_provider)
    base = f"/api/market/provider/orders/{order.pk}"
    assert client.get(base).status_code == 404
    body = {"scheduled_at": tomorrow.isoformat(), "place": "别处", "reason": "x"}
    for action in ("allocate", "deliver", "no-show", "cancel"):
        assert _post(client, f"{base}/{action}", body).status_code == 404
    assert client.get("/api/market/provider/orders").json()["count"] == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED


def test_another_provider_cannot_submit_a_listing_they_do_not_own(
    make_listing, other_provider, client_for
):
    listing = make_listing(places=3, live=False)
    response = _post(
        client_for(other_provider), f"/api/market/provider/listings/{listing.pk}/submit"
    )
    assert response.status_code == 404


def test_the_worker_s_own_order_is_readable_without_a_phone(order, worker, provider, client_for):
    data = client_for(worker).get(f"/api/market/orders/{order.pk}").json()
    assert data["id"] == order.pk
    text = str(data)
    assert worker.phone not in text and provider.phone not in text
