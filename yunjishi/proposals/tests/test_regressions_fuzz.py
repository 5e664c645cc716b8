"""What a schemathesis run against /api/proposals found, kept fixed."""

import pytest

from yunjishi.core.testing import assert_error

HUGE = "100000000000000000000"  # past 2**63: the database refuses it

STAFF_LISTS = ["review", "handling", "supervision", "proposals", "suggestions", "visits"]


@pytest.mark.parametrize(
    ("query", "status"), [(f"offset={HUGE}", 422), (f"limit={HUGE}", 200), ("limit=0", 422)]
)
@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("representative", "/api/proposals/mine"),
        ("representative", "/api/proposals/suggestions"),
        ("representative", "/api/proposals/visits"),
        *(("admin_a", f"/api/proposals/staff/{name}") for name in STAFF_LISTS),
    ],
)
def test_a_paging_number_out_of_range_is_a_clear_answer_not_a_server_error(
    request, client_for, make_proposal, who, path, query, status
):
    make_proposal()
    response = client_for(request.getfixturevalue(who)).get(f"{path}?{query}")

    if status == 200:  # a limit past the largest page is cut to it
        assert response.status_code == 200, response.content
    else:
        body = assert_error(response, 422, "validation_error")
        assert list(body["fields"]) == [query.split("=")[0]]


@pytest.mark.parametrize(("user_id", "status"), [(HUGE, 422), ("0", 422), ("99999999", 404)])
def test_a_representatives_report_for_an_id_out_of_range_is_a_clear_answer(
    client_for, admin_a, representative, user_id, status
):
    response = client_for(admin_a).get(f"/api/proposals/staff/representatives/{user_id}/report")

    assert_error(response, status, "validation_error" if status == 422 else "not_found")


def test_a_representatives_report_still_comes_out(client_for, admin_a, representative):
    response = client_for(admin_a).get(
        f"/api/proposals/staff/representatives/{representative.pk}/report"
    )

    assert response.status_code == 200, response.content
