"""Identical orders at once, with the booking engine's person lock switched off: the
twins meet at the unique key constraint, and every one of them gets the first order
back, none a 500 (on PostgreSQL they really race; SQLite serialises them anyway)."""

import pytest

from yunjishi.booking import services as booking
from yunjishi.booking.tests.threads import at_once
from yunjishi.market import orders
from yunjishi.market.models import Order

pytestmark = pytest.mark.django_db(transaction=True)


def test_six_identical_orders_at_once_make_one_order_without_the_person_lock(
    make_listing, worker, monkeypatch
):
    monkeypatch.setattr(booking, "_lock_person", lambda user: None)
    listing = make_listing(places=50, per_person_limit=5)

    results, errors = at_once(
        [lambda: orders.place_order(worker, listing, idempotency_key="k-1") for _ in range(6)]
    )

    assert errors == []
    assert len({order.pk for order, _created in results}) == 1
    assert sorted(created for _order, created in results) == [False] * 5 + [True]
    assert Order.objects.filter(listing=listing).count() == 1
    assert listing.pool.slots.get().taken == 1
