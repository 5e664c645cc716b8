"""Every main page of every role renders under the strict Content-Security-Policy: the browser
refuses nothing (no inline style, script or handler, nothing from another site).

Headless Chromium on the demo data, logged in as each demo role in turn. Each role opens
its main pages and every page these link to; a page opened once is not opened again for
another role (the same template). The browser reports a refusal both as a
``securitypolicyviolation`` event and on the console: both are collected, with the page's
script errors, and the test fails listing every one.
"""

import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from yunjishi.demo.seeding import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Demo logins (yunjishi/demo/people.py): 1380000xxxx, 0000 the platform admin, 1xxx staff,
# 2xxx workers, 3xxx providers, 5xxx station managers.
ADMIN = "13800000000"
ORG_ADMIN = "13800001001"  # 南山区: members, staff roles, demand surveys
HANDLER = "13800001002"  # 南山区: appeals and join applications
SUPERVISOR = "13800001004"  # 南山区: supervises appeals, reviews listings
STATIONS_ADMIN = "13800001051"  # 福建省: the stations
PROPOSALS_ADMIN = "13800001061"  # 平湖: proposals
RIDER = "13800002001"  # a worker: market, stations
APPELLANT = "13800002005"  # a worker with appeals
REPRESENTATIVE = "13800002009"
PROVIDER = "13800003001"
STATION_MANAGER = "13800005001"

# Downloads, images and actions: not pages.
NOT_A_PAGE = re.compile(
    r"logout|/i18n/|/api/|\.(xlsx|csv|geojson|svg)$|/export|/qr|/photos/|/admin/"
)

WATCH = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__refused.push(
    `${event.violatedDirective} refused ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def password():
    return DEMO_PASSWORD


@pytest.fixture
def demo():
    call_command("seed_demo", "--no-logins", stdout=StringIO())
    from yunjishi.appeals.models import Appeal
    from yunjishi.market.models import Listing
    from yunjishi.orgs.models import Org
    from yunjishi.people.models import User
    from yunjishi.stations.models import Station
    from yunjishi.surveys.models import SurveyLink

    station = Station.objects.filter(status="running").order_by("pk").first()
    return {
        "users": {user.phone: user for user in User.objects.all()},
        "station": station,
        "listing": Listing.objects.live().order_by("pk").first(),
        "survey_link": SurveyLink.objects.order_by("pk").first(),
        "appeal": Appeal.objects.order_by("pk").first(),
        "org": Org.objects.order_by("pk").first(),
        "map": f"/stations/map/?searched=1&lat={station.lat}&lon={station.lon}",
    }


def pattern(path: str) -> str:
    """Pages of one kind: /market/orders/12/ and /market/orders/13/ are one page."""
    return re.sub(r"\d+", "N", urlsplit(path).path)


class Visitor:
    """Opens pages as one person and notes whatever the browser refused."""

    def __init__(self, page, base_url, problems):
        self.page = page
        self.base_url = base_url
        self.problems = problems
        self.messages = []
        page.add_init_script(WATCH)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"script error: {error}"))

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.messages.append(f"console: {message.text}")

    def visit(self, path: str) -> int:
        self.messages.clear()
        response = self.page.goto(self.base_url + path)
        refused = self.page.evaluate(
            "() => new Promise((done) => setTimeout(() => done(window.__refused), 50))"
        )
        for problem in [*refused, *self.messages]:
            self.problems.append(f"{path}: {problem}")
        return response.status

    def links(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        return [
            href[len(self.base_url) :]
            for href in hrefs
            if href.startswith(self.base_url + "/") and not NOT_A_PAGE.search(urlsplit(href).path)
        ]


def test_every_main_page_of_every_role_renders_without_a_policy_violation(
    demo, open_as, live_server
):
    station, listing, appeal = demo["station"], demo["listing"], demo["appeal"]
    admin_pages = [
        "/admin/",
        "/admin/orgs/org/",  # treebeard's tree
        f"/admin/orgs/org/{demo['org'].pk}/change/",
        f"/admin/people/user/{demo['users'][RIDER].pk}/change/",
        f"/admin/appeals/appeal/{appeal.pk}/change/",
        f"/admin/market/listing/{listing.pk}/change/",
        "/admin/stations/station/add/",  # autocomplete and date widgets
        "/api/docs",
    ]
    roles = {
        None: [
            "/",
            "/accounts/login/",
            "/accounts/signup/",
            "/stations/",
            demo["map"],
            f"/stations/{station.pk}/",
            "/market/",
            f"/market/listings/{listing.pk}/",
            f"/surveys/s/{demo['survey_link'].token}/",
            "/appeals/public/",
        ],
        RIDER: ["/", "/market/", "/market/orders/", "/stations/", demo["map"], "/membership/"],
        APPELLANT: ["/", "/appeals/", "/appeals/new/"],
        REPRESENTATIVE: ["/", "/proposals/", "/proposals/report/", "/proposals/report/print/"],
        PROVIDER: ["/", "/market/provider/", "/market/provider/orders/"],
        STATION_MANAGER: ["/", "/stations/staff/"],
        HANDLER: ["/staff/", "/appeals/staff/", "/appeals/staff/board/", "/membership/staff/"],
        SUPERVISOR: ["/staff/", "/appeals/staff/stats/", "/market/staff/review/"],
        ORG_ADMIN: ["/staff/", "/market/staff/stats/", "/surveys/staff/"],
        STATIONS_ADMIN: ["/staff/", "/stations/staff/", "/stations/staff/ranking/"],
        PROPOSALS_ADMIN: ["/staff/", "/proposals/staff/", "/proposals/staff/figures/"],
        ADMIN: admin_pages,
    }
    problems, seen = [], set()
    for phone, start in roles.items():
        page = open_as(demo["users"][phone] if phone else None)
        visitor = Visitor(page, live_server.url, problems)
        follow, tried = [], set()
        for path in start:
            assert visitor.visit(path) == 200, path
            seen.add(pattern(path))
            if not path.startswith("/admin/"):
                follow += visitor.links()
        for path in follow:
            if pattern(path) not in seen | tried:
                tried.add(pattern(path))
                if visitor.visit(path) == 200:  # else another role may open it
                    seen.add(pattern(path))
        page.context.close()

    assert len(seen) > 60, sorted(seen)  # the homes' links were followed
    assert not problems, "\n".join(problems)
