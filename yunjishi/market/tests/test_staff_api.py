"""The staff side over the API: the review queue, decisions, batches and figures, all scoped."""

from django.test import Client

from yunjishi.market import listings, orders
from yunjishi.market.models import Batch, ListingStatus
from yunjishi.notify.models import Notification

BASE = "/api/market/staff"


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def submitted(make_listing, provider, **fields):
    return listings.submit(provider, make_listing(places=5, live=False, **fields))


def test_the_queue_is_scoped_and_a_worker_is_refused(
    make_listing, provider, admin_a, handler_b, worker, client_for
):
    listing = submitted(make_listing, provider, title="书法培训")
    assert [row["id"] for row in client_for(admin_a).get(f"{BASE}/review").json()["items"]] == [
        listing.pk
    ]
    assert client_for(handler_b).get(f"{BASE}/review").json()["count"] == 0
    assert _post(client_for(handler_b), f"{BASE}/listings/{listing.pk}/approve").status_code == 404
    response = client_for(worker).get(f"{BASE}/review")
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    assert Client().get(f"{BASE}/review").status_code == 401


def test_reject_needs_a_reason_then_tells_the_provider(make_listing, provider, admin_a, client_for):
    listing = submitted(make_listing, provider)
    client = client_for(admin_a)
    response = _post(client, f"{BASE}/listings/{listing.pk}/reject", {"reason": ""})
    assert response.status_code == 422 and "reason" in response.json()["fields"]
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SUBMITTED
    response = _post(client, f"{BASE}/listings/{listing.pk}/reject", {"reason": "地点不明确"})
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert Notification.objects.filter(user=provider, kind="market.rejected").exists()


def test_a_batch_is_published_and_an_empty_one_refused(make_listing, provider, admin_a, client_for):
    listing = listings.approve(admin_a, submitted(make_listing, provider, title="书法培训"))
    client = client_for(admin_a)
    assert [row["id"] for row in client.get(f"{BASE}/approved").json()["items"]] == [listing.pk]
    empty = _post(client, f"{BASE}/batches", {"title": "空", "listing_ids": []})
    assert empty.status_code == 422 and not Batch.objects.filter(title="空").exists()
    response = _post(client, f"{BASE}/batches", {"title": "第二批", "listing_ids": [listing.pk]})
    assert response.status_code == 201
    assert response.json()["listings"] == [{"id": listing.pk, "name": "书法培训"}]
    listing.refresh_from_db()
    assert listing.status == ListingStatus.LIVE
    titles = [row["title"] for row in client.get(f"{BASE}/batches").json()["items"]]
    assert "第二批" in titles


def test_the_figures_match_the_orders(
    make_listing, worker, provider, admin_a, tree, tomorrow, client_for
):
    listing = make_listing(places=10, per_person_limit=3)
    for _ in range(2):
        order, _created = orders.place_order(worker, listing)
        orders.allocate(provider, order, scheduled_at=tomorrow, place="二楼")
        orders.deliver(provider, order)
    cancelled, _created = orders.place_order(worker, listing)
    orders.cancel(worker, cancelled)
    data = client_for(admin_a).get(f"{BASE}/stats", {"org_id": tree.street_a.pk}).json()
    assert data["org"]["id"] == tree.street_a.pk
    assert (data["total"], data["served"]) == (3, 2)
    assert data["completion_rate"] == 0.6667
    assert data["by_state"]["cancelled"] == 1
    health = next(row for row in data["by_domain"] if row["domain"] == "health")
    assert health["by_state"] == {"delivered": 2, "cancelled": 1}
    assert client_for(admin_a).get(f"{BASE}/stats", {"org_id": tree.street_b.pk}).status_code == 404
