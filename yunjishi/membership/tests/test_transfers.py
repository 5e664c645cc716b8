import pytest
from django.core.exceptions import ValidationError

from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.membership import services
from yunjishi.membership.models import EventKind, RouteReason
from yunjishi.people.models import MemberProfile


def _profile(user):
    return MemberProfile.objects.get(user=user)


def test_a_member_asks_to_move_to_their_new_employers_union(worker, tree):
    transfer = services.request_transfer(worker, area=tree.street_b, new_employer_name="乙公司")
    assert (transfer.from_org, transfer.to_org) == (tree.enterprise_a, tree.enterprise_b)
    assert transfer.routed_by == RouteReason.EMPLOYER
    assert worker.membership_events.filter(kind=EventKind.TRANSFER_REQUESTED).exists()


def test_a_member_may_name_the_union_directly(worker, tree):
    transfer = services.request_transfer(worker, to_org=tree.street_b, reason="搬家")
    assert transfer.to_org == tree.street_b


def test_approval_moves_the_member_and_keeps_number_and_join_date(worker, tree, handler_b):
    before = _profile(worker)
    transfer = services.request_transfer(worker, area=tree.street_b, new_employer_name="乙公司")
    services.approve_transfer(handler_b, transfer)
    after = _profile(worker)
    assert after.org == tree.enterprise_b
    assert after.employer_name == "乙公司"
    assert (after.membership_number, after.joined_on) == (
        before.membership_number,
        before.joined_on,
    )
    event = worker.membership_events.get(kind=EventKind.TRANSFERRED)
    assert (event.from_org, event.org, event.actor) == (
        tree.enterprise_a,
        tree.enterprise_b,
        handler_b,
    )
    assert worker.membership_events.count() == 2  # requested, transferred: history kept


def test_only_staff_of_the_receiving_union_decide(worker, tree, handler_a):
    transfer = services.request_transfer(worker, to_org=tree.street_b)
    with pytest.raises(NotAllowed):
        services.approve_transfer(handler_a, transfer)


def test_a_transfer_is_decided_once(worker, tree, handler_b, supervisor):
    transfer = services.request_transfer(worker, to_org=tree.street_b)
    services.approve_transfer(handler_b, transfer)
    with pytest.raises(Conflict):
        services.decline_transfer(supervisor, transfer, "晚了")


def test_declining_a_transfer_needs_a_reason_and_leaves_the_member_where_they_were(
    worker, tree, handler_b
):
    transfer = services.request_transfer(worker, to_org=tree.street_b)
    with pytest.raises(ValidationError):
        services.decline_transfer(handler_b, transfer, "")
    services.decline_transfer(handler_b, transfer, "不在本辖区")
    assert _profile(worker).org == tree.enterprise_a
    assert worker.membership_events.get(kind=EventKind.TRANSFER_DECLINED).note == "不在本辖区"


def test_a_non_member_cannot_transfer(newcomer, tree):
    with pytest.raises(Conflict):
        services.request_transfer(newcomer, to_org=tree.street_b)


def test_a_transfer_to_the_same_union_is_refused(worker, tree):
    with pytest.raises(ValidationError):
        services.request_transfer(worker, area=tree.street_a, new_employer_name="甲公司")


def test_one_pending_transfer_at_a_time(worker, tree):
    services.request_transfer(worker, to_org=tree.street_b)
    with pytest.raises(Conflict):
        services.request_transfer(worker, to_org=tree.district)


def test_the_member_can_withdraw_a_transfer(worker, tree):
    transfer = services.request_transfer(worker, to_org=tree.street_b)
    services.withdraw_transfer(worker, transfer)
    transfer.refresh_from_db()
    assert transfer.status == "withdrawn"
    services.request_transfer(worker, to_org=tree.district)
