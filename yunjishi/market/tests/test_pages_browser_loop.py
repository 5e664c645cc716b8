"""The market loop in a real browser on a phone screen: a worker finds and orders a service,
the provider arranges and gives it, the worker confirms and reviews.

Headless Debian Chromium driven by Playwright (the root conftest.py's ``open_as``)."""

import pytest

pytestmark = pytest.mark.browser


def test_the_whole_order_loop_works_in_the_browser(
    make_listing, worker, provider, tomorrow, open_as, live_server, shots
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
    page.screenshot(path=str(shots / "yunjishi-market-order.png"), full_page=True)

    provider_page = open_as(provider)
    provider_page.goto(f"{live_server.url}/market/provider/orders/{order.pk}/")
    when = timezone.localtime(tomorrow).strftime("%Y-%m-%dT%H:%M")
    provider_page.fill("#allocate input[name=scheduled_at]", when)
    provider_page.fill("#allocate input[name=place]", "街道A职工服务中心二楼")
    provider_page.click("#allocate button[type=submit]")
    provider_page.wait_for_load_state()
    provider_page.click(f"form[action$='/{order.pk}/deliver/'] button")
    provider_page.wait_for_load_state()
    provider_page.screenshot(path=str(shots / "yunjishi-market-provider.png"), full_page=True)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED

    page.reload()
    page.click(f"form[action$='/{order.pk}/confirm/'] button")
    page.wait_for_load_state()
    page.check("#review-form input[name=stars][value='5']")
    page.fill("#review-form textarea[name=text]", "医生很耐心")
    page.click("#review-form button[type=submit]")
    page.wait_for_load_state()
    page.screenshot(path=str(shots / "yunjishi-market-reviewed.png"), full_page=True)
    assert Review.objects.get(order=order).stars == 5
    assert "医生很耐心" in page.locator("#review").inner_text()
