"""Delivery through real Huey queues: SQLite storage (the default) and Redis (REDIS_URL).

The test suite runs Huey in immediate mode; here each test builds its own queue, puts the
real delivery task on it, and plays the consumer: dequeue, execute.
"""

import datetime as dt
import os
import socket
import uuid

import pytest
from django.core import mail
from django.test import override_settings
from huey import RedisHuey, SqliteHuey

from yunjishi.notify import tasks
from yunjishi.notify.models import Delivery
from yunjishi.notify.services import notify

FLAKY = "yunjishi.notify.tests.test_huey_queues.FailOnce"


class FailOnce:
    failed = False

    def send(self, notification):
        if not FailOnce.failed:
            FailOnce.failed = True
            raise ConnectionError("gateway down")


def redis_url() -> str:
    url = os.environ.get("REDIS_TEST_URL")
    if url:
        return url  # make test sets it: never skip then
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis: set REDIS_TEST_URL or run one on 127.0.0.1:6379")
    return "redis://127.0.0.1:6379/15"


@pytest.fixture(params=["sqlite", "redis"])
def queue(request, tmp_path, monkeypatch):
    """A real Huey queue (not immediate) carrying the real delivery task."""
    name = f"yunjishi-test-{uuid.uuid4().hex}"
    if request.param == "sqlite":
        huey = SqliteHuey(name=name, filename=str(tmp_path / "huey.sqlite3"))
    else:
        huey = RedisHuey(name=name, url=redis_url(), blocking=False)
    retries = tasks.deliver.task_class.default_retries
    delay = tasks.deliver.task_class.default_retry_delay
    deliver = huey.task(retries=retries, retry_delay=delay, name="deliver")(
        tasks.deliver.call_local
    )
    monkeypatch.setattr(tasks, "deliver", deliver)
    assert not huey.immediate
    yield huey
    huey.flush()


def statuses():
    return dict(Delivery.objects.values_list("channel", "status"))


def test_a_notification_waits_in_the_queue_until_a_worker_runs_it(
    queue, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(worker, "会员日活动", "本周六会员日，凭会员证享优惠。")

    assert queue.pending_count() == 1
    assert statuses() == {"inbox": "pending", "email": "pending"}
    assert mail.outbox == []

    task = queue.dequeue()
    queue.execute(task)

    assert queue.pending_count() == 0
    assert statuses() == {"inbox": "sent", "email": "sent"}
    assert [m.subject for m in mail.outbox] == ["会员日活动"]


def test_nothing_is_queued_when_the_transaction_rolls_back(
    queue, worker, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(worker, "会员日活动")
                raise RuntimeError("the surrounding work failed")
        except RuntimeError:
            pass

    assert queue.pending_count() == 0


def test_a_failed_delivery_is_scheduled_again_and_then_sent(
    queue, worker, django_capture_on_commit_callbacks
):
    FailOnce.failed = False
    channels = {"inbox": "yunjishi.notify.channels.InboxChannel", "sms": FLAKY}
    with override_settings(NOTIFY_CHANNELS=channels):
        with django_capture_on_commit_callbacks(execute=True):
            notify(worker, "预约成功", channels=("inbox", "sms"))

        queue.execute(queue.dequeue())

        assert statuses() == {"inbox": "sent", "sms": "pending"}
        assert queue.pending_count() == 0
        assert queue.scheduled_count() == 1
        later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=2)
        (retry,) = queue.read_schedule(later)
        queue.execute(retry, timestamp=later)

    assert statuses() == {"inbox": "sent", "sms": "sent"}
    assert Delivery.objects.get(channel="sms").attempts == 2
    assert Delivery.objects.get(channel="inbox").attempts == 1
