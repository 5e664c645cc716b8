"""What a schemathesis run against /api/appeals found, kept fixed."""

import pytest

from yunjishi.appeals.models import Appeal
from yunjishi.core.testing import assert_error

HUGE = "100000000000000000000"  # past 2**63: the database refuses it


@pytest.mark.parametrize(
    ("query", "status"), [(f"offset={HUGE}", 422), (f"limit={HUGE}", 200), ("limit=0", 422)]
)
@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("worker", "/api/appeals"),
        ("handler_a", "/api/appeals/staff/appeals"),
        ("handler_a", "/api/appeals/staff/board/reopened"),
        ("handler_a", "/api/appeals/staff/board/past-due"),
    ],
)
def test_a_paging_number_out_of_range_is_a_clear_answer_not_a_server_error(
    request, client_for, make_appeal, who, path, query, status
):
    make_appeal()
    response = client_for(request.getfixturevalue(who)).get(f"{path}?{query}")

    if status == 200:  # a limit past the largest page is cut to it
        assert response.status_code == 200, response.content
    else:
        body = assert_error(response, 422, "validation_error")
        assert list(body["fields"]) == [query.split("=")[0]]


@pytest.mark.parametrize("bad", [0, -1, int(HUGE)])
def test_a_bulk_action_on_an_id_no_row_can_have_is_422_and_touches_nothing(
    client_for, handler_a, make_appeal, bad
):
    appeal = make_appeal()

    response = client_for(handler_a).post(
        "/api/appeals/staff/bulk",
        {"action": "accept", "ids": [appeal.pk, bad]},
        content_type="application/json",
    )

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == ["ids.1"]
    assert Appeal.objects.get(pk=appeal.pk).status == appeal.status
