"""The demand side over the API at its address from before surveys had an app of their own
(/api/market/demand/, still served): surveys for staff, answering by token, the list, and
the market's matching."""

from django.test import Client

from yunjishi.surveys.models import Response, Survey
from yunjishi.surveys.tests.fixtures import *  # noqa: F403

BASE = "/api/market/demand"


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_staff_create_a_survey_with_questions_and_make_links(supervisor, tree, client_for):
    client = client_for(supervisor)
    response = _post(
        client,
        f"{BASE}/surveys",
        {
            "title": "需求调研",
            "questions": [
                {
                    "text": "最需要什么？",
                    "kind": "single",
                    "choices": [
                        {"text": "少儿编程", "category": "教育培训"},
                        {"text": "子女托管", "category": "子女托管"},
                    ],
                }
            ],
        },
    )
    assert response.status_code == 201
    data = response.json()
    assert data["org"]["id"] == tree.district.pk
    assert [c["category"] for c in data["questions"][0]["choices"]] == ["education", "子女托管"]
    assert data["questions"][0]["required"] is True
    links = _post(client, f"{BASE}/surveys/{data['id']}/links").json()
    assert {row["org"]["name"] for row in links} == {tree.enterprise_a.name, tree.enterprise_b.name}
    assert all(row["url"].endswith(f"/surveys/s/{row['token']}/") for row in links)
    assert all(row["qr_url"].endswith(".svg") for row in links)
    assert client.get(f"{BASE}/surveys").json()["count"] == 1


def test_a_bad_question_is_refused_and_nothing_is_saved(supervisor, client_for):
    response = _post(
        client_for(supervisor),
        f"{BASE}/surveys",
        {"title": "调研", "questions": [{"text": "?", "kind": "single", "choices": []}]},
    )
    assert response.status_code == 422 and "q1.choices" in response.json()["fields"]
    assert not Survey.objects.exists()


def test_a_worker_may_not_list_surveys(worker, client_for):
    assert client_for(worker).get(f"{BASE}/surveys").status_code == 403


def test_anyone_answers_by_token_and_the_list_and_matching_follow(
    demand_survey, links, make_listing, supervisor, client_for, tree
):
    make_listing(places=10, domain="health", title="免费健康检查")
    anonymous = Client()
    other_phone = Client()  # a visitor answers a link once per device
    token = links["a"].token
    form = anonymous.get(f"{BASE}/s/{token}").json()
    assert form["enterprise"]["name"] == tree.enterprise_a.name
    first = form["questions"][0]
    assert "category" not in first["choices"][0]
    childcare = next(c["id"] for c in first["choices"] if c["text"] == "子女托管")
    health = next(c["id"] for c in first["choices"] if c["text"] == "免费健康检查")

    missing = _post(anonymous, f"{BASE}/s/{token}", {"answers": []})
    assert missing.status_code == 422 and f"q{first['id']}" in missing.json()["fields"]
    assert not Response.objects.exists()

    other_phone.get(f"{BASE}/s/{token}")
    for phone, picked in ((anonymous, childcare), (other_phone, health)):
        body = {"answers": [{"question_id": first["id"], "choice_ids": [picked]}]}
        assert _post(phone, f"{BASE}/s/{token}", body).status_code == 201
    assert Response.objects.filter(user__isnull=True).count() == 2

    staff = client_for(supervisor)
    rows = staff.get(f"{BASE}/surveys/{demand_survey.pk}/classification").json()
    assert {(row["category"], row["count"]) for row in rows} == {("子女托管", 1), ("health", 1)}
    matched = {row["category"]: row for row in staff.get(f"{BASE}/matching").json()}
    assert matched["子女托管"]["gap"] is True
    assert [row["title"] for row in matched["health"]["listings"]] == ["免费健康检查"]


def test_a_signed_api_answer_keeps_the_worker_and_only_once(links, worker, client_for):
    client = client_for(worker)
    question = links["a"].survey.questions.get(kind="single")
    body = {
        "answers": [{"question_id": question.pk, "choice_ids": [question.choices.first().pk]}],
        "signed": True,
    }
    assert _post(client, f"{BASE}/s/{links['a'].token}", body).status_code == 201
    assert Response.objects.get().user == worker
    again = _post(client, f"{BASE}/s/{links['b'].token}", body)
    assert (again.status_code, again.json()["code"]) == (409, "answered")
