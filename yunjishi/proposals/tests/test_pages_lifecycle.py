"""The whole loop through the pages: the representative submits, the group reviews and
accepts, the union assigns, the department answers, the supervisor checks, the
representative rates; each page shows where the proposal stands and its timeline."""

from django.urls import reverse
from django.utils.translation import gettext, override

from yunjishi.proposals.models import Proposal


def test_a_proposal_goes_round_the_loop_through_the_pages(
    representative, admin_a, handler_a, supervisor, tree, client_for
):
    rep = client_for(representative)
    new = rep.get(reverse("proposals:new")).content.decode()
    assert "街道A总工会" in new  # offered: own union and those above it
    response = rep.post(
        reverse("proposals:new"),
        {
            "title": "关于外来货车司机子女入学的提案",
            "text": "协调教育部门解决随迁子女入学。",
            "category": "living",
            "org": tree.street_a.pk,
        },
    )
    proposal = Proposal.objects.get()
    assert response.url == reverse("proposals:detail", args=[proposal.pk])

    staff = lambda name, **kw: reverse(f"proposals:staff_{name}", args=[proposal.pk])  # noqa: E731
    admin = client_for(admin_a)
    assert (
        "关于外来货车司机子女入学的提案"
        in admin.get(reverse("proposals:staff_review")).content.decode()
    )
    admin.post(staff("start_review"), {"note": "提交审议小组"})
    admin.post(staff("accept"), {"note": "同意立案"})
    admin.post(staff("assign"), {"handling_org": tree.enterprise_a.pk, "department": "市教育局"})
    proposal.refresh_from_db()
    assert proposal.status == "handling"

    handler = client_for(handler_a)
    assert 'id="answer-form"' in handler.get(staff("detail")).content.decode()
    handler.post(staff("answer"), {"answer": "已协调三所学校接收。"})
    client_for(supervisor).post(staff("check"), {"outcome": "pass", "note": "已核实"})
    proposal.refresh_from_db()
    assert proposal.status == "feedback"

    rep = client_for(representative)
    page = rep.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert 'id="rate-form"' in page and "已协调三所学校接收。" in page
    rep.post(
        reverse("proposals:rate", args=[proposal.pk]),
        {"rating": "basically", "comment": "还需跟进"},
    )
    proposal.refresh_from_db()
    assert proposal.status == "closed" and proposal.rating == "basically"
    page = rep.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    for step in ("提交审议小组", "同意立案", "市教育局", "已核实", "还需跟进"):
        assert step in page, step
    assert 'id="rate-form"' not in page


def test_bad_input_on_the_submit_page_gets_messages_and_creates_nothing(
    representative, tree, client_for
):
    client = client_for(representative)
    page = client.post(
        reverse("proposals:new"), {"title": "", "text": "", "category": "", "org": tree.street_a.pk}
    )
    html = page.content.decode()
    assert page.status_code == 200 and html.count('class="errorlist"') >= 3
    page = client.post(
        reverse("proposals:new"),
        {"title": "题目", "text": "内容", "category": "living", "org": tree.street_b.pk},
    )
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    assert not Proposal.objects.exists()


def test_a_decision_without_a_reason_is_refused_with_a_message(
    make_proposal, walk, admin_a, client_for
):
    proposal = walk(make_proposal(), "reviewing")
    client = client_for(admin_a)
    response = client.post(
        reverse("proposals:staff_decline", args=[proposal.pk]), {"reason": ""}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    with override("zh-hans"):
        assert messages == [gettext("Tell the representative why.")]
    proposal.refresh_from_db()
    assert proposal.status == "reviewing" and proposal.events.count() == 2


def test_an_illegal_move_through_a_page_says_why_and_changes_nothing(
    make_proposal, admin_a, client_for
):
    proposal = make_proposal()
    response = client_for(admin_a).post(
        reverse("proposals:staff_accept", args=[proposal.pk]), follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and proposal.get_status_display() in messages[0]
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_an_assignment_outside_the_union_is_refused(make_proposal, walk, admin_a, tree, client_for):
    proposal = walk(make_proposal(), "accepted")
    client = client_for(admin_a)
    for org in (tree.enterprise_b.pk, 999999, ""):
        client.post(reverse("proposals:staff_assign", args=[proposal.pk]), {"handling_org": org})
        proposal.refresh_from_db()
        assert proposal.status == "accepted"


def test_staff_pages_open(make_proposal, walk, admin_a, superuser, client_for, tree):
    proposal = walk(make_proposal(), "supervision")
    for user in (admin_a, superuser):
        client = client_for(user)
        for name in (
            "staff_review",
            "staff_handling",
            "staff_supervision",
            "staff_all",
            "staff_suggestions",
            "staff_figures",
        ):
            assert client.get(reverse(f"proposals:{name}")).status_code == 200, name
        page = client.get(reverse("proposals:staff_detail", args=[proposal.pk]))
        assert page.status_code == 200 and 'id="check"' in page.content.decode()
    filtered = client_for(admin_a).get(reverse("proposals:staff_all"), {"status": "supervision"})
    assert proposal.title in filtered.content.decode()
