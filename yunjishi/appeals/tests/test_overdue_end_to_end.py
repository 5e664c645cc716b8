"""The whole loop on a controlled clock: a worker's appeal reaches the street handler, goes
overdue after 72 quiet hours, and each responsible person gets exactly one e-mail (through
a real SMTP server) and one inbox notice; a second sweep sends nothing; the appeal is then
accepted, resolved, rated and closed."""

import datetime as dt

import time_machine

from yunjishi.appeals import services, stats, sweep
from yunjishi.appeals.models import Appeal, Event, EventKind, Status
from yunjishi.notify.models import Delivery, Notification

from .conftest import local

MONDAY_9AM = local(2024, 3, 4, 9, 0)
HOUR = dt.timedelta(hours=1)


def overdue_notices():
    return Notification.objects.filter(kind="appeals.overdue")


def test_an_appeal_goes_overdue_once_and_is_then_solved_rated_and_closed(
    make_appeal,
    worker,
    handler_a,
    tracker_a,
    supervisor,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    responsible = {handler_a.email, tracker_a.email, supervisor.email}
    with time_machine.travel(MONDAY_9AM, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            appeal = make_appeal()
        assert (appeal.handling_org.name, appeal.handler, appeal.tracker, appeal.supervisor) == (
            "A街道某公司工会",
            handler_a,
            tracker_a,
            supervisor,
        )
        # 待办: each responsible person is told on arrival, and the worker gets a number
        todo = Notification.objects.filter(kind="appeals.todo")
        assert sorted(todo.values_list("user__email", flat=True)) == sorted(responsible)
        assert {e.rcpt_tos[0] for e in smtp_server.envelopes} == responsible | {worker.email}
        smtp_server.envelopes.clear()

    with time_machine.travel(MONDAY_9AM + 71 * HOUR, tick=False):
        assert sweep.sweep_overdue() == 0

    with time_machine.travel(MONDAY_9AM + 72 * HOUR, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep.sweep_overdue() == 3
        appeal.refresh_from_db()
        assert appeal.overdue_since is not None and appeal.overdue_periods == 1
        assert sorted(e.rcpt_tos[0] for e in smtp_server.envelopes) == sorted(responsible)
        assert all(subject.startswith("超期提醒：") for subject in smtp_server.subjects())
        per_person = overdue_notices().values_list("user__email", flat=True)
        assert sorted(per_person) == sorted(responsible)
        assert set(
            Delivery.objects.filter(notification__kind="appeals.overdue").values_list(
                "channel", "status"
            )
        ) == {("inbox", "sent"), ("email", "sent")}
        assert Event.objects.filter(appeal=appeal, kind=EventKind.OVERDUE).count() == 1

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            assert sweep.sweep_overdue() == 0
        assert callbacks == []

    with time_machine.travel(MONDAY_9AM + 100 * HOUR, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep.sweep_overdue() == 0
        assert len(smtp_server.envelopes) == 3
        assert overdue_notices().count() == 3

        appeal = services.accept(handler_a, appeal, "normal")
        assert appeal.overdue_since is None  # a status change ends the overdue period
        appeal = services.start(handler_a, appeal)
        appeal = services.resolve(handler_a, appeal, "已与食堂沟通，本周起减少用盐。")
        assert appeal.status == Status.RESOLVED
        appeal = services.rate(worker, appeal, "satisfied", "口味好多了")

    assert appeal.status == Status.CLOSED and appeal.satisfaction == "satisfied"
    figures = stats.figures(appeal.handling_org)
    assert (figures["total"], figures["solved"], figures["completion_rate"]) == (1, 1, 100.0)
    assert (figures["overdue_rate"], figures["satisfaction_rate"]) == (100.0, 100.0)
    assert Appeal.objects.get(pk=appeal.pk).closed_at is not None


def test_a_new_quiet_period_after_a_status_change_is_told_again(
    make_appeal, handler_a, tracker_a, supervisor, django_capture_on_commit_callbacks
):
    with time_machine.travel(MONDAY_9AM, tick=False):
        appeal = make_appeal()
    with time_machine.travel(MONDAY_9AM + 72 * HOUR, tick=False):
        assert sweep.sweep_overdue() == 3
        appeal = services.accept(handler_a, Appeal.objects.get(pk=appeal.pk))
    with time_machine.travel(MONDAY_9AM + 143 * HOUR, tick=False):
        assert sweep.sweep_overdue() == 0
    with time_machine.travel(MONDAY_9AM + 144 * HOUR, tick=False):
        assert sweep.sweep_overdue() == 3
        assert sweep.sweep_overdue() == 0
    keys = set(overdue_notices().values_list("dedupe_key", flat=True))
    assert keys == {f"appeal:{appeal.pk}:overdue:1", f"appeal:{appeal.pk}:overdue:2"}


def test_the_clock_does_not_run_while_waiting_for_the_worker_or_for_a_rating(
    make_appeal, worker, handler_a
):
    with time_machine.travel(MONDAY_9AM, tick=False):
        appeal = services.accept(handler_a, make_appeal())
        appeal = services.request_info(handler_a, appeal, "请补充是哪个食堂。")
    with time_machine.travel(MONDAY_9AM + 200 * HOUR, tick=False):
        assert sweep.sweep_overdue() == 0
        appeal = services.answer_info(worker, Appeal.objects.get(pk=appeal.pk), "二号食堂。")
        appeal = services.resolve(handler_a, appeal, "已改进。")
    with time_machine.travel(MONDAY_9AM + 400 * HOUR, tick=False):
        assert sweep.sweep_overdue() == 0
