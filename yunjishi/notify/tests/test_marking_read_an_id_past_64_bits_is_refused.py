"""``POST /api/inbox/read {"ids": [9223372036854775808]}`` was a server error for any
logged-in user (the id reached ``pk__in``, which the database cannot hold): now a 422 that
names the field, and nothing is marked read."""

import json

import pytest

from yunjishi.core.testing import assert_error
from yunjishi.notify.models import Notification
from yunjishi.notify.services import notify


def read(client, body):
    return client.post("/api/inbox/read", json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("bad", [2**63, 2**70, 0, -1, True, "1", 1.5])
def test_an_id_the_database_cannot_hold_is_refused_and_nothing_is_read(bad, worker, client_for):
    notify(worker, "测试通知")

    response = read(client_for(worker), {"ids": [bad]})

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == ["ids.0"]
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_the_largest_id_is_answered_as_none_of_mine(worker, client_for):
    notify(worker, "测试通知")

    response = read(client_for(worker), {"ids": [2**63 - 1]})

    assert response.status_code == 200
    assert response.json()["unread"] == 1
