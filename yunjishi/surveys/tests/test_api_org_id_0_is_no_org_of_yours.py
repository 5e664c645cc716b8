"""The surveys' API reads ``org_id`` through ``chosen_org``: left out, the staffer's top
org; 0 is no org at all (422 on ``org_id``, as every id below 1), never silently their top
org."""

from yunjishi.surveys.models import Survey

STAFF = "/api/surveys/staff"


def test_a_survey_without_an_org_is_run_by_the_staffers_top_org(supervisor, tree, client_for):
    response = client_for(supervisor).post(
        f"{STAFF}/surveys", {"title": "需求调研"}, content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["org"]["id"] == tree.district.pk


def test_a_survey_for_org_0_is_refused_and_nothing_is_made(supervisor, client_for):
    response = client_for(supervisor).post(
        f"{STAFF}/surveys", {"title": "需求调研", "org_id": 0}, content_type="application/json"
    )

    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["org_id"]
    assert not Survey.objects.exists()


def test_the_demand_list_of_org_0_is_refused(supervisor, client_for):
    client = client_for(supervisor)

    assert client.get(f"{STAFF}/classification").status_code == 200
    assert client.get(f"{STAFF}/classification", {"org_id": 0}).status_code == 422
