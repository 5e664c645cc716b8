"""On a phone, a worker lets the browser share their position, asks for 热饭 and gets the
nearest open station with a navigation link. Headless Debian Chromium via Playwright."""

import pytest

pytestmark = pytest.mark.browser


def test_a_worker_on_a_phone_finds_the_nearest_open_station_with_hot_meals(
    open_as, live_server, make_station, worker, shots
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

    page = open_as(
        worker,
        geolocation={"latitude": 24.4500, "longitude": 118.0800},
        permissions=["geolocation"],
    )

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
    page.screenshot(path=str(shots / "yunjishi-stations-nearest.png"), full_page=True)

    first.locator("h2 a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/stations/{nearest.pk}/")
    assert page.locator("a.nav-amap").get_attribute("href").startswith("https://uri.amap.com/")
    page.get_by_role("button", name="显示号码").click()
    page.wait_for_selector("a[href='tel:13812345678']")
    page.screenshot(path=str(shots / "yunjishi-stations-detail.png"), full_page=True)
