"""The staff home counts the open appeals due before midnight or overdue, in the staffer's
subtrees only; the worker home counts the worker's appeals that wait for them."""

import datetime as dt

import time_machine

from yunjishi.appeals import home, queries
from yunjishi.appeals.models import Appeal, Status

from .conftest import local

NOON = local(2025, 6, 10, 12, 0)


def due(appeal, moment, **fields):
    Appeal.objects.filter(pk=appeal.pk).update(due_at=moment, **fields)


@time_machine.travel(NOON, tick=False)
def test_it_counts_appeals_due_today_or_overdue_in_street_a_only(
    make_appeal, handler_a, handler_b, supervisor
):
    today = make_appeal(title="食堂今天到期")
    due(today, local(2025, 6, 10, 23, 30))
    overdue = make_appeal(title="宿舍已经超期")
    due(overdue, local(2025, 6, 20, 9, 0), overdue_since=NOON - dt.timedelta(hours=1))
    later = make_appeal(title="班车明天到期")
    due(later, local(2025, 6, 11, 0, 30))

    assert home.due_today_or_overdue(handler_a) == 2
    assert home.due_today_or_overdue(supervisor) == 2  # the district, above street A
    assert home.due_today_or_overdue(handler_b) == 0


@time_machine.travel(NOON, tick=False)
def test_it_leaves_out_solved_paused_and_own_appeals(make_appeal, handler_a, tree):
    solved = make_appeal(title="路灯已经办结")
    due(solved, NOON, status=Status.RESOLVED)
    paused = make_appeal(title="工资待补充材料")
    due(paused, NOON, status=Status.NEEDS_INFO, paused_at=NOON)
    own = make_appeal(user=handler_a, org=tree.enterprise_a, title="办理员自己的诉求")
    due(own, NOON)

    assert home.due_today_or_overdue(handler_a) == 0


@time_machine.travel(NOON, tick=False)
def test_it_counts_the_overdue_appeals_the_workbench_lists(
    make_appeal, handler_a, handler_b, tracker_a, supervisor, tree
):
    for appeal in (
        make_appeal(title="宿舍已经超期"),
        make_appeal(title="班车已经超期"),
        make_appeal(user=handler_a, org=tree.enterprise_a, title="办理员自己的诉求"),
    ):
        due(appeal, local(2025, 6, 20, 9, 0), overdue_since=NOON - dt.timedelta(hours=1))

    for staffer in (handler_a, handler_b, tracker_a, supervisor):
        listed = queries.queue_counts(staffer)["overdue"]
        assert home.due_today_or_overdue(staffer) == listed, staffer
    assert home.due_today_or_overdue(handler_a) == 2


def test_the_worker_counts_questions_to_answer_and_answers_to_rate(make_appeal, worker):
    asked, answered, waiting = make_appeal(), make_appeal(), make_appeal()
    Appeal.objects.filter(pk=asked.pk).update(status=Status.NEEDS_INFO)
    Appeal.objects.filter(pk=answered.pk).update(status=Status.RESOLVED)

    assert home.waiting_for_the_worker(worker) == 2
    assert waiting.status == Status.SUBMITTED


def test_the_staff_home_shows_the_count(make_appeal, handler_a, client_for):
    overdue = make_appeal()
    Appeal.objects.filter(pk=overdue.pk).update(overdue_since=overdue.submitted_at)

    page = client_for(handler_a).get("/staff/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "1 due today or overdue" in page
