"""A move the state machine does not allow is refused with a clear error, and nothing
changes: no status, no field, no history row."""

import pytest
from django.core.exceptions import ValidationError

from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.proposals import services
from yunjishi.proposals.models import Proposal, ProposalEvent


def unchanged(proposal, status, events):
    fresh = Proposal.objects.get(pk=proposal.pk)
    assert fresh.status == status
    assert ProposalEvent.objects.filter(proposal=proposal).count() == events
    return fresh


def test_a_proposal_cannot_be_accepted_before_the_group_has_taken_it_up(make_proposal, admin_a):
    proposal = make_proposal()
    with pytest.raises(Conflict) as refused:
        services.accept(admin_a, proposal)
    assert refused.value.code == "illegal_transition"
    assert "cannot become" in str(refused.value.message) or "不能" in str(refused.value.message)
    unchanged(proposal, "submitted", 1)


def test_an_answer_needs_an_assigned_proposal(make_proposal, walk, handler_a):
    proposal = walk(make_proposal(), "accepted")
    with pytest.raises(Conflict):
        services.answer(handler_a, proposal, "已办理")
    fresh = unchanged(proposal, "accepted", 3)
    assert fresh.answer == ""


def test_the_representative_cannot_rate_before_the_supervision_check(
    make_proposal, walk, representative
):
    proposal = walk(make_proposal(), "supervision")
    with pytest.raises(Conflict):
        services.rate(representative, proposal, "satisfied")
    assert unchanged(proposal, "supervision", 5).rating == ""


def test_a_decided_proposal_cannot_be_decided_again(make_proposal, walk, admin_a):
    proposal = walk(make_proposal(), "accepted")
    for decide in (
        lambda: services.decline(admin_a, proposal, "重复"),
        lambda: services.convert(admin_a, proposal),
        lambda: services.accept(admin_a, proposal),
    ):
        with pytest.raises(Conflict):
            decide()
    unchanged(proposal, "accepted", 3)


def test_a_closed_proposal_is_final(make_proposal, walk, representative, admin_a):
    proposal = services.rate(representative, walk(make_proposal(), "feedback"), "basically")
    with pytest.raises(Conflict):
        services.rate(representative, proposal, "satisfied")
    with pytest.raises(Conflict):
        services.start_review(admin_a, proposal)
    assert unchanged(proposal, "closed", 7).rating == "basically"


def test_two_reviewers_deciding_at_once_cannot_both_win(make_proposal, walk, admin_a, supervisor):
    proposal = walk(make_proposal(), "reviewing")
    stale = Proposal.objects.get(pk=proposal.pk)
    services.accept(admin_a, proposal)
    with pytest.raises(Conflict) as refused:
        services.decline(supervisor, stale, "不予立案")
    assert refused.value.code == "changed"
    unchanged(proposal, "accepted", 3)


def test_declining_needs_a_reason(make_proposal, walk, admin_a):
    proposal = walk(make_proposal(), "reviewing")
    with pytest.raises(ValidationError) as refused:
        services.decline(admin_a, proposal, "   ")
    assert "reason" in refused.value.message_dict
    unchanged(proposal, "reviewing", 2)


def test_sending_back_needs_a_note(make_proposal, walk, supervisor):
    proposal = walk(make_proposal(), "supervision")
    with pytest.raises(ValidationError):
        services.check(supervisor, proposal, passed=False, note="")
    unchanged(proposal, "supervision", 5)


def test_an_unknown_rating_is_refused(make_proposal, walk, representative):
    proposal = walk(make_proposal(), "feedback")
    with pytest.raises(ValidationError) as refused:
        services.rate(representative, proposal, "great")
    assert "rating" in refused.value.message_dict
    unchanged(proposal, "feedback", 6)


def test_a_proposal_is_assigned_only_inside_the_union_it_was_submitted_to(
    make_proposal, walk, admin_a, supervisor, tree
):
    proposal = walk(make_proposal(), "accepted")
    for elsewhere in (tree.enterprise_b, tree.district, None):
        with pytest.raises(ValidationError) as refused:
            services.assign(supervisor, proposal, elsewhere)
        assert "handling_org" in refused.value.message_dict
    unchanged(proposal, "accepted", 3)


def test_each_step_is_for_its_own_role(make_proposal, walk, representative, handler_a):
    proposal = make_proposal()
    with pytest.raises(NotAllowed):
        services.start_review(handler_a, proposal)  # a handler does not review
    with pytest.raises(NotAllowed):
        services.start_review(representative, proposal)
    proposal = walk(proposal, "handling")
    with pytest.raises(NotAllowed):
        services.answer(representative, proposal, "自己答复")
    unchanged(proposal, "handling", 4)


def test_a_representative_who_is_also_staff_cannot_review_their_own_proposal(
    representative, tree, make_proposal
):
    from yunjishi.people.services import assign_staff

    assign_staff(representative, tree.street_a, "org_admin")
    proposal = make_proposal()
    with pytest.raises(NotAllowed):
        services.start_review(representative, proposal)
    unchanged(proposal, "submitted", 1)


def test_only_the_representative_rates_their_answer(make_proposal, walk, admin_a, other_worker):
    proposal = walk(make_proposal(), "feedback")
    for someone in (admin_a, other_worker):
        with pytest.raises(NotAllowed):
            services.rate(someone, proposal, "unsatisfied")
    unchanged(proposal, "feedback", 6)


def test_a_move_without_a_person_is_refused(make_proposal):
    proposal = make_proposal()
    with pytest.raises(NotAllowed):
        services.start_review(None, proposal)
    unchanged(proposal, "submitted", 1)
