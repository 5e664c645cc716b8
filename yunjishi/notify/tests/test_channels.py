"""Channels are pluggable: one named in settings.NOTIFY_CHANNELS (SMS, WeChat) gets called,
and a channel that fails is retried without sending the others again."""

import pytest
from django.test import override_settings

from yunjishi.notify.channels import Channel, Skip
from yunjishi.notify.delivery import MAX_ATTEMPTS, DeliveryFailed, run_delivery
from yunjishi.notify.models import Delivery, DeliveryStatus, Notification
from yunjishi.notify.services import notify

HERE = __name__


class RecordingChannel(Channel):
    """Stands in for an SMS gateway: records what it was asked to send."""

    name = "sms"
    sent: list = []

    def send(self, notification):
        if not notification.user.phone:
            raise Skip("no phone")
        RecordingChannel.sent.append((notification.user.phone, notification.title))


class FlakyChannel(Channel):
    """Fails while ``failures_left`` is positive, then works."""

    name = "flaky"
    failures_left = 0
    calls = 0

    def send(self, notification):
        FlakyChannel.calls += 1
        if FlakyChannel.failures_left > 0:
            FlakyChannel.failures_left -= 1
            raise ConnectionError("gateway down")


class SkippingChannel(Channel):
    name = "wechat"

    def send(self, notification):
        raise Skip("not bound to WeChat")


CHANNELS = {
    "inbox": "yunjishi.notify.channels.InboxChannel",
    "email": "yunjishi.notify.channels.EmailChannel",
    "sms": f"{HERE}.RecordingChannel",
    "flaky": f"{HERE}.FlakyChannel",
    "wechat": f"{HERE}.SkippingChannel",
}


@pytest.fixture(autouse=True)
def channels():
    RecordingChannel.sent = []
    FlakyChannel.failures_left, FlakyChannel.calls = 0, 0
    with override_settings(NOTIFY_CHANNELS=CHANNELS):
        yield


def statuses(notification) -> dict[str, tuple[str, int]]:
    return {
        d.channel: (d.status, d.attempts)
        for d in Delivery.objects.filter(notification=notification)
    }


def test_a_channel_named_in_the_settings_is_called_by_the_background_task(
    worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(worker, "预约成功", channels=("inbox", "sms"))

    assert RecordingChannel.sent == [("13800000001", "预约成功")]
    assert statuses(notification) == {"inbox": ("sent", 1), "sms": ("sent", 1)}


def test_a_person_a_channel_cannot_reach_is_skipped_not_retried(worker):
    notification = notify(worker, "预约成功", channels=("inbox", "wechat"))

    assert run_delivery(notification.pk) == {"inbox": "sent", "wechat": "skipped"}
    assert run_delivery(notification.pk) == {}  # nothing left to do


def test_a_failing_channel_is_retried_and_the_others_are_not_sent_again(worker):
    FlakyChannel.failures_left = 1
    notification = notify(worker, "预约成功", channels=("sms", "flaky"))

    with pytest.raises(DeliveryFailed):
        run_delivery(notification.pk)

    assert statuses(notification) == {"sms": ("sent", 1), "flaky": ("pending", 1)}
    assert Delivery.objects.get(channel="flaky").detail == "ConnectionError"

    assert run_delivery(notification.pk) == {"flaky": "sent"}

    assert statuses(notification) == {"sms": ("sent", 1), "flaky": ("sent", 2)}
    assert RecordingChannel.sent == [("13800000001", "预约成功")]  # once, not twice
    assert FlakyChannel.calls == 2


def test_a_channel_that_keeps_failing_is_given_up_after_the_last_attempt(worker):
    FlakyChannel.failures_left = 100
    notification = notify(worker, "预约成功", channels=("inbox", "flaky"))

    for _ in range(MAX_ATTEMPTS - 1):
        with pytest.raises(DeliveryFailed):
            run_delivery(notification.pk)
    assert run_delivery(notification.pk) == {"flaky": DeliveryStatus.FAILED}

    assert statuses(notification) == {"inbox": ("sent", 1), "flaky": ("failed", MAX_ATTEMPTS)}
    assert run_delivery(notification.pk) == {}
    assert FlakyChannel.calls == MAX_ATTEMPTS


def test_the_background_task_retries_as_many_times_as_the_service_allows():
    from yunjishi.notify.tasks import deliver

    assert deliver.task_class.default_retries + 1 == MAX_ATTEMPTS


def test_an_unknown_channel_is_refused_when_sending_not_retried_later(worker):
    with pytest.raises(ValueError, match="pigeon"):
        notify(worker, "预约成功", channels=("inbox", "pigeon"))

    assert not Notification.objects.exists()
