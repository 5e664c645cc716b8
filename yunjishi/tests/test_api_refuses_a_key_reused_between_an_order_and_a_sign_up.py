"""Over the API, one Idempotency-Key is one request across every domain on the booking
engine: a key that signed up for a station activity is refused for a market order (and
a reorder), a key that placed an order is refused for a sign-up; 422 in the API's error
shape, nothing booked, and the first request's repeat still gets its first result."""

from django.utils import translation
from django.utils.translation import gettext

from yunjishi.booking.models import Booking
from yunjishi.market import orders
from yunjishi.market.models import Order
from yunjishi.stations import activities

KEY = {"Idempotency-Key": "c0ffee-1"}
REUSED = "This idempotency key was already used for another request; use a new key."


def _post(client, url):
    return client.post(url, {}, content_type="application/json", headers=KEY)


def _order(client, listing):
    return _post(client, f"/api/market/listings/{listing.pk}/orders")


def _sign_up(client, activity):
    return _post(client, f"/api/stations/activities/{activity.pk}/sign-up")


def _is_the_refusal(response) -> bool:
    with translation.override("zh-hans"):
        in_chinese = gettext(REUSED)
    return (
        response.status_code == 422
        and response.json()
        == {"code": "idempotency_key_reused", "message": in_chinese, "fields": {}}
        and in_chinese != REUSED
    )


def test_a_sign_ups_key_is_refused_for_an_order(listing, activity, worker, client_for):
    client = client_for(worker)
    signed_up = _sign_up(client, activity)

    refused = _order(client, listing)

    assert signed_up.status_code == 201
    assert _is_the_refusal(refused)
    assert not Order.objects.exists()
    assert listing.pool.slots.get().taken == 0
    again = _sign_up(client, activity)
    assert (again.status_code, again.json()) == (200, signed_up.json())
    assert activities.slot_of(activity).taken == 1


def test_an_orders_key_is_refused_for_a_sign_up(listing, activity, worker, client_for):
    client = client_for(worker)
    ordered = _order(client, listing)

    refused = _sign_up(client, activity)

    assert ordered.status_code == 201
    assert _is_the_refusal(refused)
    assert not Booking.objects.filter(pool=activity.pool).exists()
    assert activities.slot_of(activity).taken == 0
    again = _order(client, listing)
    assert (again.status_code, again.json()["id"]) == (200, ordered.json()["id"])
    assert Order.objects.count() == 1


def test_a_sign_ups_key_is_refused_for_a_reorder(listing, activity, worker, client_for):
    placed, _created = orders.place_order(worker, listing)
    client = client_for(worker)
    assert _sign_up(client, activity).status_code == 201

    refused = _post(client, f"/api/market/orders/{placed.pk}/reorder")

    assert _is_the_refusal(refused)
    assert list(Order.objects.all()) == [placed]
    assert listing.pool.slots.get().taken == 1
