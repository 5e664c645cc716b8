"""Surveys in a real browser on a phone screen: a visitor answers through an enterprise's
link once (the device cookie holds in the browser), and a staffer of two streets picks the
other street on the demand list (the picker sends its form with no inline handler).

Headless Debian Chromium driven by Playwright (the root conftest.py's ``open_as``)."""

import pytest

from yunjishi.people.services import assign_staff
from yunjishi.surveys.models import Response

pytestmark = pytest.mark.browser


def test_a_visitor_answers_once_from_their_phone(links, open_as, live_server, shots):
    page = open_as(None)
    url = f"{live_server.url}/surveys/s/{links['a'].token}/"
    page.goto(url)
    page.click("label.survey-option:has-text('子女托管')")
    page.screenshot(path=str(shots / "surveys-answer.png"), full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith(f"/surveys/s/{links['a'].token}/done/")
    assert Response.objects.count() == 1

    page.goto(url)  # the same phone again
    page.wait_for_load_state()
    assert "您已填写过本问卷" in page.content()
    page.screenshot(path=str(shots / "surveys-answered-once.png"))
    assert Response.objects.count() == 1


def test_a_staffer_of_two_streets_picks_the_other_on_the_demand_list(
    links, handler_a, tree, open_as, live_server
):
    assign_staff(handler_a, tree.street_b, "handler")
    page = open_as(handler_a)
    page.goto(f"{live_server.url}/surveys/staff/classification/")
    page.select_option("select[name=org]", str(tree.street_b.pk))
    page.wait_for_url(f"**/surveys/staff/classification/?org={tree.street_b.pk}")
    assert tree.street_b.name in page.locator("h1").inner_text()
