"""Smoke test in a real browser: a worker and a staff member log in on a phone screen.

Headless Debian Chromium (/usr/bin/chromium) driven by Playwright; Playwright's own
browser downloads are never used. `make test` installs Chromium when it is missing.
"""

import pytest

pytestmark = pytest.mark.browser


def test_a_worker_logs_in_and_sees_the_chinese_home_page(open_as, live_server, worker, shots):
    page = open_as(worker)  # on a Chinese phone: the language a worker's browser asks for

    assert page.url == f"{live_server.url}/"
    main = page.locator("main")
    assert "驿站" in main.inner_text()  # Stations
    assert "诉求" in main.inner_text()  # Appeals
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.screenshot(
        path=str(shots / "yunjishi-worker-home.png"),
        full_page=True,
    )


def test_a_staff_member_logs_in_and_lands_on_the_staff_home_page(open_as, live_server, handler_a):
    page = open_as(handler_a)

    assert page.url == f"{live_server.url}/staff/"
    assert page.locator("h1").inner_text() == "工作台"  # Staff home
