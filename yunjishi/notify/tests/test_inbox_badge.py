"""A notification lands in the inbox and its count shows in the page header until read."""

import re

from yunjishi.notify.models import Delivery, Notification
from yunjishi.notify.services import notify


def badge(response) -> int:
    found = re.search(r'id="unread-count"[^>]*>\s*(\d+)\s*<', response.content.decode())
    assert found, "no unread badge in the page header"
    return int(found.group(1))


def test_a_notification_shows_in_the_inbox_and_in_the_header_badge(
    client_for, worker, django_capture_on_commit_callbacks
):
    client = client_for(worker)
    assert badge(client.get("/")) == 0

    with django_capture_on_commit_callbacks(execute=True):
        notify(worker, "入会申请已通过", "欢迎加入工会。", url="/membership/", kind="join")

    assert badge(client.get("/")) == 1
    inbox = client.get("/inbox/").content.decode()
    assert "入会申请已通过" in inbox
    assert "欢迎加入工会。" in inbox
    assert 'href="/membership/"' in inbox
    assert set(Delivery.objects.values_list("channel", "status")) == {
        ("inbox", "sent"),
        ("email", "sent"),
    }


def test_the_badge_counts_every_unread_notification(
    client_for, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            notify(worker, f"通知{n}")

    client = client_for(worker)
    assert badge(client.get("/")) == 3
    assert badge(client.get("/inbox/badge/")) == 3  # the fragment htmx refreshes


def test_marking_all_read_clears_the_badge(client_for, worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(worker, "会费提醒")
        notify(worker, "活动通知")
    client = client_for(worker)

    response = client.post("/inbox/read/")

    assert response.status_code == 302
    assert badge(client.get("/")) == 0
    assert not Notification.objects.filter(user=worker, read_at__isnull=True).exists()
    assert "会费提醒" in client.get("/inbox/").content.decode()  # read, not deleted


def test_marking_read_is_a_post(client_for, worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(worker, "会费提醒")
    client = client_for(worker)

    assert client.get("/inbox/read/").status_code == 405
    assert badge(client.get("/")) == 1


def test_a_visitor_sees_no_badge_and_the_inbox_asks_for_a_login(client, db):
    assert 'id="unread-count"' not in client.get("/").content.decode()
    response = client.get("/inbox/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_inbox_speaks_chinese(client_for, worker, django_capture_on_commit_callbacks):
    client = client_for(worker)
    assert "暂无消息。" in client.get("/inbox/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        notify(worker, "会费提醒")
    page = client.get("/inbox/").content.decode()

    assert "全部标为已读" in page
    assert "未读" in page
