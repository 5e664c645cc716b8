"""What fuzzing the market's API and pages found, kept fixed."""

import pytest

from yunjishi.core.testing import assert_error
from yunjishi.market.models import Follow

HUGE = "100000000000000000000"  # past 2**63: the database refuses it


@pytest.mark.parametrize(
    ("query", "status"),
    [("offset=-1", 422), (f"offset={HUGE}", 422), (f"limit={HUGE}", 200), ("limit=0", 422)],
)
@pytest.mark.parametrize("path", ["/api/market/listings", "/api/market/orders"])
def test_a_paging_number_out_of_range_is_a_clear_answer_not_a_server_error(
    client_for, worker, path, query, status
):
    response = client_for(worker).get(f"{path}?{query}")

    if status == 200:  # a limit past the largest page is cut to it
        assert response.status_code == 200
        assert response.json()["items"] == []
    else:
        body = assert_error(response, 422, "validation_error")
        assert list(body["fields"]) == [query.split("=")[0]]


def test_a_huge_limit_on_the_providers_and_staffs_lists_is_cut_to_a_page(
    client_for, provider, admin_a, make_listing
):
    make_listing(places=5)

    assert (
        client_for(provider).get(f"/api/market/provider/listings?limit={HUGE}").json()["count"] == 1
    )
    assert client_for(admin_a).get(f"/api/market/staff/approved?limit={HUGE}").status_code == 200
    assert client_for(admin_a).get(f"/api/market/staff/batches?offset={HUGE}").status_code == 422
    assert client_for(admin_a).get(f"/api/market/demand/surveys?limit={HUGE}").status_code == 200


@pytest.mark.parametrize("back", ["true", "-1", "9999-12-31", "%", "中文", "https://evil.example/"])
def test_following_with_a_next_that_is_not_a_path_goes_to_the_market_home(client_for, worker, back):
    response = client_for(worker).post(
        "/market/follow/", {"domain": "health", "on": "1", "next": back}
    )

    assert response.status_code == 302
    assert response["Location"] == "/market/"
    assert Follow.objects.filter(user=worker, domain="health").exists()


def test_following_goes_back_to_the_page_it_came_from(client_for, worker):
    response = client_for(worker).post(
        "/market/follow/", {"domain": "health", "on": "1", "next": "/market/listings/1/"}
    )

    assert response["Location"] == "/market/listings/1/"
