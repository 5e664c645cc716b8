import datetime as dt

import pytest
from django.utils import timezone

from yunjishi.market import listings
from yunjishi.market.models import Listing


@pytest.fixture
def make_listing(provider, admin_a):
    """``make_listing(**fields)``: a live listing of the fixture provider in street A."""

    def make(*, places=None, sessions=None, live=True, **fields):
        data = {
            "title": "免费健康检查",
            "description": "劳模医生为一线职工提供免费健康检查和用药咨询。",
            "domain": "health",
            "format": "offline",
            "place": "街道A职工服务中心",
        }
        data.update(fields)
        listing = listings.create_listing(
            provider, data, places=places if sessions is None else None, sessions=sessions
        )
        if live:
            listings.submit(provider, listing)
            listings.approve(admin_a, listing)
            listings.publish_batch(admin_a, listing.org, "第一批", [listing])
        return Listing.objects.get(pk=listing.pk)

    return make


@pytest.fixture
def tomorrow():
    return timezone.now() + dt.timedelta(days=1)
