"""The surveys moved from /market/demand/ to /surveys/: the old page addresses (printed on QR
codes, kept in bookmarks) redirect there, and the old API addresses still answer."""

import pytest
from django.test import Client

from yunjishi.surveys.models import Response
from yunjishi.surveys.tests.fixtures import *  # noqa: F403


def test_an_old_qr_code_leads_to_the_survey_and_an_old_form_still_answers(links):
    token = links["a"].token
    phone = Client()
    page = phone.get(f"/market/demand/s/{token}/")
    assert page.status_code == 308 and page["Location"] == f"/surveys/s/{token}/"
    assert phone.get(page["Location"]).status_code == 200

    needs = choice(links["a"].survey, "子女托管")  # noqa: F405
    sent = phone.post(
        f"/market/demand/s/{token}/", {f"q{needs.question_id}": str(needs.pk)}, follow=True
    )
    assert sent.redirect_chain[-1][0] == f"/surveys/s/{token}/done/"
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/market/demand/surveys/", "/surveys/staff/"),
        ("/market/demand/surveys/{pk}/", "/surveys/staff/{pk}/"),
        ("/market/demand/surveys/{pk}/links/", "/surveys/staff/{pk}/links/"),
        ("/market/demand/surveys/{pk}/open/", "/surveys/staff/{pk}/open/"),
        ("/market/demand/qr/{token}.svg", "/surveys/staff/qr/{token}.svg"),
        (
            "/market/demand/classification/?survey={pk}",
            "/surveys/staff/classification/?survey={pk}",
        ),
        ("/market/demand/s/{token}/done/", "/surveys/s/{token}/done/"),
    ],
)
def test_the_old_staff_pages_redirect_to_the_surveys(
    demand_survey, links, supervisor, client_for, old, new
):
    values = {"pk": demand_survey.pk, "token": links["a"].token}
    response = client_for(supervisor).get(old.format(**values))
    assert response.status_code == 308
    assert response["Location"] == new.format(**values)


def test_the_old_api_addresses_answer_and_only_the_new_ones_are_documented(
    demand_survey, links, supervisor, client_for
):
    staff = client_for(supervisor)
    assert staff.get("/api/market/demand/surveys").json()["count"] == 1
    assert staff.get("/api/surveys/staff/surveys").json()["count"] == 1
    assert staff.get(f"/api/market/demand/s/{links['a'].token}").status_code == 200

    paths = staff.get("/api/openapi.json").json()["paths"]
    assert paths["/api/surveys/s/{token}"]["post"]["tags"] == ["surveys"]
    market = {path for path in paths if path.startswith("/api/market/demand/")}
    assert market == {"/api/market/demand/matching", "/api/market/demand/surveys/{pk}/matching"}
