"""A duty report period that runs off the calendar (ending on 9999-12-31, starting in year
1) is refused with a clear message, on the page and over the API, instead of a 500."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "period",
    [{"start": "2024-01-01", "end": "9999-12-31"}, {"start": "0001-01-01", "end": "0001-12-31"}],
)
def test_the_page_says_which_days_it_can_report(period, representative, client_for):
    page = client_for(representative).get(reverse("proposals:report"), period)
    assert page.status_code == 200
    assert "请选择 2000-01-01 至" in page.content.decode()


def test_the_api_answers_422_with_the_error_shape(representative, client_for):
    response = client_for(representative).get(
        "/api/proposals/report", {"start": "2024-01-01", "end": "9999-12-31"}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error" and "end" in body["fields"]
