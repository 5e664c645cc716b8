"""A provider lists services (备货) on the pages: sessions or total places, review, delist."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from yunjishi.booking.models import Pool, Slot
from yunjishi.market import orders
from yunjishi.market.models import Listing, ListingStatus

NEW = reverse("market:provider_listing_create")


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _form(sessions=(), **fields) -> dict:
    data = {
        "title": "书法培训",
        "description": "大国工匠周末教职工练习硬笔书法。",
        "domain": "education",
        "format": "offline",
        "place": "区工人文化宫三楼",
        "eligibility": "all",
        "per_person_limit": "1",
        "repeatable": "on",
        "places": "",
        "sessions-TOTAL_FORMS": "3",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "50",
    }
    for number, (starts, ends, places) in enumerate(sessions):
        data[f"sessions-{number}-starts_at"] = _local(starts) if starts else ""
        data[f"sessions-{number}-ends_at"] = _local(ends) if ends else ""
        data[f"sessions-{number}-places"] = str(places)
    data.update(fields)
    return data


@pytest.fixture
def next_week():
    moment = timezone.now() + dt.timedelta(days=7)
    return moment.replace(second=0, microsecond=0)


def test_only_providers_may_open_the_provider_pages(worker, client_for):
    client = client_for(worker)
    for name in ("market:provider_home", "market:provider_orders", "market:provider_reviews"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(NEW).status_code == 403


def test_a_provider_creates_a_listing_with_two_sessions(provider, next_week, client_for):
    later = next_week + dt.timedelta(days=1)
    data = _form(
        [(next_week, next_week + dt.timedelta(hours=2), 20), (later, None, 15)],
        for_new_employment_form="on",
    )
    response = client_for(provider).post(NEW, data)
    listing = Listing.objects.get()
    assert response.url == reverse("market:provider_listing", args=[listing.pk])
    assert listing.status == ListingStatus.DRAFT and listing.for_new_employment_form
    slots = list(listing.pool.slots.order_by("starts_at"))
    assert [(s.starts_at, s.places) for s in slots] == [(next_week, 20), (later, 15)]
    assert slots[0].ends_at == next_week + dt.timedelta(hours=2)


def test_a_provider_creates_a_listing_with_total_places(provider, client_for):
    client_for(provider).post(NEW, _form(places="30", repeatable=""))
    listing = Listing.objects.get()
    assert not listing.repeatable
    slot = listing.pool.slots.get()
    assert slot.starts_at is None and slot.places == 30


def test_a_listing_without_a_title_is_refused_and_nothing_is_created(provider, client_for):
    response = client_for(provider).post(NEW, _form(title="  ", places="10"))
    assert escape(gettext("Give the listing a title.")) in response.content.decode()
    assert not Listing.objects.exists() and not Pool.objects.exists()


def test_a_past_session_is_refused_and_nothing_is_created(provider, client_for):
    yesterday = timezone.now() - dt.timedelta(days=1)
    response = client_for(provider).post(NEW, _form([(yesterday, None, 10)]))
    text = gettext("Session %(n)d must start in the future.") % {"n": 1}
    assert escape(text) in response.content.decode()
    assert not Listing.objects.exists() and not Slot.objects.exists()


def test_a_session_without_a_start_is_refused_not_a_crash(provider, next_week, client_for):
    response = client_for(provider).post(NEW, _form([(None, next_week, 10)]))
    assert response.status_code == 200
    assert not Listing.objects.exists()


def test_a_listing_without_capacity_is_refused_and_nothing_is_created(provider, client_for):
    response = client_for(provider).post(NEW, _form())
    text = gettext("Give the number of places (1 to 100000) or dated sessions.")
    assert escape(text) in response.content.decode()
    assert not Listing.objects.exists()


def test_places_and_sessions_together_are_refused(provider, next_week, client_for):
    response = client_for(provider).post(NEW, _form([(next_week, None, 5)], places="10"))
    text = gettext("Give either a total number of places or dated sessions, not both.")
    assert escape(text) in response.content.decode()
    assert not Listing.objects.exists()


def test_an_online_service_needs_its_link(provider, client_for):
    response = client_for(provider).post(NEW, _form(format="online", place="", places="10"))
    assert escape(gettext("An online service needs its link.")) in response.content.decode()
    assert not Listing.objects.exists()


def test_a_provider_submits_a_draft_for_review(make_listing, provider, client_for):
    listing = make_listing(places=5, live=False)
    client_for(provider).post(reverse("market:provider_submit", args=[listing.pk]))
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED


def test_a_provider_takes_a_live_listing_down(make_listing, provider, client_for):
    listing = make_listing(places=5)
    client_for(provider).post(reverse("market:provider_delist", args=[listing.pk]))
    listing.refresh_from_db()
    assert listing.status == ListingStatus.DELISTED


def test_submitting_a_live_listing_again_is_refused_with_a_message(
    make_listing, provider, client_for
):
    listing = make_listing(places=5)
    response = client_for(provider).post(
        reverse("market:provider_submit", args=[listing.pk]), follow=True
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    listing.refresh_from_db()
    assert listing.status == ListingStatus.LIVE


def test_my_listings_show_status_places_orders_and_rating(
    make_listing, provider, worker, tomorrow, client_for
):
    listing = make_listing(places=5)
    order, _ = orders.place_order(worker, listing)
    orders.allocate(provider, order, scheduled_at=tomorrow, place="二楼")
    orders.deliver(provider, order)
    orders.review(worker, order, 4, "好")
    page = client_for(provider).get(reverse("market:provider_home")).content.decode()
    row = page.split(reverse("market:provider_listing", args=[listing.pk]))[1].split("</tr>")[0]
    cells = [c.split("</td>")[0].strip() for c in row.split("<td>")[1:]]
    assert str(ListingStatus.LIVE.label) in row
    assert cells[1:4] == ["4", "1", "4.0 ★"]
