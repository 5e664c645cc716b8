"""Ids the database cannot hold were server errors in the market: a batch naming such a
listing (``POST /api/market/staff/batches``), a provider's listing naming such an
occupation (``occupation_ids: [2**70]``), and the same on the pages. Now a 422 (a form
error on a page) that names the field, and nothing is saved."""

import json

import pytest
from django.urls import reverse

from yunjishi.core.testing import assert_error
from yunjishi.market.models import Batch, Listing

LISTING = {
    "title": "免费健康检查",
    "description": "劳模医生为一线职工提供免费健康检查。",
    "domain": "health",
    "format": "offline",
    "place": "街道A职工服务中心",
    "places": 10,
}


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("bad", [2**63, 2**70, True])
def test_a_batch_naming_a_listing_id_past_64_bits_is_refused(
    bad, admin_a, make_listing, client_for
):
    listing = make_listing(live=False, places=5)
    Listing.objects.filter(pk=listing.pk).update(status="approved")

    response = post(
        client_for(admin_a),
        "/api/market/staff/batches",
        {"title": "第二批", "listing_ids": [listing.pk, bad]},
    )

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == ["listing_ids.1"]
    assert not Batch.objects.exists()


@pytest.mark.parametrize("bad", [2**70, 2**63, 0])
def test_a_listing_naming_an_occupation_id_past_64_bits_is_refused(bad, provider, client_for):
    response = post(
        client_for(provider), "/api/market/provider/listings", {**LISTING, "occupation_ids": [bad]}
    )

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == ["occupation_ids.0"]
    assert not Listing.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("repeatable", "yes"),
        ("places", 2**31),
        ("per_person_limit", 1000),
        ("description", "好\x00"),
        ("title", "健康\x0b检查"),
    ],
)
def test_a_listing_with_a_value_out_of_bounds_is_refused(field, value, provider, client_for):
    response = post(
        client_for(provider), "/api/market/provider/listings", {**LISTING, field: value}
    )

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == [field]
    assert not Listing.objects.exists()


def test_the_listing_page_refuses_an_occupation_id_past_64_bits(provider, client_for):
    data = {**LISTING, "eligibility": "all", "per_person_limit": 1, "occupations": [str(2**70)]}
    data.update({"sessions-TOTAL_FORMS": 0, "sessions-INITIAL_FORMS": 0})

    response = client_for(provider).post(reverse("market:provider_listing_create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["occupations"]
    assert not Listing.objects.exists()


def test_the_batch_page_refuses_a_listing_id_past_64_bits(admin_a, tree, client_for):
    response = client_for(admin_a).post(
        reverse("market:staff_batches"),
        {"title": "第二批", "org": tree.street_a.pk, "listings": [str(2**64)]},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["listings"]
    assert not Batch.objects.exists()
