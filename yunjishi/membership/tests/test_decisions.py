import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from stdnum import luhn

from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.membership import services
from yunjishi.membership.models import EventKind


def test_approval_makes_a_member_with_a_number_and_join_date(
    application, newcomer, handler_a, tree
):
    with time_machine.travel(dt.datetime(2025, 3, 4, 1, 0, tzinfo=dt.UTC)):
        services.approve(handler_a, application)
    profile = newcomer.member_profile
    profile.refresh_from_db()
    assert profile.membership_status == "member"
    assert profile.org == tree.street_a
    assert profile.joined_on == dt.date(2025, 3, 4)
    assert profile.occupation == application.occupation
    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("approved", handler_a)
    assert newcomer.membership_events.filter(kind=EventKind.JOINED, actor=handler_a).exists()


def test_the_number_has_the_province_code_and_a_check_digit(application, newcomer, handler_a):
    services.approve(handler_a, application)
    number = newcomer.member_profile.__class__.objects.get(user=newcomer).membership_number
    assert number.startswith("35")
    assert len(number) == 13
    assert luhn.is_valid(number)


def test_a_member_who_rejoins_keeps_their_number(application, newcomer, handler_a, cleaner, tree):
    services.approve(handler_a, application)
    number = newcomer.member_profile.__class__.objects.get(user=newcomer).membership_number
    services.leave(newcomer)
    again = services.apply(newcomer, real_name="钱新人", occupation=cleaner, area=tree.street_a)
    services.approve(handler_a, again)
    profile = newcomer.member_profile.__class__.objects.get(user=newcomer)
    assert (profile.membership_status, profile.membership_number) == ("member", number)


def test_decline_requires_a_reason(application, handler_a):
    with pytest.raises(ValidationError) as error:
        services.decline(handler_a, application, "  ")
    assert "reason" in error.value.message_dict
    application.refresh_from_db()
    assert application.status == "pending"


def test_decline_records_the_reason_and_frees_the_applicant(application, newcomer, handler_a):
    services.decline(handler_a, application, "不在本单位工作")
    application.refresh_from_db()
    assert (application.status, application.decline_reason) == ("declined", "不在本单位工作")
    newcomer.member_profile.refresh_from_db()
    assert newcomer.member_profile.membership_status == "none"
    assert newcomer.membership_events.get(kind=EventKind.DECLINED).note == "不在本单位工作"


def test_a_decided_application_cannot_be_decided_again(application, handler_a, admin_a):
    services.decline(handler_a, application, "材料不全")
    with pytest.raises(Conflict):
        services.approve(admin_a, application)


def test_staff_of_a_parent_union_may_decide(application, supervisor):
    services.approve(supervisor, application)
    application.refresh_from_db()
    assert application.status == "approved"


def test_nobody_decides_their_own_application(handler_a, cleaner, tree):
    own = services.apply(handler_a, real_name="甲办理员", occupation=cleaner, area=tree.street_a)
    with pytest.raises(NotAllowed):
        services.approve(handler_a, own)
