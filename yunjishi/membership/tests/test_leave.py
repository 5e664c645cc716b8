import pytest

from yunjishi.core.errors import Conflict
from yunjishi.membership import services
from yunjishi.membership.models import EventKind
from yunjishi.people.models import MemberProfile


def test_a_member_leaves_with_number_and_history_kept(worker, tree):
    number = MemberProfile.objects.get(user=worker).membership_number
    services.leave(worker, "退休")
    profile = MemberProfile.objects.get(user=worker)
    assert (profile.membership_status, profile.membership_number) == ("left", number)
    event = worker.membership_events.get(kind=EventKind.LEFT)
    assert (event.org, event.note) == (tree.enterprise_a, "退休")


def test_leaving_withdraws_a_pending_transfer(worker, tree):
    transfer = services.request_transfer(worker, to_org=tree.street_b)
    services.leave(worker)
    transfer.refresh_from_db()
    assert transfer.status == "withdrawn"


def test_someone_who_is_not_a_member_cannot_leave(newcomer):
    with pytest.raises(Conflict):
        services.leave(newcomer)


def test_leaving_twice_is_a_conflict(worker):
    services.leave(worker)
    with pytest.raises(Conflict):
        services.leave(worker)
