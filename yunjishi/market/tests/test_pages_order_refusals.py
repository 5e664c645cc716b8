"""Every refusal of an order shows the rule's own clear message, never a 500, and changes
nothing: no order, no place taken."""

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from yunjishi.market import orders
from yunjishi.market.models import Order


def _order(client, listing, token="t" * 20, **data):
    return client.post(
        reverse("market:place", args=[listing.pk]), {"token": token, **data}, follow=True
    )


def _says(response, text: str) -> bool:
    return response.status_code == 200 and escape(text) in response.content.decode()


def test_a_full_listing_says_so_and_changes_nothing(make_listing, worker, other_worker, client_for):
    listing = make_listing(places=1)
    orders.place_order(other_worker, listing)
    response = _order(client_for(worker), listing)
    assert _says(response, gettext("All places are taken."))
    assert Order.objects.count() == 1
    assert listing.pool.slots.get().taken == 1


def test_an_ineligible_worker_is_told_who_the_service_is_for(make_listing, worker, client_for):
    listing = make_listing(places=3, eligibility="nef")
    response = _order(client_for(worker), listing)
    assert _says(response, gettext("This service is for new-employment-form workers."))
    assert not Order.objects.exists()
    assert listing.pool.slots.get().taken == 0


def test_a_session_that_has_started_is_refused(make_listing, worker, client_for):
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    listing = make_listing(sessions=[{"places": 3, "starts_at": soon}])
    slot = listing.pool.slots.get()
    with time_machine.travel(soon + dt.timedelta(minutes=5)):
        response = _order(client_for(worker), listing, slot=slot.pk)
    assert _says(response, gettext("This session has already started."))
    assert not Order.objects.exists()
    slot.refresh_from_db()
    assert slot.taken == 0


def test_a_once_only_service_cannot_be_ordered_twice(make_listing, worker, client_for):
    listing = make_listing(places=5, repeatable=False, per_person_limit=3)
    client = client_for(worker)
    _order(client, listing, token="a" * 20)
    response = _order(client, listing, token="b" * 20)
    assert _says(response, gettext("This service can be ordered only once."))
    assert Order.objects.count() == 1


def test_the_per_person_limit_is_explained(make_listing, worker, client_for):
    listing = make_listing(places=5, per_person_limit=1)
    client = client_for(worker)
    _order(client, listing, token="a" * 20)
    response = _order(client, listing, token="b" * 20)
    message = gettext("You already hold %(n)d place(s) here, the most one person may hold.")
    assert _says(response, message % {"n": 1})
    assert Order.objects.count() == 1
    assert listing.pool.slots.get().taken == 1


def test_a_provider_cannot_order_their_own_service(make_listing, provider, client_for):
    listing = make_listing(places=5)
    response = _order(client_for(provider), listing)
    assert _says(response, gettext("You cannot order your own service."))
    assert not Order.objects.exists()


def test_a_tampered_token_is_refused_without_an_order(make_listing, worker, client_for):
    listing = make_listing(places=5)
    response = _order(client_for(worker), listing, token="<script>")
    assert response.status_code == 200
    assert not Order.objects.exists()


def test_a_session_of_another_listing_is_refused(make_listing, worker, tomorrow, client_for):
    listing = make_listing(places=5)
    other = make_listing(sessions=[{"places": 2, "starts_at": tomorrow}])
    response = _order(client_for(worker), listing, slot=other.pool.slots.get().pk)
    assert response.status_code == 200
    assert not Order.objects.exists()
