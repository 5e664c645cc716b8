"""A decision on a proposal and the notice telling the representative of it are written in
one transaction: if the notice cannot be written, the decision is not taken either."""

import pytest

from yunjishi.proposals.models import Proposal, ProposalEvent
from yunjishi.proposals.services import proposals


def test_an_acceptance_whose_notice_cannot_be_written_is_not_taken(
    make_proposal, admin_a, monkeypatch
):
    proposal = proposals.start_review(admin_a, make_proposal())

    def broken(*args, **kwargs):
        raise RuntimeError("the notification table is unavailable")

    monkeypatch.setattr(proposals, "notify_many", broken)
    with pytest.raises(RuntimeError):
        proposals.accept(admin_a, proposal, "符合立案条件")
    assert Proposal.objects.get(pk=proposal.pk).status == "reviewing"
    assert not ProposalEvent.objects.filter(proposal=proposal, action="accept").exists()
