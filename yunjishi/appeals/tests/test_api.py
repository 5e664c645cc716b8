"""The appeal loop over the API, with a token as the mini-program would: submit, accept,
ask, answer, resolve, rate; the error shape for refusals; the schema lists it all."""

import pytest

from yunjishi.appeals.models import Appeal
from yunjishi.people.services import issue_token


def call(client, method, path, token, data=None):
    return getattr(client, method)(
        path,
        data if data is not None else {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


@pytest.fixture
def tokens(worker, handler_a):
    return {"worker": issue_token(worker), "handler": issue_token(handler_a)}


def test_the_whole_loop_over_the_api(client, tokens, logistics, tree):
    w, h = tokens["worker"], tokens["handler"]
    assert [c["name"] for c in call(client, "get", "/api/appeals/categories", w).json()] == [
        "劳动纠纷",
        "工资待遇",
        "后勤保障",
        "安全生产",
        "生活困难",
        "意见建议",
    ]
    created = call(
        client,
        "post",
        "/api/appeals",
        w,
        {
            "category_id": logistics.pk,
            "title": "宿舍楼电梯经常故障",
            "text": "三号宿舍楼电梯一周坏了三次，上下班很不方便，担心安全。",
            "anonymous": True,
        },
    )
    assert created.status_code == 201, created.content
    appeal = created.json()
    assert appeal["tracking_number"].startswith("SQ") and appeal["mine"] is True
    pk = appeal["id"]

    todo = call(client, "get", "/api/appeals/staff/appeals", h, None).json()
    assert [item["id"] for item in todo["items"]] == [pk]
    assert todo["items"][0]["submitter"] in ("匿名职工", "Anonymous worker")

    base = f"/api/appeals/staff/appeals/{pk}"
    assert (
        call(client, "post", f"{base}/accept", h, {"complexity": "difficult"}).json()["status"]
        == "accepted"
    )
    asked = call(client, "post", f"{base}/ask", h, {"question": "是几号楼？"}).json()
    assert asked["status"] == "needs_info" and asked["clock_paused"] is True
    answered = call(client, "post", f"/api/appeals/{pk}/answer", w, {"text": "三号楼。"}).json()
    assert answered["status"] == "in_progress"
    resolved = call(client, "post", f"{base}/resolve", h, {"answer": "已联系物业检修电梯。"})
    assert resolved.json()["status"] == "resolved"
    rated = call(client, "post", f"/api/appeals/{pk}/rate", w, {"satisfaction": "satisfied"})
    assert rated.json()["status"] == "closed"
    events = [e["kind"] for e in call(client, "get", f"/api/appeals/{pk}", w).json()["events"]]
    assert events[-1] == "closed" and "info_given" in events


def test_refusals_have_the_api_error_shape(client, tokens, make_appeal):
    appeal = make_appeal()
    h = tokens["handler"]
    wrong = call(
        client, "post", f"/api/appeals/staff/appeals/{appeal.pk}/resolve", h, {"answer": "x"}
    )
    assert wrong.status_code == 409 and wrong.json()["code"] == "illegal_transition"
    missing = call(
        client, "post", f"/api/appeals/staff/appeals/{appeal.pk}/reassign", h, {"org_id": 1}
    )
    assert missing.status_code == 422 and "reason" in missing.json()["fields"]
    bad = call(
        client,
        "post",
        "/api/appeals",
        tokens["worker"],
        {"category_id": 999999, "title": "x", "text": "y"},
    )
    assert bad.status_code == 422 and set(bad.json()["fields"]) >= {"title", "text", "category"}
    assert Appeal.objects.count() == 1


def test_bulk_over_the_api(client, tokens, make_appeal):
    first, second = make_appeal(), make_appeal(title="第二个诉求标题")
    answer = call(
        client,
        "post",
        "/api/appeals/staff/bulk",
        tokens["handler"],
        {"action": "accept", "ids": [first.pk, second.pk]},
    ).json()
    assert sorted(answer["done"]) == [first.pk, second.pk] and answer["refused"] == {}
    again = call(
        client,
        "post",
        "/api/appeals/staff/bulk",
        tokens["handler"],
        {"action": "accept", "ids": [first.pk]},
    ).json()
    assert again["done"] == [] and list(again["refused"]) == [str(first.pk)]


def test_the_schema_lists_the_appeal_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/appeals",
        "/api/appeals/{pk}/rate",
        "/api/appeals/staff/appeals",
        "/api/appeals/staff/appeals/{pk}/reassign",
        "/api/appeals/staff/stats",
        "/api/appeals/public/{code}",
    ):
        assert path in paths
