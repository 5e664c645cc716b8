"""The review queue shows each staffer the submitted listings of their own subtree only."""

from django.urls import reverse

from yunjishi.market import listings
from yunjishi.market.models import ListingStatus

QUEUE = reverse("market:staff_review")


def submitted(make_listing, provider, **fields):
    listing = make_listing(places=5, live=False, **fields)
    return listings.submit(provider, listing)


def test_street_a_staff_see_street_a_submitted_listings(
    make_listing, provider, admin_a, client_for
):
    listing = submitted(make_listing, provider, title="书法培训")
    page = client_for(admin_a).get(QUEUE)
    assert page.status_code == 200
    assert "书法培训" in page.content.decode()
    assert reverse("market:staff_approve", args=[listing.pk]) in page.content.decode()


def test_the_district_supervisor_sees_the_street_below(
    make_listing, provider, supervisor, client_for
):
    submitted(make_listing, provider, title="书法培训")
    assert "书法培训" in client_for(supervisor).get(QUEUE).content.decode()


def test_street_b_staff_see_nothing_of_street_a(make_listing, provider, handler_b, client_for):
    listing = submitted(make_listing, provider, title="书法培训")
    client = client_for(handler_b)
    page = client.get(QUEUE)
    assert page.status_code == 200
    assert "书法培训" not in page.content.decode()
    assert client.post(reverse("market:staff_approve", args=[listing.pk])).status_code == 404
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED


def test_a_handler_follows_the_queue_but_cannot_approve(
    make_listing, provider, handler_a, client_for
):
    listing = submitted(make_listing, provider, title="书法培训")
    client = client_for(handler_a)
    page = client.get(QUEUE).content.decode()
    assert "书法培训" in page
    assert reverse("market:staff_approve", args=[listing.pk]) not in page
    client.post(reverse("market:staff_approve", args=[listing.pk]))
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED


def test_a_worker_gets_403_on_every_staff_page(worker, client_for):
    client = client_for(worker)
    for name in ("market:staff_review", "market:staff_batches", "market:staff_stats"):
        assert client.get(reverse(name)).status_code == 403


def test_approving_moves_the_listing_out_of_the_queue(make_listing, provider, admin_a, client_for):
    listing = submitted(make_listing, provider, title="书法培训")
    client = client_for(admin_a)
    response = client.post(reverse("market:staff_approve", args=[listing.pk]))
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.APPROVED and listing.reviewed_by == admin_a
    assert listing.pk not in [row.pk for row in client.get(QUEUE).context["page"]]
