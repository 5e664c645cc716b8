"""The 云集市 demo: the seed's listings, live in a batch, and orders in every state.

These tests commit for real (``transaction=True``), as ``manage.py seed_demo`` does: every
write service it calls (``place_order``, ``publish_batch``…) is its own durable transaction.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from yunjishi.booking.models import Booking, Slot
from yunjishi.demo.market import BATCH_TITLE
from yunjishi.market.models import (
    Batch,
    Follow,
    Listing,
    ListingStatus,
    Order,
    OrderEvent,
    OrderStatus,
    Review,
)
from yunjishi.people.models import ServiceDomain

MARKET_MODELS = [Listing, Batch, Follow, Order, OrderEvent, Review, Slot, Booking]
SEED_TITLES = {
    "线上心理咨询",
    "大数据工程师课程培训",
    "免费健康检查",
    "亲子阅读分享会",
    "书法培训",
    "少儿编程",
    "企业知识产权保护讲座",
    "急救知识科普",
    "赴顺丰集团参观",
    "小记者夏令营",
}

pytestmark = pytest.mark.django_db(transaction=True)


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", "--no-logins", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {model: list(model.objects.order_by("pk").values()) for model in MARKET_MODELS}


@pytest.fixture
def seeded():
    return seed_demo()


def test_a_second_run_creates_nothing_and_changes_nothing(seeded):
    before = snapshot()

    output = seed_demo()

    assert snapshot() == before
    assert re.findall(r"\d+", output.splitlines()[0]) == ["0"]
    assert all(rows for rows in before.values())


def test_the_seeds_listings_are_live_in_every_domain(seeded):
    live = Listing.objects.live()
    assert set(live.values_list("title", flat=True)) >= SEED_TITLES
    assert set(live.values_list("domain", flat=True)) == set(ServiceDomain.values)
    assert not Listing.objects.exclude(status=ListingStatus.LIVE).exists()
    assert set(Batch.objects.values_list("title", flat=True)) == {BATCH_TITLE}
    assert not live.filter(batch=None).exists()


def test_there_is_a_special_service_for_new_employment_form_workers(seeded):
    special = Listing.objects.get(title="骑手专属 健康体检")
    assert special.for_new_employment_form
    assert special.eligibility == "nef"


def test_some_listings_have_dated_sessions_in_the_future(seeded):
    dated = Slot.objects.filter(pool__listing__isnull=False, starts_at__isnull=False)
    assert dated.values("pool").distinct().count() >= 5
    assert not dated.filter(starts_at__lte=timezone.now()).exists()


def test_orders_exist_in_every_state_with_their_history(seeded):
    assert set(Order.objects.values_list("status", flat=True)) == set(OrderStatus.values)
    for order in Order.objects.all():
        assert order.events.last().to_status == order.status
    assert Order.objects.exclude(reorder_of=None).exists()
    assert Order.objects.filter(status="cancelled").exclude(cancel_reason="").exists()


def test_reviewed_orders_have_stars_and_text(seeded):
    reviewed = Order.objects.filter(status=OrderStatus.REVIEWED)
    assert Review.objects.count() == reviewed.count() > 0
    assert all(1 <= review.stars <= 5 and review.text for review in Review.objects.all())


def test_places_taken_match_the_orders_that_hold_them(seeded):
    for slot in Slot.objects.filter(pool__listing__isnull=False):
        holding = Order.objects.filter(slot=slot).exclude(status=OrderStatus.CANCELLED)
        assert slot.taken == holding.count()


def test_followers_heard_of_the_batch(seeded):
    from yunjishi.notify.models import Notification

    follower = Follow.objects.first().user
    assert Notification.objects.filter(user=follower, kind="market.batch").exists()
