"""Smoke test in a real browser: a worker and a staff member log in on a phone screen.

Headless Debian Chromium (/usr/bin/chromium) driven by Playwright; Playwright's own
browser downloads are never used. `make test` installs Chromium when it is missing.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; make test installs it")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-quic",
                # The machine's network is closed: no calls home at start-up.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # A Chinese phone: the language a worker's browser asks for.
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, live_server, phone, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", phone)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state()


def test_a_worker_logs_in_and_sees_the_chinese_home_page(page, live_server, worker, password):
    log_in(page, live_server, worker.phone, password)

    assert page.url == f"{live_server.url}/"
    main = page.locator("main")
    assert "驿站" in main.inner_text()  # Stations
    assert "诉求" in main.inner_text()  # Appeals
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.screenshot(
        path=str(Path(os.environ.get("BROWSER_SCREENSHOTS", "/tmp")) / "yunjishi-worker-home.png"),
        full_page=True,
    )


def test_a_staff_member_logs_in_and_lands_on_the_staff_home_page(
    page, live_server, handler_a, password
):
    log_in(page, live_server, handler_a.phone, password)

    assert page.url == f"{live_server.url}/staff/"
    assert page.locator("h1").inner_text() == "工作台"  # Staff home
