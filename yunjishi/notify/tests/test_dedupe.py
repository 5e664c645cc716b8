"""A sender that may run twice gives a dedupe key: the second notify is a no-op."""

from django.core import mail

from yunjishi.notify.models import Delivery, Notification
from yunjishi.notify.services import notify, notify_many


def test_a_second_notify_with_the_same_key_does_nothing(worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(worker, "申请即将超时", dedupe_key="join-overdue:42")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = notify(worker, "申请即将超时", dedupe_key="join-overdue:42")

    assert first is not None
    assert second is None
    assert callbacks == []  # nothing queued for delivery
    assert Notification.objects.filter(user=worker).count() == 1
    assert Delivery.objects.count() == 2
    assert len(mail.outbox) == 1


def test_the_same_key_for_another_person_still_notifies_them(
    worker, other_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = notify_many(
            [worker, other_worker, worker], "活动报名开始", dedupe_key="event-open:7"
        )

    assert [n.user for n in sent] == [worker, other_worker]
    assert Notification.objects.count() == 2


def test_a_duplicate_inside_a_larger_transaction_does_not_break_it(
    worker, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(worker, "提醒", dedupe_key="k")
        assert notify(worker, "提醒", dedupe_key="k") is None
        notify(worker, "另一条提醒")  # the transaction is still usable

    assert Notification.objects.filter(user=worker).count() == 2


def test_without_a_key_every_call_notifies(worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(worker, "提醒")
        notify(worker, "提醒")

    assert Notification.objects.filter(user=worker).count() == 2
