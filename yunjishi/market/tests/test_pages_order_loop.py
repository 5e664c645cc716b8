"""The worker's side of the loop on the pages: timeline, cancel, 签收, 评价, 再来一单."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from yunjishi.market import orders
from yunjishi.market.models import Order, OrderStatus, Review


@pytest.fixture
def delivered(make_listing, worker, provider, tomorrow):
    order, _ = orders.place_order(worker, make_listing(places=5))
    orders.allocate(
        provider, order, scheduled_at=tomorrow, place="街道A职工服务中心二楼", assignee="李医生"
    )
    return orders.deliver(provider, order)


def test_my_orders_lists_the_worker_s_orders(make_listing, worker, client_for):
    order, _ = orders.place_order(worker, make_listing(places=5))
    page = client_for(worker).get(reverse("market:orders")).content.decode()
    assert reverse("market:order", args=[order.pk]) in page and "免费健康检查" in page


def test_the_order_page_shows_the_timeline_and_the_arrangement(delivered, worker, client_for):
    page = client_for(worker).get(reverse("market:order", args=[delivered.pk])).content.decode()
    for status in ("placed", "allocated", "delivered"):
        assert escape(str(OrderStatus(status).label)) in page
    assert "李劳模" in page  # who arranged and delivered
    assert "街道A职工服务中心二楼" in page and "李医生" in page
    assert reverse("market:confirm", args=[delivered.pk]) in page


def test_a_worker_cancels_a_placed_order_and_the_place_comes_back(make_listing, worker, client_for):
    listing = make_listing(places=1)
    order, _ = orders.place_order(worker, listing)
    client_for(worker).post(reverse("market:cancel", args=[order.pk]), {"reason": "临时加班"})
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED and order.cancel_reason == "临时加班"
    assert listing.pool.slots.get().taken == 0


def test_an_arranged_order_cannot_be_cancelled_by_the_worker(
    make_listing, worker, provider, tomorrow, client_for
):
    order, _ = orders.place_order(worker, make_listing(places=2))
    orders.allocate(provider, order, scheduled_at=tomorrow, place="二楼")
    response = client_for(worker).post(
        reverse("market:cancel", args=[order.pk]), {"reason": ""}, follow=True
    )
    text = gettext("An arranged order can only be cancelled by the provider.")
    assert escape(text) in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.ALLOCATED


def test_a_worker_confirms_receipt(delivered, worker, client_for):
    client_for(worker).post(reverse("market:confirm", args=[delivered.pk]))
    delivered.refresh_from_db()
    assert delivered.status == OrderStatus.CONFIRMED


def test_a_worker_reviews_with_stars_and_text(delivered, worker, client_for):
    client = client_for(worker)
    client.post(reverse("market:review", args=[delivered.pk]), {"stars": "5", "text": "很耐心"})
    review = Review.objects.get(order=delivered)
    assert (review.stars, review.text) == (5, "很耐心")
    delivered.refresh_from_db()
    assert delivered.status == OrderStatus.REVIEWED
    page = client.get(reverse("market:order", args=[delivered.pk])).content.decode()
    assert "很耐心" in page and 'id="review-form"' not in page


def test_a_second_review_is_refused_with_a_message(delivered, worker, client_for):
    client = client_for(worker)
    url = reverse("market:review", args=[delivered.pk])
    client.post(url, {"stars": "4"})
    response = client.post(url, {"stars": "1", "text": "改主意了"}, follow=True)
    assert escape(gettext("You have already reviewed this order.")) in response.content.decode()
    assert Review.objects.get().stars == 4


def test_stars_outside_one_to_five_are_refused(delivered, worker, client_for):
    client_for(worker).post(reverse("market:review", args=[delivered.pk]), {"stars": "9"})
    assert not Review.objects.exists()


def test_a_worker_orders_again_from_a_completed_order(delivered, worker, client_for):
    orders.confirm(worker, delivered)
    client = client_for(worker)
    page = client.get(reverse("market:order", args=[delivered.pk])).content.decode()
    assert reverse("market:reorder", args=[delivered.pk]) in page
    response = client.post(reverse("market:reorder", args=[delivered.pk]), {"token": "r" * 20})
    again = Order.objects.exclude(pk=delivered.pk).get()
    assert again.reorder_of == delivered and again.status == OrderStatus.PLACED
    assert response.url == reverse("market:order", args=[again.pk])
    client.post(reverse("market:reorder", args=[delivered.pk]), {"token": "r" * 20})
    assert Order.objects.count() == 2


def test_a_once_only_service_offers_no_reorder(
    make_listing, worker, provider, tomorrow, client_for
):
    order, _ = orders.place_order(worker, make_listing(places=3, repeatable=False))
    orders.allocate(provider, order, scheduled_at=tomorrow, place="二楼")
    orders.deliver(provider, order)
    client = client_for(worker)
    page = client.get(reverse("market:order", args=[order.pk])).content.decode()
    assert reverse("market:reorder", args=[order.pk]) not in page
    response = client.post(
        reverse("market:reorder", args=[order.pk]), {"token": "r" * 20}, follow=True
    )
    assert escape(gettext("This service can be ordered only once.")) in response.content.decode()
    assert Order.objects.count() == 1
