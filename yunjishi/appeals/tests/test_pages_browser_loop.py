"""The appeal loop in a real browser on a phone screen: while typing, the worker is shown
a similar open appeal (htmx) and follows it; they send their own, anonymous; the handler
accepts and answers it; the worker rates it and it closes.

Headless Debian Chromium driven by Playwright (the root conftest.py's ``open_as``)."""

import pytest

pytestmark = pytest.mark.browser


def test_suggest_follow_submit_answer_rate_in_the_browser(
    make_appeal, worker, other_worker, handler_a, tree, logistics, open_as, live_server
):
    from yunjishi.appeals.models import Appeal, Follower, Status
    from yunjishi.people.models import MemberProfile

    MemberProfile.objects.filter(user=other_worker).update(org=tree.enterprise_a)
    existing = make_appeal()  # 食堂饭菜太咸, by the worker

    page = open_as(other_worker)
    page.goto(f"{live_server.url}/appeals/new/")
    page.fill("#id_title", "食堂的菜太咸了")
    page.fill("#id_text", "公司食堂饭菜很咸，吃完一直口渴，希望少放盐。")
    page.wait_for_selector("#similar-list")
    assert existing.tracking_number in page.inner_text("#similar-list")
    page.click("#similar-list button")
    page.wait_for_load_state()
    assert Follower.objects.filter(appeal=existing, user=other_worker).exists()

    page.goto(f"{live_server.url}/appeals/new/")
    page.select_option("#id_category", str(logistics.pk))
    page.fill("#id_title", "宿舍楼晚上没有热水")
    page.fill("#id_text", "三号宿舍楼晚上十点以后就没有热水了，夜班下班回来没法洗澡。")
    page.check("#id_anonymous")
    page.click("#appeal-form button[type=submit]:not([formaction])")
    page.wait_for_load_state()
    mine = Appeal.objects.get(submitter=other_worker)
    assert mine.tracking_number in page.content() and mine.is_anonymous

    staff = open_as(handler_a)
    staff.goto(f"{live_server.url}/appeals/staff/{mine.pk}/")
    assert "王职工" not in staff.content() and "赵职工" not in staff.content()
    staff.click("form[action$='/accept/'] button[type=submit]")
    staff.wait_for_load_state()
    staff.fill("form[action$='/resolve/'] textarea", "已通知物业延长热水供应到凌晨一点。")
    staff.click("form[action$='/resolve/'] button[type=submit]")
    staff.wait_for_load_state()

    page.goto(f"{live_server.url}/appeals/{mine.pk}/")
    page.check("#rate-form input[value=satisfied]")
    page.click("#rate-form button[type=submit]")
    page.wait_for_load_state()
    mine.refresh_from_db()
    assert (mine.status, mine.satisfaction) == (Status.CLOSED, "satisfied")
