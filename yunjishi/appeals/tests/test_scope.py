"""A handler sees only their subtree: handler_b (street B) sees nothing of street A's
appeals through the pages, the API, the export or the admin; workers see only their own."""

import pytest
from django.urls import reverse

from yunjishi.appeals import following

from .test_photos import png_with_text


@pytest.fixture
def appeal_a(make_appeal):
    return make_appeal(title="A街道食堂饭菜太咸")


STAFF_ACTIONS = ("accept", "start", "ask", "resolve", "reassign", "merge", "supervise", "reveal")


def test_street_b_sees_nothing_of_street_a_on_the_pages(appeal_a, handler_b, client_for):
    client = client_for(handler_b)
    for queue in ("todo", "in_progress", "overdue", "supervised", "solved", "all"):
        page = client.get(reverse("appeals:staff_home"), {"queue": queue}).content.decode()
        assert appeal_a.title not in page and appeal_a.tracking_number not in page
    assert client.get(reverse("appeals:staff_detail", args=[appeal_a.pk])).status_code == 404
    for name in STAFF_ACTIONS:
        response = client.post(
            reverse("appeals:staff_action", args=[appeal_a.pk, name]),
            {"complexity": "normal", "question": "?", "answer": "x", "reason": "x" * 10},
        )
        assert response.status_code == 404
    client.post(reverse("appeals:staff_bulk"), {"action": "accept", "ids": [appeal_a.pk]})
    board = client.get(reverse("appeals:staff_board")).content.decode()
    assert appeal_a.title not in board
    export = client.get(reverse("appeals:staff_export"), {"queue": "all"})
    assert appeal_a.title.encode() not in export.content
    appeal_a.refresh_from_db()
    assert appeal_a.status == "submitted"


def test_street_a_sees_it(appeal_a, handler_a, client_for):
    client = client_for(handler_a)
    assert appeal_a.title in client.get(reverse("appeals:staff_home")).content.decode()
    assert client.get(reverse("appeals:staff_detail", args=[appeal_a.pk])).status_code == 200


def test_street_b_sees_nothing_of_street_a_over_the_api(appeal_a, handler_b, client_for):
    client = client_for(handler_b)
    for queue in ("todo", "all"):
        data = client.get("/api/appeals/staff/appeals", {"queue": queue}).json()
        assert data["count"] == 0
    assert client.get(f"/api/appeals/staff/appeals/{appeal_a.pk}").status_code == 404
    assert client.get(f"/api/appeals/{appeal_a.pk}").status_code == 404
    response = client.post(
        f"/api/appeals/staff/appeals/{appeal_a.pk}/accept", {}, content_type="application/json"
    )
    assert response.status_code == 404
    bulk = client.post(
        "/api/appeals/staff/bulk",
        {"action": "accept", "ids": [appeal_a.pk]},
        content_type="application/json",
    ).json()
    assert bulk == {"done": [], "refused": {}}
    assert client.get("/api/appeals/staff/counts").json()["all"] == 0
    assert client.get("/api/appeals/staff/supervisions").json() == []


def test_street_b_cannot_read_statistics_of_street_a(appeal_a, handler_b, tree, client_for):
    client = client_for(handler_b)
    assert client.get("/api/appeals/staff/stats", {"org_id": tree.street_a.pk}).status_code == 404
    response = client.get(reverse("appeals:staff_stats"), {"org": tree.street_a.pk})
    assert response.status_code == 404


def test_street_b_sees_nothing_of_street_a_in_the_admin(appeal_a, handler_b, client_for):
    client = client_for(handler_b)
    listing = client.get(reverse("admin:appeals_appeal_changelist")).content.decode()
    assert appeal_a.tracking_number not in listing
    change = client.get(reverse("admin:appeals_appeal_change", args=[appeal_a.pk]))
    assert change.status_code in (302, 403, 404)


def test_the_admin_shows_it_to_street_a_read_only(appeal_a, handler_a, client_for):
    client = client_for(handler_a)
    assert (
        appeal_a.tracking_number
        in client.get(reverse("admin:appeals_appeal_changelist")).content.decode()
    )
    assert client.get(reverse("admin:appeals_appeal_add")).status_code == 403


def test_another_worker_can_neither_read_nor_act_on_the_appeal(appeal_a, other_worker, client_for):
    client = client_for(other_worker)
    assert client.get(reverse("appeals:detail", args=[appeal_a.pk])).status_code == 404
    for name in ("rate", "answer", "unfollow"):
        assert client.post(reverse(f"appeals:{name}", args=[appeal_a.pk])).status_code == 404
    assert client.get(f"/api/appeals/{appeal_a.pk}").status_code == 404
    assert client.get("/api/appeals").json()["count"] == 0
    assert client.get(reverse("appeals:staff_home")).status_code == 403
    assert client.get("/api/appeals/staff/appeals").status_code == 403


def test_a_photo_is_served_to_the_sender_and_to_street_a_only(
    make_appeal, worker, handler_a, handler_b, other_worker, client_for, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    png = png_with_text()
    appeal = make_appeal(photos=[SimpleUploadedFile("a.png", png, "image/png")])
    url = reverse("appeals:photo", args=[appeal.pk, appeal.photos.get().pk])
    assert client_for(worker).get(url).status_code == 200
    assert client_for(handler_a).get(url).status_code == 200
    assert client_for(handler_b).get(url).status_code == 404
    assert client_for(other_worker).get(url).status_code == 404
    # a follower reads the outcome, not the sender's photos
    from yunjishi.people.models import MemberProfile

    MemberProfile.objects.filter(user=other_worker).update(org=appeal.org)
    following.follow(other_worker, appeal)
    assert client_for(other_worker).get(url).status_code == 404
