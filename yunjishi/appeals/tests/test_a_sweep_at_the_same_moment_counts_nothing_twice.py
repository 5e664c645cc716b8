"""Two sweeps at the same instant (a frozen clock, or the same explicit ``now``): the second
writes history and notices for the appeals it tagged itself, never again for those the
first one tagged. One OVERDUE line per appeal, one e-mail per person and appeal."""

import datetime as dt
from collections import Counter

import time_machine

from yunjishi.appeals import sweep
from yunjishi.appeals.models import Appeal, Event, EventKind

from .conftest import local

NOON = local(2024, 3, 7, 12, 0)


def test_the_second_sweep_at_the_same_instant_tells_only_of_its_own_appeals(
    make_appeal, handler_a, tracker_a, supervisor, smtp_server, django_capture_on_commit_callbacks
):
    responsible = sorted([handler_a.email, tracker_a.email, supervisor.email])
    with time_machine.travel(NOON - dt.timedelta(hours=73), tick=False):
        first = make_appeal()
    with time_machine.travel(NOON, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep.sweep_overdue() == 3
        # one more appeal whose quiet period has ended while the clock stood still
        second = make_appeal(title="宿舍没有热水")
        Appeal.objects.filter(pk=second.pk).update(overdue_at=NOON - dt.timedelta(hours=1))
        smtp_server.envelopes.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep.sweep_overdue() == 3
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep.sweep_overdue(now=NOON) == 0

    for appeal in (first, second):
        assert Event.objects.filter(appeal=appeal, kind=EventKind.OVERDUE).count() == 1
    overdue_mail = [
        (e.rcpt_tos[0], subject)
        for e, subject in zip(smtp_server.envelopes, smtp_server.subjects(), strict=True)
        if subject.startswith("超期提醒：")
    ]
    assert sorted(to for to, _subject in overdue_mail) == responsible
    assert all("宿舍没有热水" in subject for _to, subject in overdue_mail)
    assert Counter(Appeal.objects.values_list("overdue_periods", flat=True)) == {1: 2}
