"""The provider's side over the API: listings with sessions, review, and fulfilling orders."""

import datetime as dt

import pytest
from django.utils import timezone

from yunjishi.booking.models import Pool
from yunjishi.market import orders
from yunjishi.market.models import Listing, OrderStatus

API = "/api/market/provider"


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def _listing(**fields) -> dict:
    data = {
        "title": "大数据工程师课程培训",
        "description": "劳模工程师带教大数据入门。",
        "domain": "technology",
        "format": "online",
        "online_url": "https://meet.example.org/bigdata",
        "places": 40,
    }
    data.update(fields)
    return data


@pytest.fixture
def placed(make_listing, worker):
    order, _ = orders.place_order(worker, make_listing(places=5))
    return order


def test_a_provider_creates_a_listing_with_sessions_and_submits_it(provider, client_for):
    start = timezone.now() + dt.timedelta(days=3)
    body = _listing(
        places=None,
        sessions=[
            {"starts_at": start.isoformat(), "places": 10},
            {"starts_at": (start + dt.timedelta(days=7)).isoformat(), "places": 12},
        ],
    )
    client = client_for(provider)
    response = _post(client, f"{API}/listings", body)
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "draft" and data["places_left"] == 22
    assert [s["places"] for s in data["sessions"]] == [10, 12]
    submitted = _post(client, f"{API}/listings/{data['id']}/submit")
    assert submitted.json()["status"] == "submitted"
    mine = client.get(f"{API}/listings").json()
    assert mine["count"] == 1 and mine["items"][0]["order_count"] == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"places": None}, "places"),
        (
            {"places": None, "sessions": [{"starts_at": "2020-01-01T08:00:00+08:00", "places": 5}]},
            "sessions",
        ),
        ({"online_url": "not a link"}, "online_url"),
        ({"domain": "cooking"}, "domain"),
    ],
)
def test_bad_listing_input_is_a_422_and_creates_nothing(fields, field, provider, client_for):
    response = _post(client_for(provider), f"{API}/listings", _listing(**fields))
    assert response.status_code == 422
    assert field in response.json()["fields"]
    assert not Listing.objects.exists() and not Pool.objects.exists()


def test_only_providers_may_use_the_provider_api(worker, client_for):
    client = client_for(worker)
    response = client.get(f"{API}/listings")
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    assert _post(client, f"{API}/listings", _listing()).status_code == 403
    assert client.get(f"{API}/orders").status_code == 403
    assert not Listing.objects.exists()


def test_a_provider_arranges_delivers_and_sees_the_worker_masked(
    placed, provider, worker, tomorrow, client_for
):
    client = client_for(provider)
    items = client.get(f"{API}/orders", {"status": "placed"}).json()["items"]
    assert [i["id"] for i in items] == [placed.pk] and items[0]["worker_name"] == "王**"
    body = {"scheduled_at": tomorrow.isoformat(), "place": "二楼", "assignee": "李医生"}
    allocated = _post(client, f"{API}/orders/{placed.pk}/allocate", body).json()
    assert allocated["status"] == "allocated" and allocated["assignee"] == "李医生"
    delivered = _post(client, f"{API}/orders/{placed.pk}/deliver").json()
    assert delivered["status"] == "delivered"
    assert [e["to_status"] for e in delivered["events"]] == ["placed", "allocated", "delivered"]
    assert delivered["events"][0]["who"] == "王**"
    assert worker.phone not in str(delivered)


def test_a_no_show_and_a_cancel_with_a_reason(make_listing, worker, provider, tomorrow, client_for):
    listing = make_listing(places=5, per_person_limit=2)
    first, _ = orders.place_order(worker, listing)
    second, _ = orders.place_order(worker, listing)
    orders.allocate(provider, first, scheduled_at=tomorrow, place="二楼")
    client = client_for(provider)
    assert _post(client, f"{API}/orders/{first.pk}/no-show").json()["status"] == "no_show"
    refused = _post(client, f"{API}/orders/{second.pk}/cancel", {"reason": ""})
    assert refused.status_code == 422 and "reason" in refused.json()["fields"]
    second.refresh_from_db()
    assert second.status == OrderStatus.PLACED
    cancelled = _post(client, f"{API}/orders/{second.pk}/cancel", {"reason": "场地检修"}).json()
    assert (cancelled["status"], cancelled["cancel_reason"]) == ("cancelled", "场地检修")


def test_the_provider_reads_reviews(placed, provider, worker, tomorrow, client_for):
    orders.allocate(provider, placed, scheduled_at=tomorrow, place="二楼")
    orders.deliver(provider, placed)
    orders.review(worker, placed, 5, "很好")
    items = client_for(provider).get(f"{API}/reviews").json()["items"]
    assert [(i["stars"], i["text"], i["worker_name"]) for i in items] == [(5, "很好", "王**")]
