"""The state machine: 提交 → 受理 → 办理中 → 已办结 / 已解释 → rated → 已关闭, every move in
the history, moves that are not allowed refused, and two people acting at once."""

import datetime as dt

import pytest
import time_machine

from yunjishi.appeals import services
from yunjishi.appeals.models import Appeal, ClosedTally, Event, Rating, Status
from yunjishi.core.errors import Conflict, NotAllowed

from .conftest import local

MONDAY = local(2024, 3, 4, 9, 0)


def kinds(appeal) -> list[str]:
    return list(Event.objects.filter(appeal=appeal).values_list("kind", flat=True))


def test_every_step_is_in_the_history(make_appeal, worker, handler_a):
    appeal = make_appeal()
    appeal = services.accept(handler_a, appeal, "difficult")
    appeal = services.start(handler_a, appeal)
    appeal = services.resolve(handler_a, appeal, "不能改变菜谱，但已增加清淡窗口。", "explained")
    assert (appeal.status, appeal.outcome) == (Status.EXPLAINED, "explained")
    appeal = services.rate(worker, appeal, "basic")
    assert appeal.status == Status.CLOSED
    assert kinds(appeal) == [
        "submitted",
        "routed",
        "accepted",
        "started",
        "explained",
        "rated",
        "closed",
    ]
    moves = Event.objects.filter(appeal=appeal).exclude(to_status="")
    assert [(e.from_status, e.to_status) for e in moves] == [
        ("", "submitted"),
        ("submitted", "accepted"),
        ("accepted", "in_progress"),
        ("in_progress", "explained"),
        ("explained", "closed"),
    ]


def test_a_move_that_is_not_allowed_is_refused(make_appeal, worker, handler_a):
    appeal = make_appeal()
    with pytest.raises(Conflict):
        services.resolve(handler_a, appeal, "答复")  # not accepted yet
    with pytest.raises(Conflict):
        services.rate(worker, appeal, "satisfied")
    appeal = services.accept(handler_a, appeal)
    with pytest.raises(Conflict):
        services.accept(handler_a, appeal)


def test_only_staff_in_scope_handle_and_only_the_sender_rates(
    make_appeal, worker, other_worker, handler_a, handler_b
):
    appeal = make_appeal()
    with pytest.raises(NotAllowed):
        services.accept(handler_b, appeal)
    with pytest.raises(NotAllowed):
        services.accept(worker, appeal)
    appeal = services.resolve(handler_a, services.accept(handler_a, appeal), "已处理。")
    with pytest.raises(NotAllowed):
        services.rate(other_worker, appeal, "satisfied")
    with pytest.raises(NotAllowed):
        services.rate(handler_a, appeal, "satisfied")


def test_the_second_of_two_simultaneous_moves_is_told_someone_was_first(make_appeal, handler_a):
    appeal = make_appeal()
    stale = Appeal.objects.get(pk=appeal.pk)
    services.accept(handler_a, appeal)
    with pytest.raises(Conflict):
        services.accept(handler_a, stale)
    assert Event.objects.filter(appeal=appeal, kind="accepted").count() == 1


def test_unsatisfied_reopens_once_to_the_supervisor_then_closes(
    make_appeal, worker, handler_a, supervisor
):
    appeal = services.accept(handler_a, make_appeal())
    appeal = services.resolve(handler_a, appeal, "已经反馈给食堂。")
    appeal = services.rate(worker, appeal, "unsatisfied", "没有任何变化")
    assert (appeal.status, appeal.reopened, appeal.handler) == (
        Status.IN_PROGRESS,
        True,
        supervisor,
    )
    assert appeal.satisfaction == "" and appeal.outcome == ""
    # the supervisor (now its handler) answers; unsatisfied again closes it for good
    appeal = services.resolve(supervisor, appeal, "已约谈食堂承包商，限期整改。")
    appeal = services.rate(worker, appeal, "unsatisfied", "还是咸")
    assert (appeal.status, appeal.satisfaction) == (Status.CLOSED, "unsatisfied")
    assert list(Rating.objects.filter(appeal=appeal).values_list("round", "satisfaction")) == [
        (1, "unsatisfied"),
        (2, "unsatisfied"),
    ]
    assert "reopened" in kinds(appeal)


def test_an_answer_is_rated_once(make_appeal, worker, handler_a):
    appeal = services.resolve(handler_a, services.accept(handler_a, make_appeal()), "已处理。")
    stale = Appeal.objects.get(pk=appeal.pk)
    services.rate(worker, appeal, "satisfied")
    with pytest.raises(Conflict):
        services.rate(worker, stale, "satisfied")
    assert Rating.objects.count() == 1
    assert ClosedTally.objects.get().closed == 1


def test_an_answer_nobody_rates_closes_by_itself_after_a_week(make_appeal, handler_a):
    with time_machine.travel(MONDAY, tick=False):
        appeal = services.resolve(handler_a, services.accept(handler_a, make_appeal()), "已处理。")
    with time_machine.travel(MONDAY + dt.timedelta(days=6, hours=23), tick=False):
        assert services.close_unrated() == 0
    with time_machine.travel(MONDAY + dt.timedelta(days=7), tick=False):
        assert services.close_unrated() == 1
        assert services.close_unrated() == 0
    appeal.refresh_from_db()
    assert (appeal.status, appeal.satisfaction) == (Status.CLOSED, "")
    assert kinds(appeal)[-1] == "auto_closed"
    tally = ClosedTally.objects.get()
    assert (tally.closed, tally.satisfied + tally.basic + tally.unsatisfied) == (1, 0)


def test_handling_time_is_measured_from_submission(make_appeal, handler_a):
    with time_machine.travel(MONDAY, tick=False):
        appeal = make_appeal()
    with time_machine.travel(MONDAY + dt.timedelta(hours=30), tick=False):
        appeal = services.resolve(handler_a, services.accept(handler_a, appeal), "已处理。")
    assert appeal.handling_seconds == 30 * 3600
