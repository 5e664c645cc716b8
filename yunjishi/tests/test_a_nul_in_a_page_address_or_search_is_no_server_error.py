"""PostgreSQL refuses NUL in text outright, so a NUL typed into a page's search box or
address reached the database as a server error. Searches drop control characters, and the
pages answer as they would without them."""

import pytest


@pytest.mark.parametrize(
    ("who", "url"),
    [
        (None, "/appeals/public/?q=%00"),
        (None, "/market/?q=%00%0b"),
        ("handler_a", "/stations/staff/?q=%00&status=%00"),
        ("admin_a", "/accounts/staff/members/?q=%00&status=%00"),
        ("handler_a", "/appeals/staff/?q=%00"),
    ],
)
def test_a_nul_in_a_search_is_no_server_error(who, url, request, client, client_for):
    user = request.getfixturevalue(who) if who else request.getfixturevalue("tree")
    page = client_for(user) if who else client

    response = page.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/api/appeals/public/%00", "/api/surveys/s/%00", "/api/market/demand/s/%00"],
)
def test_a_nul_in_an_api_path_is_refused_by_name(url, client, db):
    response = client.get(url)

    assert response.status_code == 422
    assert list(response.json()["fields"]) in (["code"], ["token"])


@pytest.mark.parametrize(
    "url",
    [
        "/appeals/public/%00/",
        "/surveys/s/%00/",
        "/surveys/s/%00/done/",
        "/market/demand/s/%00/",
        "/stations/c/%00/",
    ],
)
def test_a_nul_in_a_page_address_is_not_found(url, worker, client_for):
    assert client_for(worker).get(url).status_code == 404
