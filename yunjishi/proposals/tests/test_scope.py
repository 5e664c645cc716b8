"""Scope from the outside: a handler of street B sees and does nothing with street A's
proposals, through the pages, the API or the back office; street A's own staff do."""

import pytest
from django.urls import reverse

from yunjishi.proposals import services
from yunjishi.proposals.models import Proposal, ProposalEvent

STAFF_ACTIONS = (
    "staff_start_review",
    "staff_accept",
    "staff_convert",
    "staff_decline",
    "staff_assign",
    "staff_answer",
    "staff_check",
)
API_ACTIONS = ("review", "accept", "convert", "decline", "assign", "answer", "check")
BODY = {"note": "x", "reason": "x", "answer": "x", "passed": True, "outcome": "pass"}


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


@pytest.fixture
def proposals(make_proposal, walk):
    """One proposal of street A in every working state."""
    return {
        state: walk(make_proposal(title=f"提案 {state}"), state)
        if state != "submitted"
        else make_proposal(title="提案 submitted")
        for state in ("submitted", "reviewing", "accepted", "handling", "supervision")
    }


def _staff(phone, name, org, role):
    from yunjishi.people.models import User
    from yunjishi.people.services import assign_staff

    user = User.objects.create_user(phone, "Gonghui#2024", display_name=name)
    assign_staff(user, org, role)
    return user


def _unchanged(proposals):
    for state, proposal in proposals.items():
        assert Proposal.objects.get(pk=proposal.pk).status == state
    return ProposalEvent.objects.count()


def test_a_street_b_handler_neither_sees_nor_acts_through_the_pages(
    proposals, handler_b, client_for
):
    before = ProposalEvent.objects.count()
    client = client_for(handler_b)
    for proposal in proposals.values():
        assert client.get(reverse("proposals:staff_detail", args=[proposal.pk])).status_code == 404
        for name in STAFF_ACTIONS:
            response = client.post(reverse(f"proposals:{name}", args=[proposal.pk]), BODY)
            assert response.status_code == 404, name
    for name in ("staff_review", "staff_handling", "staff_supervision", "staff_all"):
        html = client.get(reverse(f"proposals:{name}")).content.decode()
        assert not any(p.title in html for p in proposals.values()), name
    assert _unchanged(proposals) == before


def test_a_street_b_handler_neither_sees_nor_acts_through_the_api(proposals, handler_b, client_for):
    before = ProposalEvent.objects.count()
    client = client_for(handler_b)
    for proposal in proposals.values():
        base = f"/api/proposals/staff/proposals/{proposal.pk}"
        response = client.get(base)
        assert (response.status_code, response.json()["code"]) == (404, "not_found")
        for action in API_ACTIONS:
            assert _post(client, f"{base}/{action}", BODY).status_code == 404, action
    for queue in ("review", "handling", "supervision", "proposals"):
        assert client.get(f"/api/proposals/staff/{queue}").json()["count"] == 0, queue
    assert _unchanged(proposals) == before


def test_a_street_b_handler_finds_nothing_in_the_back_office(proposals, handler_b, client_for):
    client = client_for(handler_b)
    listing = client.get(reverse("admin:proposals_proposal_changelist"))
    html = listing.content.decode()
    assert listing.status_code == 200
    assert not any(p.title in html for p in proposals.values())
    for proposal in proposals.values():
        page = client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk]))
        assert page.status_code in (302, 403, 404)


def test_street_a_staff_see_the_proposals_in_their_queues(
    proposals, admin_a, handler_a, supervisor, client_for
):
    review = client_for(admin_a).get(reverse("proposals:staff_review")).content.decode()
    assert "提案 submitted" in review and "提案 reviewing" in review
    handling = client_for(handler_a).get(reverse("proposals:staff_handling")).content.decode()
    assert "提案 handling" in handling and "提案 submitted" not in handling
    supervision = client_for(supervisor).get(reverse("proposals:staff_supervision"))
    assert "提案 supervision" in supervision.content.decode()
    admin_list = client_for(admin_a).get(reverse("admin:proposals_proposal_changelist"))
    assert "提案 handling" in admin_list.content.decode()


def test_the_assigned_department_sees_the_proposal_but_a_sibling_does_not(
    make_proposal, walk, tree, client_for
):
    handler_ea = _staff("13900000011", "企业A办理员", tree.enterprise_a, "handler")
    handler_eb = _staff("13900000012", "企业B办理员", tree.enterprise_b, "handler")
    proposal = make_proposal()
    url = reverse("proposals:staff_detail", args=[proposal.pk])
    assert client_for(handler_ea).get(url).status_code == 404  # not assigned yet
    proposal = walk(proposal, "handling")  # assigned to enterprise A
    assert client_for(handler_ea).get(url).status_code == 200
    services.answer(handler_ea, proposal, "已落实")
    assert client_for(handler_eb).get(url).status_code == 404


def test_another_representative_cannot_see_someone_elses_proposal(
    make_proposal, other_worker, client_for
):
    profile = other_worker.member_profile
    profile.is_representative = True
    profile.save()
    proposal = make_proposal()
    client = client_for(other_worker)
    assert client.get(reverse("proposals:detail", args=[proposal.pk])).status_code == 404
    assert (
        client.post(
            reverse("proposals:rate", args=[proposal.pk]), {"rating": "satisfied"}
        ).status_code
        == 404
    )
    assert client.get(f"/api/proposals/{proposal.pk}").status_code == 404
    assert client.get("/api/proposals/mine").json()["count"] == 0


def test_a_street_b_handler_cannot_read_figures_or_reports_of_street_a(
    make_proposal, representative, handler_b, tree, client_for
):
    make_proposal()
    client = client_for(handler_b)
    figures = client.get(reverse("proposals:staff_figures"), {"org": tree.street_a.pk})
    assert figures.status_code == 404
    assert client.get(f"/api/proposals/staff/figures?org_id={tree.street_a.pk}").status_code == 404
    report = reverse("proposals:staff_report", args=[representative.pk])
    assert client.get(report).status_code == 404
    api_report = f"/api/proposals/staff/representatives/{representative.pk}/report"
    assert client.get(api_report).status_code == 404
