"""A year the statistics cannot have (``?year=99999``, ``-3``, ``10000``) is refused in
words, never with a server error: the page shows every year and says why, the API answers
422 in its error shape."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("year", ["99999", "-3", "1999", "abc"])
def test_the_page_says_which_years_it_has_and_shows_them_all(year, supervisor, client_for):
    response = client_for(supervisor).get(reverse("appeals:staff_stats"), {"year": year})
    assert response.status_code == 200
    assert "请选择 2000 年至" in response.content.decode()


@pytest.mark.parametrize("year", [10000, -3, 1999])
def test_the_api_answers_422_with_the_error_shape(year, supervisor, client_for):
    response = client_for(supervisor).get("/api/appeals/staff/stats", {"year": year})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error" and "year" in body["fields"]
    assert "2000" in body["message"]


def test_a_year_within_range_still_counts(make_appeal, supervisor, client_for):
    from django.utils import timezone

    make_appeal()
    this_year = timezone.localdate().year
    response = client_for(supervisor).get("/api/appeals/staff/stats", {"year": this_year})
    assert response.status_code == 200 and response.json()["total"] == 1
