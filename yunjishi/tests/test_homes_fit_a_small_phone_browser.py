"""The two homes fit a 360-pixel phone: nothing runs off the side, every tile shows its
title, and the count of what waits is on the tile. Screenshots are left in ``shots``."""

import pytest

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 740}


def overflow(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


def test_the_worker_home_fits_a_360_pixel_phone(open_as, live_server, worker, shots):
    from yunjishi.notify.models import Notification

    Notification.objects.create(user=worker, title="您的入会申请已通过")
    page = open_as(worker)
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"{live_server.url}/")

    assert overflow(page) <= 0
    tiles = page.locator(".home-entry")
    assert tiles.count() >= 6
    assert page.locator(".home-count").inner_text() == "1 条未读"
    page.screenshot(path=str(shots / "yunjishi-home-360.png"), full_page=True)


def test_the_staff_home_fits_a_360_pixel_phone(open_as, live_server, supervisor, shots):
    page = open_as(supervisor)
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"{live_server.url}/staff/")

    assert overflow(page) <= 0
    for tile in page.locator(".home-entry").all():
        box = tile.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= SMALL_PHONE["width"]
    page.screenshot(path=str(shots / "yunjishi-staff-home-360.png"), full_page=True)
