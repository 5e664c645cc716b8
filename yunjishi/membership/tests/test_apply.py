import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from yunjishi.core.errors import Conflict
from yunjishi.membership import services
from yunjishi.membership.models import EventKind, JoinApplication, RouteReason

MONDAY_10AM = dt.datetime(2025, 3, 3, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai


def test_it_files_the_application_with_its_union_and_deadline(newcomer, cleaner, tree):
    with time_machine.travel(MONDAY_10AM, tick=False):
        application = services.apply(
            newcomer,
            real_name=" 钱新人 ",
            occupation=cleaner,
            area=tree.street_b,
            employer_name="甲公司",
        )
    assert application.org == tree.enterprise_a
    assert application.routed_by == RouteReason.EMPLOYER
    assert application.real_name == "钱新人"
    # five working days later, same time of day
    assert application.due_at == dt.datetime(2025, 3, 10, 2, 0, tzinfo=dt.UTC)


def test_it_marks_the_profile_applied_and_logs_it(application, newcomer):
    newcomer.member_profile.refresh_from_db()
    assert newcomer.member_profile.membership_status == "applied"
    assert list(newcomer.membership_events.values_list("kind", flat=True)) == [EventKind.APPLIED]


def test_a_member_cannot_apply_again(worker, cleaner, tree):
    with pytest.raises(Conflict) as error:
        services.apply(worker, real_name="王职工", occupation=cleaner, area=tree.street_a)
    assert error.value.code == "already_member"


def test_a_second_pending_application_is_refused(application, newcomer, cleaner, tree):
    with pytest.raises(Conflict):
        services.apply(newcomer, real_name="钱新人", occupation=cleaner, area=tree.street_b)
    assert JoinApplication.objects.filter(applicant=newcomer).count() == 1


def test_it_lists_every_bad_field_at_once(newcomer, tree):
    with pytest.raises(ValidationError) as error:
        services.apply(
            newcomer, real_name=" ", occupation=None, area=tree.enterprise_a, credit_code="123"
        )
    assert set(error.value.message_dict) == {"real_name", "occupation", "area", "credit_code"}
    assert not JoinApplication.objects.exists()


def test_an_inactive_area_is_refused(newcomer, cleaner, tree):
    tree.street_b.is_active = False
    tree.street_b.save()
    with pytest.raises(ValidationError) as error:
        services.apply(newcomer, real_name="钱新人", occupation=cleaner, area=tree.street_b)
    assert "area" in error.value.message_dict


def test_the_applicant_can_withdraw_and_apply_again(application, newcomer, cleaner, tree):
    services.withdraw(newcomer, application)
    application.refresh_from_db()
    assert application.status == "withdrawn"
    newcomer.member_profile.refresh_from_db()
    assert newcomer.member_profile.membership_status == "none"
    services.apply(newcomer, real_name="钱新人", occupation=cleaner, area=tree.street_b)


def test_a_withdrawn_application_cannot_be_withdrawn_again(application, newcomer):
    services.withdraw(newcomer, application)
    with pytest.raises(Conflict):
        services.withdraw(newcomer, application)
