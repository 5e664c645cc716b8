"""On a phone, a worker lets the browser share their position, asks for 热饭 and gets the
nearest open station with a navigation link. Headless Debian Chromium via Playwright."""

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


def test_a_worker_on_a_phone_finds_the_nearest_open_station_with_hot_meals(
    browser, live_server, make_station, worker, password
):
    from yunjishi.stations.models import Station

    make_station(name="只有饮水的驿站", lat=24.4501, lon=118.0801, services_=["饮水"])
    make_station(
        name="已下班的驿站",
        lat=24.4502,
        lon=118.0802,
        weekly_hours=[""] * 7,  # closed every day: closed now, whatever the clock says
    )
    make_station(name="较远的热饭驿站", lat=24.4700, lon=118.1000)
    nearest = make_station(name="海沧热饭驿站", lat=24.4520, lon=118.0820)
    assert Station.objects.count() == 4

    context = browser.new_context(
        viewport=PHONE,
        locale="zh-CN",
        is_mobile=True,
        geolocation={"latitude": 24.4500, "longitude": 118.0800},
        permissions=["geolocation"],
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", worker.phone)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/")
    page.click("a.tile[href='/stations/']")
    page.check("input[name=services][value=hot-meal]")
    with page.expect_navigation():
        page.click("#use-position")
    assert "lat=24.45" in page.url

    first = page.locator(".station-card").first
    assert "海沧热饭驿站" in first.inner_text()
    assert "营业中" in first.inner_text() or "Open now" in first.inner_text()
    link = first.locator("a.nav-amap")
    assert link.get_attribute("href").startswith("https://uri.amap.com/marker?position=")
    assert "已下班的驿站" not in page.content() and "只有饮水的驿站" not in page.content()
    page.screenshot(path=str(SHOTS / "yunjishi-stations-nearest.png"), full_page=True)

    first.locator("h2 a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/stations/{nearest.pk}/")
    assert page.locator("a.nav-amap").get_attribute("href").startswith("https://uri.amap.com/")
    page.get_by_role("button", name="显示号码").click()
    page.wait_for_selector("a[href='tel:13812345678']")
    page.screenshot(path=str(SHOTS / "yunjishi-stations-detail.png"), full_page=True)
    context.close()
