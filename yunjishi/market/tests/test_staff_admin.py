"""The market back office: scoped lists, decisions through the services, read-only orders."""

from django.urls import reverse

from yunjishi.market import listings, orders
from yunjishi.market.models import ListingStatus

LISTINGS = reverse("admin:market_listing_changelist")


def submitted(make_listing, provider, **fields):
    return listings.submit(provider, make_listing(places=5, live=False, **fields))


def test_an_admin_action_approves_through_the_service(make_listing, provider, admin_a, client_for):
    listing = submitted(make_listing, provider)
    client = client_for(admin_a)
    assert listing.title in client.get(LISTINGS).content.decode()
    client.post(LISTINGS, {"action": "approve_selected", "_selected_action": [listing.pk]})
    listing.refresh_from_db()
    assert listing.status == ListingStatus.APPROVED and listing.reviewed_by == admin_a


def test_the_reject_action_asks_for_a_reason_first(make_listing, provider, admin_a, client_for):
    listing = submitted(make_listing, provider)
    client = client_for(admin_a)
    form = client.post(LISTINGS, {"action": "reject_selected", "_selected_action": [listing.pk]})
    assert form.status_code == 200 and "reason" in form.content.decode()
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED
    client.post(
        LISTINGS,
        {
            "action": "reject_selected",
            "_selected_action": [listing.pk],
            "confirm": "1",
            "reason": "请补充服务时间",
        },
    )
    listing.refresh_from_db()
    assert listing.status == ListingStatus.REJECTED and listing.reject_reason == "请补充服务时间"


def test_street_b_staff_see_no_street_a_listing(make_listing, provider, handler_b, client_for):
    listing = submitted(make_listing, provider, title="书法培训")
    client = client_for(handler_b)
    assert "书法培训" not in client.get(LISTINGS).content.decode()
    url = reverse("admin:market_listing_change", args=[listing.pk])
    assert client.get(url).status_code in (302, 403, 404)


def test_orders_are_read_only_with_their_history(make_listing, worker, admin_a, client_for):
    order, _created = orders.place_order(worker, make_listing(places=5))
    client = client_for(admin_a)
    page = client.get(reverse("admin:market_order_change", args=[order.pk]))
    assert page.status_code == 200 and "placed" in page.content.decode()
    assert client.get(reverse("admin:market_order_add")).status_code == 403


def test_every_market_page_of_the_back_office_opens(
    make_listing, worker, provider, tomorrow, superuser, client_for
):
    listing = make_listing(places=5)
    order, _created = orders.place_order(worker, listing)
    orders.allocate(provider, order, scheduled_at=tomorrow, place="二楼")
    orders.deliver(provider, order)
    review = orders.review(worker, order, 5, "很好")
    from yunjishi.market.models import Batch

    rows = {
        "listing": listing,
        "batch": Batch.objects.first(),
        "order": order,
        "review": review,
    }
    admin = client_for(superuser)
    for name, row in rows.items():
        assert admin.get(reverse(f"admin:market_{name}_changelist")).status_code == 200, name
        assert admin.get(reverse(f"admin:market_{name}_change", args=[row.pk])).status_code == 200
