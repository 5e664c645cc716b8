"""Access from the outside: another provider and another worker see none of these orders
(404), and a person without a provider profile gets no provider page (403)."""

import pytest
from django.urls import reverse

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


PROVIDER_ACTIONS = ("provider_allocate", "provider_deliver", "provider_no_show", "provider_cancel")
WORKER_ACTIONS = ("cancel", "confirm", "review", "reorder")


def test_another_provider_can_neither_see_nor_act_on_the_order(order, other_provider, client_for):
    client = client_for(other_provider)
    assert client.get(reverse("market:provider_order", args=[order.pk])).status_code == 404
    for name in PROVIDER_ACTIONS:
        response = client.post(reverse(f"market:{name}", args=[order.pk]), {"reason": "x"})
        assert response.status_code == 404
    page = client.get(reverse("market:provider_orders")).content.decode()
    assert "免费健康检查" not in page
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED


def test_another_worker_can_neither_see_nor_act_on_the_order(order, other_worker, client_for):
    client = client_for(other_worker)
    assert client.get(reverse("market:order", args=[order.pk])).status_code == 404
    for name in WORKER_ACTIONS:
        response = client.post(reverse(f"market:{name}", args=[order.pk]), {"stars": "5"})
        assert response.status_code == 404
    assert "免费健康检查" not in client.get(reverse("market:orders")).content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED


def test_the_worker_cannot_use_the_provider_pages_on_their_own_order(order, worker, client_for):
    client = client_for(worker)
    assert client.get(reverse("market:provider_order", args=[order.pk])).status_code == 403
    assert client.post(reverse("market:provider_deliver", args=[order.pk])).status_code == 403


def test_another_provider_cannot_manage_a_listing_they_do_not_own(
    make_listing, other_provider, client_for
):
    listing = make_listing(places=5, live=False)
    client = client_for(other_provider)
    assert client.get(reverse("market:provider_listing", args=[listing.pk])).status_code == 404
    assert client.post(reverse("market:provider_submit", args=[listing.pk])).status_code == 404


def test_a_draft_is_not_shown_to_workers(make_listing, worker, client_for):
    listing = make_listing(places=5, live=False)
    response = client_for(worker).get(reverse("market:listing", args=[listing.pk]))
    assert response.status_code == 404
