"""The market's matching over the API (/api/market/demand/matching): it follows the answers
given through the surveys' API. (The surveys' own API is tested in surveys; its address from
before it had an app, in test_demand_old_addresses_still_work.)"""

from django.test import Client

from yunjishi.surveys.tests.fixtures import *  # noqa: F403


def _answer(phone, token, choice_id):
    question = phone.get(f"/api/surveys/s/{token}").json()["questions"][0]
    body = {"answers": [{"question_id": question["id"], "choice_ids": [choice_id]}]}
    return phone.post(f"/api/surveys/s/{token}", body, content_type="application/json")


def test_the_matching_follows_the_answers_with_listings_and_gaps(
    demand_survey, links, make_listing, supervisor, client_for
):
    make_listing(places=10, domain="health", title="免费健康检查")
    question = demand_survey.questions.get(kind="single")
    childcare = question.choices.get(text="子女托管").pk
    health = question.choices.get(text="免费健康检查").pk
    for choice_id in (childcare, health):  # two phones: one answer per link and device
        assert _answer(Client(), links["a"].token, choice_id).status_code == 201

    staff = client_for(supervisor)
    matched = {row["category"]: row for row in staff.get("/api/market/demand/matching").json()}
    assert matched["子女托管"]["gap"] is True
    assert [row["title"] for row in matched["health"]["listings"]] == ["免费健康检查"]
    by_survey = staff.get(f"/api/market/demand/surveys/{demand_survey.pk}/matching").json()
    assert {row["category"] for row in by_survey} == {"子女托管", "health"}


def test_a_worker_may_not_read_the_matching(worker, client_for):
    assert client_for(worker).get("/api/market/demand/matching").status_code == 403
