"""The provider's side of the loop on the pages: 配货 (arrange), 发货 (given), no-show,
cancel with a reason, and the reviews they received."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from yunjishi.market import orders
from yunjishi.market.models import OrderStatus


@pytest.fixture
def placed(make_listing, worker):
    order, _ = orders.place_order(worker, make_listing(places=5))
    return order


@pytest.fixture
def allocated(placed, provider, tomorrow):
    return orders.allocate(provider, placed, scheduled_at=tomorrow, place="二楼")


def test_incoming_orders_name_the_worker_masked_and_never_show_a_phone(
    placed, provider, worker, client_for
):
    client = client_for(provider)
    listing_page = client.get(reverse("market:provider_orders")).content.decode()
    detail = client.get(reverse("market:provider_order", args=[placed.pk])).content.decode()
    for page in (listing_page, detail):
        assert "王**" in page
        assert "王职工" not in page and worker.phone not in page and "138****" not in page


def test_a_provider_arranges_an_order(placed, provider, client_for):
    when = (timezone.now() + dt.timedelta(days=2)).replace(second=0, microsecond=0)
    response = client_for(provider).post(
        reverse("market:provider_allocate", args=[placed.pk]),
        {
            "scheduled_at": timezone.localtime(when).strftime("%Y-%m-%dT%H:%M"),
            "place": "街道A职工服务中心二楼",
            "assignee": "李医生",
        },
    )
    assert response.status_code == 302
    placed.refresh_from_db()
    assert placed.status == OrderStatus.ALLOCATED
    assert (placed.scheduled_at, placed.place, placed.assignee) == (
        when,
        "街道A职工服务中心二楼",
        "李医生",
    )


def test_arranging_an_online_service_without_a_link_or_place_is_refused(
    make_listing, worker, provider, tomorrow, client_for
):
    listing = make_listing(places=3, format="online", place="", online_url="https://meet.example/a")
    order, _ = orders.place_order(worker, listing)
    listing.online_url = ""
    listing.save()
    response = client_for(provider).post(
        reverse("market:provider_allocate", args=[order.pk]),
        {"scheduled_at": timezone.localtime(tomorrow).strftime("%Y-%m-%dT%H:%M")},
    )
    assert escape(gettext("Give a place or an online link.")) in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED


def test_a_provider_marks_the_service_given_and_the_worker_can_confirm(
    allocated, provider, worker, client_for
):
    client_for(provider).post(reverse("market:provider_deliver", args=[allocated.pk]))
    allocated.refresh_from_db()
    assert allocated.status == OrderStatus.DELIVERED
    page = client_for(worker).get(reverse("market:order", args=[allocated.pk])).content.decode()
    assert reverse("market:confirm", args=[allocated.pk]) in page


def test_a_provider_marks_a_no_show(allocated, provider, client_for):
    client_for(provider).post(reverse("market:provider_no_show", args=[allocated.pk]))
    allocated.refresh_from_db()
    assert allocated.status == OrderStatus.NO_SHOW


def test_delivering_an_unarranged_order_is_refused_with_a_message(placed, provider, client_for):
    response = client_for(provider).post(
        reverse("market:provider_deliver", args=[placed.pk]), follow=True
    )
    assert response.status_code == 200 and 'class="error"' in response.content.decode()
    placed.refresh_from_db()
    assert placed.status == OrderStatus.PLACED


def test_a_provider_must_give_a_reason_to_cancel(allocated, provider, client_for):
    client = client_for(provider)
    url = reverse("market:provider_cancel", args=[allocated.pk])
    response = client.post(url, {"reason": ""}, follow=True)
    text = gettext("Tell the worker why the order is cancelled.")
    assert escape(text) in response.content.decode()
    allocated.refresh_from_db()
    assert allocated.status == OrderStatus.ALLOCATED
    client.post(url, {"reason": "医生临时出诊"})
    allocated.refresh_from_db()
    assert allocated.status == OrderStatus.CANCELLED
    assert allocated.cancel_reason == "医生临时出诊"
    assert allocated.slot.taken == 0


def test_the_provider_reads_the_reviews_of_their_services(allocated, provider, worker, client_for):
    orders.deliver(provider, allocated)
    orders.review(worker, allocated, 5, "讲得很清楚")
    page = client_for(provider).get(reverse("market:provider_reviews")).content.decode()
    assert "讲得很清楚" in page and "王**" in page and worker.phone not in page
