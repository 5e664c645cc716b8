"""Rejecting a listing needs a reason, which the provider is told; without one nothing moves."""

from django.urls import reverse

from yunjishi.market import listings
from yunjishi.market.models import ListingStatus
from yunjishi.notify.models import Notification


def test_a_rejection_without_a_reason_changes_nothing(make_listing, provider, admin_a, client_for):
    listing = listings.submit(provider, make_listing(places=5, live=False))
    client = client_for(admin_a)
    url = reverse("market:staff_reject", args=[listing.pk])
    response = client.post(url, {"reason": "   "}, follow=True)
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED
    assert not Notification.objects.filter(user=provider, kind="market.rejected").exists()
    shown = [str(m) for m in response.context["messages"]]
    assert shown and ("reason" in shown[0] or "理由" in shown[0] or "原因" in shown[0])


def test_a_rejection_with_a_reason_tells_the_provider(make_listing, provider, admin_a, client_for):
    listing = listings.submit(provider, make_listing(places=5, live=False))
    client_for(admin_a).post(
        reverse("market:staff_reject", args=[listing.pk]), {"reason": "请补充服务地点和时间"}
    )
    listing.refresh_from_db()
    assert listing.status == ListingStatus.REJECTED
    assert listing.reject_reason == "请补充服务地点和时间"
    notice = Notification.objects.get(user=provider, kind="market.rejected")
    assert notice.body == "请补充服务地点和时间"
