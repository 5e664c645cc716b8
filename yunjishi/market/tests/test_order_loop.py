"""The whole 下单 → 配货 → 发货 → 签收 → 评价 → 复购 loop through the services."""

import pytest
from django.core.exceptions import ValidationError

from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.market import orders
from yunjishi.market.models import OrderStatus, Review


def test_an_order_goes_round_the_whole_loop_and_keeps_its_history(
    make_listing, worker, provider, tomorrow
):
    listing = make_listing(places=10)
    order, created = orders.place_order(worker, listing)
    assert created and order.status == OrderStatus.PLACED
    orders.allocate(provider, order, scheduled_at=tomorrow, place="街道A职工服务中心二楼")
    orders.deliver(provider, order)
    orders.confirm(worker, order)
    orders.review(worker, order, 5, "医生很耐心")
    order.refresh_from_db()
    assert order.status == OrderStatus.REVIEWED
    history = [(e.from_status, e.to_status, e.actor_id) for e in order.events.all()]
    assert history == [
        ("", "placed", worker.pk),
        ("placed", "allocated", provider.pk),
        ("allocated", "delivered", provider.pk),
        ("delivered", "confirmed", worker.pk),
        ("confirmed", "reviewed", worker.pk),
    ]
    again, created = orders.reorder(worker, order)
    assert created and again.reorder_of_id == order.pk


def test_an_illegal_move_is_refused_with_a_clear_message(make_listing, worker, provider):
    order, _ = orders.place_order(worker, make_listing(places=3))
    with pytest.raises(Conflict) as error:
        orders.deliver(provider, order)
    assert "不能" in str(error.value.message) or "cannot" in str(error.value.message)
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED


def test_a_second_review_is_refused(make_listing, worker, provider, tomorrow):
    order, _ = orders.place_order(worker, make_listing(places=3))
    orders.allocate(provider, order, scheduled_at=tomorrow, place="二楼")
    orders.deliver(provider, order)
    orders.review(worker, order, 4)
    with pytest.raises(Conflict):
        orders.review(worker, order, 5)
    assert Review.objects.count() == 1


def test_the_provider_must_give_a_reason_to_cancel_and_the_place_comes_back(
    make_listing, worker, provider
):
    listing = make_listing(places=1)
    order, _ = orders.place_order(worker, listing)
    with pytest.raises(ValidationError):
        orders.cancel(provider, order, "")
    orders.cancel(provider, order, "医生临时出诊")
    assert listing.pool.slots.get().taken == 0


def test_a_worker_may_not_mark_their_own_order_delivered(make_listing, worker, provider, tomorrow):
    order, _ = orders.place_order(worker, make_listing(places=2))
    orders.allocate(provider, order, scheduled_at=tomorrow, place="二楼")
    with pytest.raises(NotAllowed):
        orders.deliver(worker, order)


def test_a_members_only_service_refuses_a_non_member(make_listing, tree):
    from yunjishi.people.models import User

    outsider = User.objects.create_user("13811112222", "Gonghui#2024")
    with pytest.raises(NotAllowed):
        orders.place_order(outsider, make_listing(places=2, eligibility="members"))


def test_a_repeated_submit_returns_the_first_order(make_listing, worker):
    listing = make_listing(places=5, per_person_limit=3)
    first, created = orders.place_order(worker, listing, idempotency_key="abc")
    second, created_again = orders.place_order(worker, listing, idempotency_key="abc")
    assert created and not created_again and first.pk == second.pk
    assert listing.pool.slots.get().taken == 1


def test_a_full_listing_refuses_the_next_order(make_listing, worker, other_worker):
    from yunjishi.booking.services import Full

    listing = make_listing(places=1)
    orders.place_order(worker, listing)
    with pytest.raises(Full):
        orders.place_order(other_worker, listing)


def test_a_listing_with_an_unknown_domain_or_a_bad_link_is_refused(provider):
    from yunjishi.market import listings
    from yunjishi.market.models import Listing

    with pytest.raises(ValidationError) as error:
        listings.create_listing(
            provider,
            {
                "title": "线上心理咨询",
                "description": "一对一",
                "domain": "astrology",
                "format": "online",
                "online_url": "javascript:alert(1)",
            },
            places=5,
        )
    assert set(error.value.message_dict) >= {"domain", "online_url"}
    assert Listing.objects.count() == 0
