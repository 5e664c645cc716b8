"""A notice is written inside the transaction of the change it tells of: if it cannot be
written, the change does not happen either; if the change rolls back, nobody is told; and
it is delivered only once the change has committed."""

import pytest

from yunjishi.appeals import telling
from yunjishi.appeals.models import Appeal, Event, EventKind, Status
from yunjishi.appeals.services import handling
from yunjishi.notify.models import Notification


def accepted_notices():
    return Notification.objects.filter(kind="appeals.worker", dedupe_key__contains=":accepted:")


def test_an_acceptance_whose_notice_cannot_be_written_does_not_happen(
    make_appeal, handler_a, monkeypatch
):
    appeal = make_appeal()

    def broken(*args, **kwargs):
        raise RuntimeError("the notification table is unavailable")

    monkeypatch.setattr(telling, "notify_many", broken)
    with pytest.raises(RuntimeError):
        handling.accept(handler_a, appeal)
    appeal.refresh_from_db()
    assert appeal.status == Status.SUBMITTED
    assert not Event.objects.filter(appeal=appeal, kind=EventKind.ACCEPTED).exists()


def test_an_acceptance_that_rolls_back_tells_nobody(make_appeal, handler_a, monkeypatch):
    appeal = make_appeal()
    tell_worker = handling.tell_worker

    def tell_then_fail(*args, **kwargs):
        tell_worker(*args, **kwargs)
        assert accepted_notices().exists()  # written, inside the transaction
        raise RuntimeError("something after the notice failed")

    monkeypatch.setattr(handling, "tell_worker", tell_then_fail)
    with pytest.raises(RuntimeError):
        handling.accept(handler_a, appeal)
    assert not accepted_notices().exists()
    assert Appeal.objects.get(pk=appeal.pk).status == Status.SUBMITTED


def test_the_notice_of_an_acceptance_is_delivered_once_it_commits(
    make_appeal, handler_a, django_capture_on_commit_callbacks
):
    appeal = make_appeal()
    with django_capture_on_commit_callbacks() as delivered_on_commit:
        handling.accept(handler_a, appeal)
    assert accepted_notices().count() == 1
    assert len(delivered_on_commit) == 1  # the worker's notice, queued for the commit
