import datetime as dt

import time_machine
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from yunjishi.membership import services, tasks
from yunjishi.membership.models import EventKind, JoinApplication
from yunjishi.membership.services.joining import _escalate
from yunjishi.notify.models import Notification

MONDAY_10AM = dt.datetime(2025, 3, 3, 2, 0, tzinfo=dt.UTC)
NEXT_MONDAY_11AM = dt.datetime(2025, 3, 10, 3, 0, tzinfo=dt.UTC)


def _apply_on_monday(newcomer, cleaner, area):
    with time_machine.travel(MONDAY_10AM, tick=False):
        return services.apply(newcomer, real_name="钱新人", occupation=cleaner, area=area)


def test_nothing_moves_before_the_deadline(newcomer, cleaner, tree):
    application = _apply_on_monday(newcomer, cleaner, tree.street_a)
    assert services.escalate_overdue(now=application.due_at - dt.timedelta(minutes=1)) == 0
    application.refresh_from_db()
    assert application.org == tree.street_a


def test_an_overdue_application_moves_to_the_parent_union(newcomer, cleaner, tree):
    application = _apply_on_monday(newcomer, cleaner, tree.street_a)
    with time_machine.travel(NEXT_MONDAY_11AM, tick=False):
        assert services.escalate_overdue() == 1
    application.refresh_from_db()
    assert application.org == tree.district
    assert application.escalations == 1
    assert application.due_at == dt.datetime(2025, 3, 17, 3, 0, tzinfo=dt.UTC)
    event = newcomer.membership_events.get(kind=EventKind.ESCALATED)
    assert (event.org, event.from_org) == (tree.district, tree.street_a)


def test_running_the_sweep_twice_escalates_once(newcomer, cleaner, tree, handler_a, supervisor):
    application = _apply_on_monday(newcomer, cleaner, tree.street_a)
    with time_machine.travel(NEXT_MONDAY_11AM, tick=False):
        services.escalate_overdue()
        assert services.escalate_overdue() == 0
    application.refresh_from_db()
    assert application.org == tree.district
    assert application.escalations == 1
    assert newcomer.membership_events.filter(kind=EventKind.ESCALATED).count() == 1
    assert Notification.objects.filter(user=newcomer, title__contains="上级").count() == 1


def test_a_stale_sweep_cannot_escalate_twice(newcomer, cleaner, tree):
    """Two sweeps that loaded the same row: the conditional update lets only one through."""
    application = _apply_on_monday(newcomer, cleaner, tree.street_a)
    stale = JoinApplication.objects.select_related("org", "applicant").get(pk=application.pk)
    assert _escalate(stale, tree.district, NEXT_MONDAY_11AM) == 1
    assert _escalate(stale, tree.district, NEXT_MONDAY_11AM) == 0


def test_it_keeps_climbing_while_nobody_decides(newcomer, cleaner, tree):
    application = _apply_on_monday(newcomer, cleaner, tree.street_a)
    for _ in range(3):
        application.refresh_from_db()
        services.escalate_overdue(now=application.due_at)
    application.refresh_from_db()
    assert application.org == tree.province
    assert application.escalations == 3


def test_at_the_root_it_stays_and_is_flagged_once(newcomer, cleaner, tree):
    application = _apply_on_monday(newcomer, cleaner, tree.street_a)
    JoinApplication.objects.filter(pk=application.pk).update(org=tree.national)
    services.escalate_overdue(now=NEXT_MONDAY_11AM)
    services.escalate_overdue(now=NEXT_MONDAY_11AM + dt.timedelta(hours=1))
    application.refresh_from_db()
    assert application.org == tree.national
    assert application.flagged_at == NEXT_MONDAY_11AM
    assert application.escalations == 0


def test_decided_applications_are_left_alone(newcomer, cleaner, tree, handler_a):
    application = _apply_on_monday(newcomer, cleaner, tree.street_a)
    services.approve(handler_a, application)
    assert services.escalate_overdue(now=NEXT_MONDAY_11AM) == 0


def test_the_sweep_runs_every_fifteen_minutes():
    def due(minute):
        return [task.name for task in HUEY.read_periodic(dt.datetime(2025, 3, 3, 10, minute))]

    name = "escalate_overdue_applications"
    assert tasks.escalate_overdue_applications.func.__name__ == name
    assert name in due(15) and name in due(45)
    assert name not in due(16)


def test_the_deadline_is_shown_to_both_sides(
    newcomer, cleaner, tree, handler_a, client_for, django_user_model
):
    _apply_on_monday(newcomer, cleaner, tree.street_a)
    expected = "请在2025-03-10 10:00之前处理"
    assert expected in client_for(newcomer).get(reverse("membership:home")).content.decode()
    assert expected in client_for(handler_a).get(reverse("membership:staff_queue")).content.decode()


def test_the_staff_queue_tags_overdue_applications(newcomer, cleaner, tree, handler_a, client_for):
    _apply_on_monday(newcomer, cleaner, tree.street_a)
    client = client_for(handler_a)
    with time_machine.travel(MONDAY_10AM + dt.timedelta(days=1)):
        assert "逾期" not in client.get(reverse("membership:staff_queue")).content.decode()
    with time_machine.travel(NEXT_MONDAY_11AM):
        assert "逾期" in client.get(reverse("membership:staff_queue")).content.decode()
