"""A person's notifications are theirs alone: on the inbox page and over the API."""

import pytest

from yunjishi.notify.models import Notification
from yunjishi.notify.services import notify


@pytest.fixture
def messages(worker, other_worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mine = notify(worker, "王职工的通知", "给王职工")
        theirs = notify(other_worker, "赵职工的通知", "给赵职工")
    return mine, theirs


def test_the_inbox_page_lists_only_ones_own_notifications(client_for, worker, messages):
    page = client_for(worker).get("/inbox/").content.decode()

    assert "王职工的通知" in page
    assert "赵职工的通知" not in page


def test_staff_of_the_recipients_union_do_not_see_it_in_their_inbox(
    client_for, handler_a, admin_a, messages
):
    for staffer in (handler_a, admin_a):
        page = client_for(staffer).get("/inbox/").content.decode()
        assert "王职工的通知" not in page


def test_the_api_lists_only_ones_own_notifications(client_for, worker, messages):
    body = client_for(worker).get("/api/inbox/").json()

    assert [item["title"] for item in body["items"]] == ["王职工的通知"]
    assert body["unread"] == 1


def test_the_api_does_not_mark_another_persons_notification_read(client_for, worker, messages):
    _mine, theirs = messages

    response = client_for(worker).post(
        "/api/inbox/read", {"ids": [theirs.pk]}, content_type="application/json"
    )

    assert response.status_code == 200
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_api_marks_ones_own_notifications_read(client_for, worker, messages):
    mine, theirs = messages

    body = client_for(worker).post("/api/inbox/read", {}, content_type="application/json").json()

    assert body["unread"] == 0
    assert Notification.objects.get(pk=mine.pk).read_at is not None
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_the_inbox_api_needs_a_login(client, messages):
    response = client.get("/api/inbox/")

    assert response.status_code == 401
    assert set(response.json()) == {"code", "message", "fields"}
