"""The sweep closes each unrated answer, and reminds each passed 督办 deadline, in a
transaction of its own: a close counts the appeal into the tally row that a worker's rating
locks too, so a batch in one transaction would hold that lock from one appeal to the next
(a lock-order deadlock with a rating on PostgreSQL, every other writer waiting on SQLite).
What one item's failure undoes is that item alone."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yunjishi.appeals import services, supervision
from yunjishi.appeals.models import Appeal, ClosedTally, EventKind, Status, Supervision
from yunjishi.appeals.services import closing
from yunjishi.orgs.models import Org

from .conftest import local

MONDAY = local(2024, 3, 4, 9, 0)
WEEK_LATER = MONDAY + dt.timedelta(days=7)


@pytest.fixture
def three_answered(make_appeal, handler_a):
    with time_machine.travel(MONDAY, tick=False):
        return [
            services.resolve(handler_a, services.accept(handler_a, make_appeal()), "已处理。")
            for _n in range(3)
        ]


def test_a_failure_closing_one_appeal_leaves_those_closed_before_it_closed(
    three_answered, monkeypatch
):
    first, second, _third = three_answered
    real_move = closing._move

    def failing_on_the_second(appeal, *args, **kwargs):
        if appeal.pk == second.pk:
            raise RuntimeError("the database went away")
        return real_move(appeal, *args, **kwargs)

    monkeypatch.setattr(closing, "_move", failing_on_the_second)
    with time_machine.travel(WEEK_LATER, tick=False), pytest.raises(RuntimeError):
        services.close_unrated()
    statuses = dict(Appeal.objects.values_list("pk", "status"))
    assert statuses[first.pk] == Status.CLOSED
    assert statuses[second.pk] == Status.RESOLVED
    assert ClosedTally.objects.get().closed == 1


def test_an_appeal_moved_meanwhile_is_skipped_and_the_others_close(three_answered, monkeypatch):
    first, second, third = three_answered
    real_close = closing._close_one

    def rated_meanwhile(appeal, now):
        if appeal.pk == second.pk:  # the worker's rating got there first
            Appeal.objects.filter(pk=appeal.pk).update(status_changed_at=now)
        return real_close(appeal, now)

    monkeypatch.setattr(closing, "_close_one", rated_meanwhile)
    with time_machine.travel(WEEK_LATER, tick=False):
        assert services.close_unrated() == 2
    closed = set(Appeal.objects.filter(status=Status.CLOSED).values_list("pk", flat=True))
    assert closed == {first.pk, third.pk}
    assert not Appeal.objects.get(pk=second.pk).events.filter(kind=EventKind.AUTO_CLOSED).exists()


@pytest.fixture
def two_supervised(make_appeal, handler_a, supervisor):
    with time_machine.travel(MONDAY, tick=False):
        return [
            supervision.supervise(
                supervisor,
                services.accept(handler_a, make_appeal()),
                "请三日内拿出整改方案。",
                MONDAY + dt.timedelta(days=3),
            )
            for _n in range(2)
        ]


def test_a_failure_reminding_one_supervision_leaves_the_earlier_reminders_sent(
    two_supervised, monkeypatch
):
    first, second = two_supervised
    real_tell = supervision.tell

    def failing_on_the_second(people, appeal, *args, **kwargs):
        if appeal.pk == second.appeal_id:
            raise RuntimeError("the database went away")
        return real_tell(people, appeal, *args, **kwargs)

    monkeypatch.setattr(supervision, "tell", failing_on_the_second)
    with time_machine.travel(WEEK_LATER, tick=False), pytest.raises(RuntimeError):
        supervision.remind_supervisions()
    reminded = dict(Supervision.objects.values_list("pk", "reminded_at"))
    assert reminded[first.pk] is not None
    assert reminded[second.pk] is None


def test_reminding_reads_no_union_one_supervision_at_a_time(two_supervised):
    org_table = Org._meta.db_table
    with (
        time_machine.travel(WEEK_LATER, tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        assert supervision.remind_supervisions() > 0
    unions_alone = [q["sql"] for q in queries.captured_queries if f'FROM "{org_table}"' in q["sql"]]
    assert unions_alone == []
