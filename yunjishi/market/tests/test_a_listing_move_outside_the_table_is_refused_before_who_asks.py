"""A listing's move is checked against ``LISTING_LIFECYCLE``'s table first, the one table
of its moves: one the table does not have is illegal for anybody (409), and who may make
a move is the rule the table gives for it (from where the listing is, not only where it
goes). A rejection checks its reviewer before its reason: a stranger learns nothing."""

import pytest

from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.market import listings
from yunjishi.market.models import ListingStatus


def test_a_provider_approving_their_rejected_listing_is_an_illegal_move(
    make_listing, provider, admin_a
):
    listing = listings.submit(provider, make_listing(places=5, live=False))
    listing = listings.reject(admin_a, listing, "请补充服务时间")

    with pytest.raises(Conflict) as error:
        listings.approve(provider, listing)

    assert error.value.code == "illegal_transition"
    listing.refresh_from_db()
    assert listing.status == ListingStatus.REJECTED


def test_a_handler_rejecting_without_a_reason_is_told_they_may_not_review(
    make_listing, provider, handler_a
):
    listing = listings.submit(provider, make_listing(places=5, live=False))

    with pytest.raises(NotAllowed):
        listings.reject(handler_a, listing, "")


def test_a_reviewer_still_needs_a_reason(make_listing, provider, admin_a):
    from django.core.exceptions import ValidationError

    listing = listings.submit(provider, make_listing(places=5, live=False))

    with pytest.raises(ValidationError):
        listings.reject(admin_a, listing, " ")
