"""A proposal goes the whole way, 线上提交 → 小组审议 → 立案 → 办理落实 → 执行督查 →
总结反馈 → closed, and every step is in its history: who, when, what, from, to, note."""

from yunjishi.notify.models import Notification
from yunjishi.proposals import services
from yunjishi.proposals.models import ProposalEvent


def test_a_proposal_is_closed_after_every_step_and_each_step_is_logged(
    make_proposal, representative, admin_a, handler_a, supervisor, tree
):
    proposal = make_proposal()
    assert proposal.status == "submitted"
    assert proposal.org == tree.street_a  # the representative's street union by default
    proposal = services.start_review(admin_a, proposal, "提交本周审议小组")
    proposal = services.accept(admin_a, proposal, "符合立案条件")
    proposal = services.assign(admin_a, proposal, tree.enterprise_a, "区交通运输局", "请两周内答复")
    assert proposal.handling_org == tree.enterprise_a and proposal.department == "区交通运输局"
    proposal = services.answer(handler_a, proposal, "已在园区建成司机之家。")
    proposal = services.check(supervisor, proposal, passed=True, note="现场核实")
    proposal = services.rate(representative, proposal, "satisfied", "很满意")

    assert proposal.status == "closed" and proposal.closed_at is not None
    assert proposal.rating == "satisfied" and proposal.answer == "已在园区建成司机之家。"
    events = list(ProposalEvent.objects.filter(proposal=proposal))
    assert [(e.action, e.from_status, e.to_status) for e in events] == [
        ("submit", "", "submitted"),
        ("review", "submitted", "reviewing"),
        ("accept", "reviewing", "accepted"),
        ("assign", "accepted", "handling"),
        ("answer", "handling", "supervision"),
        ("check", "supervision", "feedback"),
        ("rate", "feedback", "closed"),
    ]
    assert [e.actor for e in events] == [
        representative,
        admin_a,
        admin_a,
        admin_a,
        handler_a,
        supervisor,
        representative,
    ]
    assert events[1].note == "提交本周审议小组"
    assert "区交通运输局" in events[3].note and "请两周内答复" in events[3].note
    assert all(earlier.at <= later.at for earlier, later in zip(events, events[1:], strict=False))


def test_a_supervision_check_can_send_the_proposal_back_to_the_department(
    make_proposal, walk, supervisor, handler_a
):
    proposal = walk(make_proposal(), "supervision")
    proposal = services.check(supervisor, proposal, passed=False, note="尚未落实到位")
    assert proposal.status == "handling" and proposal.check_note == "尚未落实到位"
    proposal = services.answer(handler_a, proposal, "已补充落实。")
    assert proposal.status == "supervision"
    actions = list(proposal.events.values_list("action", flat=True))
    assert actions[-2:] == ["send_back", "answer"]


def test_the_people_concerned_are_told_at_each_step(
    make_proposal, walk, representative, admin_a, supervisor, handler_a
):
    proposal = make_proposal()
    reviewers = set(
        Notification.objects.filter(kind="proposals.submitted").values_list("user", flat=True)
    )
    assert reviewers == {admin_a.pk, supervisor.pk}
    walk(proposal, "feedback")
    kinds = set(Notification.objects.filter(user=representative).values_list("kind", flat=True))
    assert {"proposals.accepted", "proposals.feedback"} <= kinds
    assert Notification.objects.filter(user=handler_a, kind="proposals.assigned").exists()
