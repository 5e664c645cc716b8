"""On the pages, a form's one-time token is the idempotency key of what it books: a
token that signed up for an activity cannot place a market order, a token that placed an
order cannot sign up; the person reads why in Chinese and nothing is booked, while the
first form sent again still gets its first result."""

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from yunjishi.booking.models import Booking
from yunjishi.market.models import Order
from yunjishi.stations import activities

TOKEN = "Tk7-one-time_token_0001"
REUSED = "This form was already sent for something else. Reload the page and send it again."


def _order(client, listing):
    return client.post(reverse("market:place", args=[listing.pk]), {"token": TOKEN}, follow=True)


def _sign_up(client, activity):
    return client.post(
        reverse("stations:activity_sign_up", args=[activity.pk]), {"token": TOKEN}, follow=True
    )


def _says(response, msgid: str) -> bool:
    with translation.override("zh-hans"):
        in_chinese = gettext(msgid)
    return (
        response.status_code == 200
        and in_chinese != msgid
        and escape(in_chinese) in response.content.decode()
    )


def test_a_sign_up_forms_token_cannot_place_an_order(listing, activity, worker, client_for):
    client = client_for(worker)
    assert _says(_sign_up(client, activity), "Signed up. See you there!")

    refused = _order(client, listing)

    assert _says(refused, REUSED)
    assert not Order.objects.exists()
    assert listing.pool.slots.get().taken == 0
    assert _says(_sign_up(client, activity), "You had already signed up.")
    assert activities.slot_of(activity).taken == 1


def test_an_order_forms_token_cannot_sign_up(listing, activity, worker, client_for):
    client = client_for(worker)
    assert _says(_order(client, listing), "Ordered. The provider will arrange the service.")

    refused = _sign_up(client, activity)

    assert _says(refused, REUSED)
    assert not Booking.objects.filter(pool=activity.pool).exists()
    assert activities.slot_of(activity).taken == 0
    assert _says(_order(client, listing), "You had already placed this order; here it is.")
    assert Order.objects.count() == 1
