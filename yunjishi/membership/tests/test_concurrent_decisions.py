"""Two staff deciding the same application at once: exactly one wins."""

import threading

import pytest
from django.db import connection

from yunjishi.core.errors import Conflict
from yunjishi.membership import services
from yunjishi.membership.models import JoinApplication


def test_the_second_decision_on_the_same_application_is_a_conflict(application, handler_a, admin_a):
    services.approve(handler_a, application)
    with pytest.raises(Conflict) as error:
        services.approve(admin_a, application)
    assert error.value.code == "already_decided"


def test_a_stale_copy_cannot_decline_an_approved_application(application, handler_a, admin_a):
    stale = JoinApplication.objects.get(pk=application.pk)
    services.approve(handler_a, application)
    with pytest.raises(Conflict):
        services.decline(admin_a, stale, "重复")
    application.refresh_from_db()
    assert application.status == "approved"


@pytest.mark.django_db(transaction=True)
def test_two_staff_approving_at_the_same_moment_give_one_member(application, handler_a, admin_a):
    barrier = threading.Barrier(2)
    results = []

    def decide(staff):
        try:
            barrier.wait()
            services.approve(staff, JoinApplication.objects.get(pk=application.pk))
            results.append("approved")
        except Conflict:
            results.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(s,)) for s in (handler_a, admin_a)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["approved", "conflict"]
    assert application.applicant.membership_events.filter(kind="joined").count() == 1
