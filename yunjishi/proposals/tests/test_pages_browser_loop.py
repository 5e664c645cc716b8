"""The 云履职 loop in a real browser on a phone screen: a representative submits a
proposal, the union reviews, accepts and assigns it, the department answers, the
supervisor checks, the representative rates the answer and prints the duty report.

Headless Debian Chromium driven by Playwright (the root conftest.py's ``open_as``)."""

import pytest

pytestmark = pytest.mark.browser


def test_the_whole_proposal_loop_works_in_the_browser(
    representative, admin_a, handler_a, supervisor, tree, open_as, live_server, shots
):
    from yunjishi.proposals.models import Proposal

    base = live_server.url
    page = open_as(representative)
    page.goto(f"{base}/proposals/")
    page.click("a.tile[href='/proposals/new/']")
    page.fill("input[name=title]", "关于建设共享司机之家的提案")
    page.fill("textarea[name=text]", "在物流园区建设司机之家，解决休息、热饭难题。")
    page.select_option("select[name=category]", "living")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    proposal = Proposal.objects.get()
    assert page.url.endswith(f"/proposals/{proposal.pk}/")

    staff = open_as(admin_a)
    staff.goto(f"{base}/proposals/staff/")
    staff.click(f"#proposal-{proposal.pk} a")
    staff.click("#start-review button[type=submit]")
    staff.wait_for_load_state()
    staff.fill("#decide textarea[name=note]", "符合立案条件")
    staff.click("#decide form button:not([formaction])")
    staff.wait_for_load_state()
    staff.select_option("#assign select[name=handling_org]", str(tree.enterprise_a.pk))
    staff.fill("#assign input[name=department]", "区交通运输局")
    staff.click("#assign button[type=submit]")
    staff.wait_for_load_state()
    staff.screenshot(path=str(shots / "yunjishi-proposals-assigned.png"), full_page=True)

    handler = open_as(handler_a)
    handler.goto(f"{base}/proposals/staff/handling/")
    handler.click(f"#proposal-{proposal.pk} a")
    handler.fill("#answer-form textarea[name=answer]", "司机之家已在园区建成投用。")
    handler.click("#answer-form button[type=submit]")
    handler.wait_for_load_state()

    checker = open_as(supervisor)
    checker.goto(f"{base}/proposals/staff/supervision/")
    checker.click(f"#proposal-{proposal.pk} a")
    checker.check("#check input[name=outcome][value=pass]")
    checker.click("#check button[type=submit]")
    checker.wait_for_load_state()

    page.reload()
    page.check("#rate-form input[name=rating][value=satisfied]")
    page.fill("#rate-form textarea[name=comment]", "很满意")
    page.click("#rate-form button[type=submit]")
    page.wait_for_load_state()
    page.screenshot(path=str(shots / "yunjishi-proposals-closed.png"), full_page=True)
    proposal.refresh_from_db()
    assert proposal.status == "closed" and proposal.rating == "satisfied"
    assert "司机之家已在园区建成投用。" in page.locator("#answer").inner_text()

    page.goto(f"{base}/proposals/report/")
    assert page.locator("#n-closed").inner_text() == "1"
    page.click("#print-link")
    page.wait_for_load_state()
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()  # the print link hides on paper
    page.screenshot(path=str(shots / "yunjishi-proposals-report-print.png"), full_page=True)
    assert "履职报告" in page.locator("h2").first.inner_text()
