"""Every move of a listing writes a history row (who, from, to, note), shown to its
provider and in the admin; a move the table does not allow is refused and writes nothing."""

import pytest
from django.urls import reverse

from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.market import listings
from yunjishi.market.models import ListingEvent


def steps(listing):
    return list(
        ListingEvent.objects.filter(listing=listing).values_list(
            "from_status", "to_status", "actor"
        )
    )


def test_a_listing_keeps_every_move_from_draft_to_delisted(make_listing, provider, admin_a):
    listing = make_listing(places=5)  # created, submitted, approved, published
    listings.delist(provider, listing, "名额已满")

    assert steps(listing) == [
        ("", "draft", provider.pk),
        ("draft", "submitted", provider.pk),
        ("submitted", "approved", admin_a.pk),
        ("approved", "live", admin_a.pk),
        ("live", "delisted", provider.pk),
    ]
    assert ListingEvent.objects.filter(listing=listing).last().note == "名额已满"


def test_a_rejection_keeps_its_reason_and_a_resubmission_follows(make_listing, provider, admin_a):
    listing = listings.submit(provider, make_listing(places=5, live=False))
    listings.reject(admin_a, listing, "请补充服务时间")
    listings.submit(provider, listing)

    rejected = ListingEvent.objects.get(listing=listing, to_status="rejected")
    assert rejected.note == "请补充服务时间"
    assert steps(listing)[-1] == ("rejected", "submitted", provider.pk)


def test_a_move_outside_the_table_is_refused_and_writes_nothing(make_listing, provider, admin_a):
    listing = make_listing(places=5, live=False)  # a draft
    before = steps(listing)
    with pytest.raises(Conflict) as error:
        listings.approve(admin_a, listing)
    assert error.value.code == "illegal_transition"
    assert steps(listing) == before


def test_a_worker_cannot_delist_someone_elses_listing(make_listing, worker):
    listing = make_listing(places=5)
    with pytest.raises(NotAllowed):
        listings.delist(worker, listing)
    assert steps(listing)[-1][1] == "live"


def test_the_provider_sees_the_history_on_the_listing_page(
    make_listing, provider, admin_a, client_for
):
    listing = listings.submit(provider, make_listing(places=5, live=False))
    listings.reject(admin_a, listing, "请补充服务时间")

    page = client_for(provider).get(reverse("market:provider_listing", args=[listing.pk]))

    assert page.status_code == 200
    steps_shown = page.context["timeline"]
    assert [step["note"] for step in steps_shown][-1] == "请补充服务时间"
    assert "请补充服务时间" in page.content.decode()
    assert admin_a.display_name not in page.content.decode()  # reviewers are "union staff"


def test_the_admin_shows_the_history_read_only(make_listing, admin_a, client_for):
    listing = make_listing(places=5)
    page = client_for(admin_a).get(reverse("admin:market_listing_change", args=[listing.pk]))
    assert page.status_code == 200
    assert "listingevent_set" in page.content.decode() or "events-" in page.content.decode()
