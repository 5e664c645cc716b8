"""One-tap ordering from the listing page, with a one-time token against double submits."""

import re

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from yunjishi.market.models import Order, OrderStatus


def _token(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def test_a_worker_orders_with_one_tap_and_lands_on_the_order(make_listing, worker, client_for):
    listing = make_listing(places=3)
    client = client_for(worker)
    page = client.get(reverse("market:listing", args=[listing.pk])).content.decode()
    response = client.post(
        reverse("market:place", args=[listing.pk]), {"token": _token(page)}, follow=True
    )
    order = Order.objects.get(worker=worker)
    assert order.status == OrderStatus.PLACED
    assert response.redirect_chain[-1][0] == reverse("market:order", args=[order.pk])
    assert listing.pool.slots.get().taken == 1


def test_a_double_submit_of_the_same_form_creates_one_order(make_listing, worker, client_for):
    listing = make_listing(places=5, per_person_limit=3)
    client = client_for(worker)
    token = _token(client.get(reverse("market:listing", args=[listing.pk])).content.decode())
    url = reverse("market:place", args=[listing.pk])
    first = client.post(url, {"token": token})
    second = client.post(url, {"token": token}, follow=True)
    assert Order.objects.filter(worker=worker).count() == 1
    order = Order.objects.get(worker=worker)
    assert first.url == reverse("market:order", args=[order.pk])
    assert second.redirect_chain[-1][0] == first.url
    assert escape(gettext("You had already placed this order; here it is.")) in (
        second.content.decode()
    )
    assert listing.pool.slots.get().taken == 1


def test_each_page_load_gives_a_new_token(make_listing, worker, client_for):
    listing = make_listing(places=5, per_person_limit=2)
    client = client_for(worker)
    url = reverse("market:listing", args=[listing.pk])
    assert _token(client.get(url).content.decode()) != _token(client.get(url).content.decode())


def test_a_worker_chooses_one_of_the_dated_sessions(make_listing, worker, tomorrow, client_for):
    listing = make_listing(
        sessions=[{"places": 2, "starts_at": tomorrow}, {"places": 2, "starts_at": tomorrow}]
    )
    second = listing.pool.slots.order_by("id").last()
    client_for(worker).post(
        reverse("market:place", args=[listing.pk]), {"token": "t" * 20, "slot": second.pk}
    )
    order = Order.objects.get(worker=worker)
    assert order.slot == second and order.scheduled_at == tomorrow


def test_ordering_dated_sessions_without_choosing_one_asks_for_a_session(
    make_listing, worker, tomorrow, client_for
):
    listing = make_listing(sessions=[{"places": 2, "starts_at": tomorrow}])
    response = client_for(worker).post(
        reverse("market:place", args=[listing.pk]), {"token": "t" * 20}, follow=True
    )
    assert escape(gettext("Choose a session.")) in response.content.decode()
    assert not Order.objects.exists()


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(make_listing, client):
    listing = make_listing(places=2)
    response = client.post(reverse("market:place", args=[listing.pk]), {"token": "t" * 20})
    assert response.status_code == 302 and "login" in response.url
    assert not Order.objects.exists()
