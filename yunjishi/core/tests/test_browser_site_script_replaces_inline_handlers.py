"""What inline handlers used to do, static/js/site.js does under the Content-Security-Policy:
choosing a union in the org picker shows its figures at once, the print link prints, and
htmx no longer injects a style element (site.css has its indicator rules)."""

import pytest

pytestmark = pytest.mark.browser

WATCH = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__refused.push(`${event.violatedDirective} ${event.blockedURI}`);
});
window.print = () => { window.__printed = (window.__printed || 0) + 1; };
"""


def test_choosing_a_union_in_the_org_picker_shows_its_figures_at_once(
    open_as, live_server, admin_a, tree
):
    page = open_as(admin_a)
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/market/staff/stats/?org={tree.enterprise_a.pk}")
    assert tree.enterprise_a.name in page.locator("h1").inner_text()

    with page.expect_navigation():
        page.select_option(".org-picker select[name=org]", str(tree.street_a.pk))

    assert page.url.endswith(f"?org={tree.street_a.pk}")
    assert tree.street_a.name in page.locator("h1").inner_text()
    assert page.locator(".org-picker a.tag", has_text=tree.enterprise_a.name).count() == 1
    assert page.evaluate("() => window.__refused") == []


def test_the_print_link_of_the_duty_report_prints_it(open_as, live_server, worker):
    profile = worker.member_profile
    profile.is_representative = True
    profile.save(update_fields=["is_representative"])
    page = open_as(worker)
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/proposals/report/print/")

    page.click("[data-print]")

    assert page.evaluate("() => window.__printed") == 1
    assert page.url.endswith("/proposals/report/print/")  # the link's "#" went nowhere
    # report.css applies (the page does not use site.css): the toolbar stands on the right.
    assert page.locator(".toolbar").evaluate("e => getComputedStyle(e).textAlign") == "right"
    assert page.evaluate("() => window.__refused") == []


def test_htmx_injects_no_style_and_its_indicator_rules_come_from_the_stylesheet(
    open_as, live_server, worker
):
    page = open_as(worker)
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/market/")
    page.wait_for_function("() => window.htmx !== undefined")

    assert page.evaluate("() => htmx.config.includeIndicatorStyles") is False
    assert page.locator("style").count() == 0
    opacity = page.evaluate(
        """() => {
          const probe = document.createElement("span");
          probe.className = "htmx-indicator";
          document.body.append(probe);
          return getComputedStyle(probe).opacity;
        }"""
    )
    assert opacity == "0"
    assert page.evaluate("() => window.__refused") == []
