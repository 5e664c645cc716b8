"""待补充: while the handler waits for the worker's answer the handling clock stops; the
deadline moves on by exactly the working time waited."""

import time_machine

from yunjishi.appeals import services
from yunjishi.appeals.models import Status
from yunjishi.notify.models import Notification

from .conftest import local


def test_the_deadline_moves_on_by_the_working_hours_waited(make_appeal, worker, handler_a):
    with time_machine.travel(local(2024, 3, 4, 10, 0), tick=False):  # Monday
        appeal = services.accept(handler_a, make_appeal())
        assert appeal.due_at == local(2024, 3, 13, 10, 0)
    with time_machine.travel(local(2024, 3, 5, 10, 0), tick=False):
        appeal = services.request_info(handler_a, appeal, "请提供具体是哪天的饭菜。")
        assert (appeal.status, appeal.paused_at, appeal.overdue_at) == (
            Status.NEEDS_INFO,
            local(2024, 3, 5, 10, 0),
            None,
        )
        assert Notification.objects.filter(user=worker, body__contains="哪天").exists()
    # the worker answers the next Monday: Tue–Fri = 4 working days (32 h) waited
    with time_machine.travel(local(2024, 3, 11, 10, 0), tick=False):
        appeal = services.answer_info(worker, appeal, "3月4日和5日的午饭。")
    assert appeal.status == Status.IN_PROGRESS and appeal.paused_at is None
    assert appeal.paused_hours == 32
    assert appeal.due_at == local(2024, 3, 19, 10, 0)  # four working days later than before
    assert Notification.objects.filter(user=handler_a, title__contains=appeal.tracking_number)


def test_only_the_sender_answers(make_appeal, other_worker, handler_a):
    import pytest

    from yunjishi.core.errors import NotAllowed

    appeal = services.request_info(handler_a, services.accept(handler_a, make_appeal()), "哪天？")
    with pytest.raises(NotAllowed):
        services.answer_info(other_worker, appeal, "不知道")
