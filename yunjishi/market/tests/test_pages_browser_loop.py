"""The market loop in a real browser on a phone screen: a worker finds and orders a service,
the provider arranges and gives it, the worker confirms and reviews.

Headless Debian Chromium driven by Playwright, as in ``core/tests/test_browser.py``."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("BROWSER_SCREENSHOTS", "/tmp"))

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
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_as(browser, live_server, password):
    """``open_as(user)``: a phone-sized page logged in as ``user``."""
    contexts = []

    def open_as(user):
        context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", user.phone)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]")
        page.wait_for_load_state()
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_the_whole_order_loop_works_in_the_browser(
    make_listing, worker, provider, tomorrow, open_as, live_server
):
    from django.utils import timezone

    from yunjishi.market.models import Order, OrderStatus, Review

    listing = make_listing(places=3)
    page = open_as(worker)
    page.goto(f"{live_server.url}/market/")
    page.click("a.tile[href='?domain=health']")
    page.click(f"a[href='/market/listings/{listing.pk}/']")
    page.click("#order button[type=submit]")
    page.wait_for_load_state()
    order = Order.objects.get(worker=worker)
    assert page.url.endswith(f"/market/orders/{order.pk}/")
    page.screenshot(path=str(SHOTS / "yunjishi-market-order.png"), full_page=True)

    provider_page = open_as(provider)
    provider_page.goto(f"{live_server.url}/market/provider/orders/{order.pk}/")
    when = timezone.localtime(tomorrow).strftime("%Y-%m-%dT%H:%M")
    provider_page.fill("#allocate input[name=scheduled_at]", when)
    provider_page.fill("#allocate input[name=place]", "街道A职工服务中心二楼")
    provider_page.click("#allocate button[type=submit]")
    provider_page.wait_for_load_state()
    provider_page.click(f"form[action$='/{order.pk}/deliver/'] button")
    provider_page.wait_for_load_state()
    provider_page.screenshot(path=str(SHOTS / "yunjishi-market-provider.png"), full_page=True)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED

    page.reload()
    page.click(f"form[action$='/{order.pk}/confirm/'] button")
    page.wait_for_load_state()
    page.check("#review-form input[name=stars][value='5']")
    page.fill("#review-form textarea[name=text]", "医生很耐心")
    page.click("#review-form button[type=submit]")
    page.wait_for_load_state()
    page.screenshot(path=str(SHOTS / "yunjishi-market-reviewed.png"), full_page=True)
    assert Review.objects.get(order=order).stars == 5
    assert "医生很耐心" in page.locator("#review").inner_text()
