"""The API covers the whole loop: a representative submits, staff decide, assign, answer
and check, the representative rates; errors come back as {code, message, fields}."""

from yunjishi.proposals.models import Proposal


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_the_whole_loop_over_the_api(
    representative, admin_a, handler_a, supervisor, tree, client_for
):
    rep = client_for(representative)
    orgs = rep.get("/api/proposals/orgs").json()
    assert tree.street_a.pk in [org["id"] for org in orgs]
    created = post(
        rep,
        "/api/proposals/",
        {
            "title": "关于共享司机之家的提案",
            "text": "建设司机之家",
            "category": "living",
            "org_id": tree.street_a.pk,
        },
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["status"] == "submitted" and len(created.json()["events"]) == 1

    base = f"/api/proposals/staff/proposals/{pk}"
    admin = client_for(admin_a)
    queue = admin.get("/api/proposals/staff/review").json()
    assert [item["id"] for item in queue["items"]] == [pk]
    assert queue["items"][0]["representative"]["name"] == "王职工"
    assert post(admin, f"{base}/review", {"note": "上会"}).json()["status"] == "reviewing"
    assert post(admin, f"{base}/accept").json()["status"] == "accepted"
    assigned = post(
        admin, f"{base}/assign", {"handling_org_id": tree.enterprise_a.pk, "department": "交通局"}
    )
    assert assigned.json()["status"] == "handling"
    handler = client_for(handler_a)
    assert [
        item["id"] for item in handler.get("/api/proposals/staff/handling").json()["items"]
    ] == [pk]
    assert post(handler, f"{base}/answer", {"answer": "已建成"}).json()["status"] == "supervision"
    checked = post(client_for(supervisor), f"{base}/check", {"passed": True, "note": "核实"})
    assert checked.json()["status"] == "feedback"

    rep = client_for(representative)
    rated = post(rep, f"/api/proposals/{pk}/rate", {"rating": "satisfied", "comment": "好"})
    assert rated.status_code == 200
    body = rated.json()
    assert body["status"] == "closed" and body["rating_label"]
    assert [e["to_status"] for e in body["events"]] == [
        "submitted",
        "reviewing",
        "accepted",
        "handling",
        "supervision",
        "feedback",
        "closed",
    ]
    assert rep.get("/api/proposals/mine").json()["count"] == 1


def test_refusals_come_back_in_one_shape(
    make_proposal, walk, representative, admin_a, tree, client_for
):
    rep = client_for(representative)
    bad = post(rep, "/api/proposals/", {"title": "", "text": "", "category": "nope"})
    assert bad.status_code == 422
    assert {"title", "text", "category"} <= set(bad.json()["fields"])
    elsewhere = post(
        rep,
        "/api/proposals/",
        {"title": "t", "text": "x", "category": "other", "org_id": tree.street_b.pk},
    )
    assert elsewhere.status_code == 422 and "org" in elsewhere.json()["fields"]
    assert (
        post(
            rep,
            "/api/proposals/",
            {"title": "t", "text": "x", "category": "other", "org_id": 999999},
        ).status_code
        == 422
    )

    proposal = make_proposal()
    admin = client_for(admin_a)
    illegal = post(admin, f"/api/proposals/staff/proposals/{proposal.pk}/accept")
    assert illegal.status_code == 409 and illegal.json()["code"] == "illegal_transition"
    proposal = walk(proposal, "reviewing")
    no_reason = post(admin, f"/api/proposals/staff/proposals/{proposal.pk}/decline", {"reason": ""})
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["fields"]
    assert Proposal.objects.get(pk=proposal.pk).status == "reviewing"
    assert admin.get("/api/proposals/staff/proposals?status=nope").status_code == 422


def test_suggestions_and_visits_over_the_api(representative, handler_a, client_for):
    rep = client_for(representative)
    created = post(
        rep, "/api/proposals/suggestions", {"title": "饮水点", "text": "增设", "category": "safety"}
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    handler = client_for(handler_a)
    assert handler.get("/api/proposals/staff/suggestions").json()["count"] == 1
    post(handler, f"/api/proposals/staff/suggestions/{pk}/take-up")
    resolved = post(handler, f"/api/proposals/staff/suggestions/{pk}/resolve", {"reply": "已增设"})
    assert resolved.json()["status"] == "resolved"
    rep = client_for(representative)  # one test client: log the representative back in
    assert rep.get(f"/api/proposals/suggestions/{pk}").json()["reply"] == "已增设"
    from django.utils import timezone

    visit = post(
        rep,
        "/api/proposals/visits",
        {
            "person_name": "小夏",
            "person_situation": "困难",
            "notes": "家访",
            "visited_on": timezone.localdate().isoformat(),
            "follow_up": "修房",
        },
    )
    assert visit.status_code == 201 and visit.json()["follow_up_status"] == "open"
    done = post(rep, f"/api/proposals/visits/{visit.json()['id']}/follow-up", {"note": "已修"})
    assert done.json()["follow_up_status"] == "done"
    report = rep.get("/api/proposals/report").json()
    assert report["counts"]["suggestions_submitted"] == 1 and report["counts"]["visits"] == 1
