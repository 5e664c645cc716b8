"""Handing an appeal to another department (with a reason; deadlines recomputed and the
history says so) and merging duplicates (their senders follow the one kept)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from yunjishi.appeals import services
from yunjishi.appeals.models import Event, Follower, Status
from yunjishi.notify.models import Notification

from .conftest import local, staff

MONDAY = local(2024, 3, 4, 10, 0)


def test_a_reassigned_appeal_gets_new_deadlines_and_the_history_says_so(
    make_appeal, handler_a, tree
):
    with time_machine.travel(MONDAY, tick=False):
        appeal = services.accept(handler_a, make_appeal(), "normal")
    assert appeal.due_at == local(2024, 3, 13, 10, 0)
    sibling = staff("13900000021", "后勤办理员", tree.street_a, "handler")
    with time_machine.travel(MONDAY + dt.timedelta(days=2), tick=False):  # Wednesday
        appeal = services.reassign(handler_a, appeal, tree.street_a, "属于街道后勤管理范围")
    assert (appeal.status, appeal.handling_org) == (Status.SUBMITTED, tree.street_a)
    assert appeal.handler in (handler_a, sibling)
    assert appeal.due_at == local(2024, 3, 15, 10, 0)
    assert appeal.accept_due_at == local(2024, 3, 7, 10, 0)
    note = Event.objects.get(appeal=appeal, kind="reassigned").note
    assert "属于街道后勤管理范围" in note
    assert "2024-03-13 10:00" in note and "2024-03-15 10:00" in note
    assert "A街道某公司工会" in note and "街道A总工会" in note


def test_a_reason_is_required_and_the_target_must_be_reachable(make_appeal, handler_a, tree):
    appeal = make_appeal()
    with pytest.raises(ValidationError):
        services.reassign(handler_a, appeal, tree.street_a, "  ")
    with pytest.raises(ValidationError):
        services.reassign(handler_a, appeal, tree.enterprise_b, "不归我们管")


def test_the_new_unit_is_told_and_the_old_one_loses_it(make_appeal, handler_a, handler_b, tree):
    appeal = make_appeal()
    # street A's handler may hand it to a unit beside street A's enterprise: not street B
    with pytest.raises(ValidationError):
        services.reassign(handler_a, appeal, tree.street_b, "乙街道负责")
    district_admin = staff("13900000022", "区管理员", tree.district, "org_admin")
    appeal = services.reassign(district_admin, appeal, tree.enterprise_b, "应由乙公司处理")
    assert appeal.handler == handler_b
    assert Notification.objects.filter(user=handler_b, kind="appeals.todo").exists()
    assert not services.is_staff_for(handler_a, appeal)


def test_a_duplicate_is_merged_and_its_sender_follows_the_original(
    make_appeal, worker, other_worker, handler_a, tree
):
    original = make_appeal()
    from yunjishi.people.models import MemberProfile

    MemberProfile.objects.filter(user=other_worker).update(org=tree.enterprise_a)
    duplicate = make_appeal(user=other_worker, title="食堂的菜太咸了")
    duplicate = services.merge(handler_a, duplicate, original)
    assert (duplicate.status, duplicate.merged_into) == (Status.MERGED, original)
    assert Follower.objects.filter(appeal=original, user=other_worker).exists()
    assert Event.objects.filter(appeal=original, kind="merged_in").exists()
    with pytest.raises(ValidationError):
        services.merge(handler_a, original, original)
    # the follower hears of the answer
    original = services.resolve(handler_a, services.accept(handler_a, original), "已改进。")
    assert Notification.objects.filter(user=other_worker, kind="appeals.follow").exists()
