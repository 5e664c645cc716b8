"""执行督查 on what the checker read: in the send-back loop (执行督查 → 办理落实 → 执行督查)
the status comes back the same, so the page and the API send back the ``version`` they
showed, and a "carried out" given on the first answer is refused once a second answer
has come in; the checker is told someone else changed it."""

import re

import pytest
from django.urls import reverse

from yunjishi.core.errors import Conflict
from yunjishi.proposals import services
from yunjishi.proposals.models import Proposal, ProposalStatus


@pytest.fixture
def answered(representative, admin_a, handler_a, tree):
    proposal = services.submit_proposal(
        representative, title="关于职工食堂的提案", text="延长晚餐供应时间。", category="living",
        org=tree.street_a,
    )  # fmt: skip
    services.start_review(admin_a, proposal)
    services.accept(admin_a, proposal)
    services.assign(admin_a, proposal, tree.enterprise_a)
    return services.answer(handler_a, proposal, "已延长到晚八点。")


def sent_back_and_answered_again(proposal, admin_a, handler_a):
    proposal = services.check(admin_a, proposal, passed=False, note="周末没有落实。")
    return services.answer(handler_a, proposal, "周末也已延长。")


def test_the_page_refuses_a_check_of_the_answer_it_showed_before(
    answered, admin_a, handler_a, supervisor, client_for
):
    client = client_for(supervisor)
    url = reverse("proposals:staff_detail", args=[answered.pk])
    page = client.get(url).content.decode()
    seen = re.search(r'name="seen" value="([^"]+)"', page).group(1)
    sent_back_and_answered_again(Proposal.objects.get(pk=answered.pk), admin_a, handler_a)
    client = client_for(supervisor)
    response = client.post(
        reverse("proposals:staff_check", args=[answered.pk]),
        {"outcome": "pass", "note": "", "seen": seen},
        follow=True,
    )
    assert "他人刚刚处理了这件提案" in response.content.decode()
    assert Proposal.objects.get(pk=answered.pk).status == ProposalStatus.SUPERVISION
    # read again, the check goes through
    fresh = re.search(r'name="seen" value="([^"]+)"', client.get(url).content.decode()).group(1)
    client.post(
        reverse("proposals:staff_check", args=[answered.pk]), {"outcome": "pass", "seen": fresh}
    )
    assert Proposal.objects.get(pk=answered.pk).status == ProposalStatus.FEEDBACK


def test_the_api_answers_409_to_a_check_of_an_older_reading(
    answered, admin_a, handler_a, supervisor, client_for
):
    client = client_for(supervisor)
    url = f"/api/proposals/staff/proposals/{answered.pk}"
    read = client.get(url).json()
    sent_back_and_answered_again(Proposal.objects.get(pk=answered.pk), admin_a, handler_a)
    client = client_for(supervisor)
    stale = client.post(
        f"{url}/check",
        {"passed": True, "version": read["version"]},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["code"] == "changed"
    current = client.get(url).json()["version"]
    done = client.post(
        f"{url}/check", {"passed": True, "version": current}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["status"] == ProposalStatus.FEEDBACK


def test_a_copy_read_before_a_move_cannot_be_moved(answered, admin_a):
    read = Proposal.objects.get(pk=answered.pk)
    services.check(admin_a, Proposal.objects.get(pk=answered.pk), passed=True)
    with pytest.raises(Conflict):
        services.check(admin_a, read, passed=False, note="还缺材料。")
