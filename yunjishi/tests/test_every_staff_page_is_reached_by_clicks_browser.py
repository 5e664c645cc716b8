"""Every staff page is reached by clicking, from the staff home, in a real browser.

On the demo data (``seed_demo``), the platform admin (superuser), a demo staffer in each
staff role and the demo station manager log in on a phone and follow every link to a
staff page they are shown, starting from their home. Together they must reach every
staff page the URLconfs declare (see ``crawl.py``; a form's target is an action reached
by its button, not a page). Each of them must also reach every staff page they may open:
a page that opens for them when its address is typed in, but that no link led them to,
fails the test with its name; so does a link that refuses them.

Headless Debian Chromium driven by Playwright (the root conftest.py's ``open_as``).
"""

from io import StringIO
from pprint import pformat

import pytest
from django.core.management import call_command
from django.test import Client

from yunjishi.demo.people import ADMIN, STATION_MANAGERS
from yunjishi.demo.seeding import DEMO_PASSWORD

from .crawl import Reached, actions, crawl, in_browser, staff_url_names

pytestmark = pytest.mark.browser

# One demo person per staff role, where the demo data gives that role the most to see.
PEOPLE = {
    ADMIN.phone: "/staff/",  # superuser
    "13800001001": "/staff/",  # org admin, Nanshan: the market, members, join rules
    "13800001041": "/staff/",  # handler, Guangzhou Petrochemical workshop: appeals
    "13800001042": "/staff/",  # tracker, its refinery department
    "13800001031": "/staff/",  # supervisor, Guangdong province: Nanshan and the company
    "13800001051": "/staff/",  # org admin, Fujian province: stations
    STATION_MANAGERS[0].phone: "/",  # a manager's home links their station
}


@pytest.fixture
def password():
    return DEMO_PASSWORD


def unlinked(page, reached: Reached, examples: dict[str, set[str]]) -> dict[str, str]:
    """The staff pages (HTML, not files) this person was never led to that open for them
    all the same."""
    missed = {}
    for name, addresses in sorted(examples.items()):
        if name in reached.names:
            continue
        for address in sorted(addresses)[:1]:
            response = page.request.get(address, max_redirects=0)
            if response.status == 200 and "html" in response.headers.get("content-type", ""):
                missed[name] = address
                break
    return missed


def test_every_staff_page_is_reached_by_clicks_from_the_staff_home(
    transactional_db, live_server, open_as
):
    from yunjishi.people.models import User

    call_command("seed_demo", "--no-logins", stdout=StringIO())
    everything = Client()
    everything.force_login(User.objects.get(phone=ADMIN.phone))
    staff_names = staff_url_names()
    pages = staff_names - actions(staff_names, everything)

    crawled = {}
    for phone, start in PEOPLE.items():
        page = open_as(User.objects.get(phone=phone))
        crawled[phone] = (page, crawl(in_browser(page), live_server.url, start, staff_names))

    reached = set().union(*(found.names for _page, found in crawled.values()))
    missing = sorted(pages - reached)
    assert missing == [], f"staff pages that no click reaches: {missing}"

    examples: dict[str, set[str]] = {}
    for _page, found in crawled.values():
        for name, addresses in found.links.items():
            if name in pages:
                examples.setdefault(name, set()).update(addresses)
    problems = {}
    for phone, (page, found) in crawled.items():
        missed = unlinked(page, found, examples)
        if missed or found.refused:
            problems[phone] = {"opens but no link leads there": missed, "refused": found.refused}
    assert problems == {}, pformat(problems)
