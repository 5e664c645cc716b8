"""One rule per action: what a worker's page refuses, its API refuses, and what one
takes, the other takes (defect 11 was the appeals API taking any union).

Each row of ``CASES`` is an action that exists as a page form and as an API endpoint, a
situation, and whether it should be taken. Two people in the same standing try it, one on
the page and one over the API; both must come out as expected (the page by what it
stored, the API by its answer and what it stored, never a 500).
"""

import datetime as dt
import secrets
from dataclasses import dataclass
from itertools import count
from typing import Any

import pytest
from django.utils import timezone

from yunjishi.appeals.models import Appeal, Category
from yunjishi.booking.models import Booking
from yunjishi.market import listings
from yunjishi.market.models import Listing, Order
from yunjishi.membership.models import JoinApplication
from yunjishi.orgs.models import Org
from yunjishi.orgs.services import add_org
from yunjishi.people.models import MemberProfile, Occupation, User
from yunjishi.proposals.models import Proposal
from yunjishi.stations import activities, checkin_codes
from yunjishi.stations import services as stations
from yunjishi.stations.models import CheckIn, District, Status

PHONES = count(13811110000)


def _json(client, path, data=None, **headers):
    return client.post(path, data or {}, content_type="application/json", **headers)


# --- The actions: the page, the API and what a person has made ----------------------------


def appeal_page(client, user, given):
    data = {"category": given["category"].pk, "title": "食堂饭菜太咸"}
    data["text"] = "最近一个月公司食堂的饭菜明显偏咸，希望改进。"
    if MemberProfile.objects.filter(user=user, org__isnull=False).exists():
        data["org"] = given["org"].pk
    else:
        data["org_code"] = given["org"].code
    return client.post("/appeals/new/", data)


def appeal_api(client, user, given):
    data = {"category_id": given["category"].pk, "org_id": given["org"].pk}
    data |= {"title": "食堂饭菜太咸", "text": "最近一个月公司食堂的饭菜明显偏咸，希望改进。"}
    return _json(client, "/api/appeals", data)


PROPOSAL = {
    "title": "关于加强对货车司机关心关爱的提案",
    "text": "建议在物流园区建设共享“司机之家”，解决货车司机休息、热饭难题。",
    "category": "living",
}


def proposal_page(client, user, given):
    return client.post("/proposals/new/", {**PROPOSAL, "org": given["org"].pk})


def proposal_api(client, user, given):
    return _json(client, "/api/proposals/", {**PROPOSAL, "org_id": given["org"].pk})


def join_page(client, user, given):
    data = {"real_name": "钱新人", "occupation": given["occupation"].pk, "area": given["area"].pk}
    return client.post("/membership/apply/", data)


def join_api(client, user, given):
    data = {"real_name": "钱新人", "occupation_id": given["occupation"].pk}
    return _json(client, "/api/membership/applications", {**data, "area_id": given["area"].pk})


def order_page(client, user, given):
    data = {"token": secrets.token_urlsafe(18)}
    if given.get("slot"):
        data["slot"] = given["slot"].pk
    return client.post(f"/market/listings/{given['listing'].pk}/order/", data)


def order_api(client, user, given):
    data = {"slot_id": given["slot"].pk} if given.get("slot") else {}
    return _json(client, f"/api/market/listings/{given['listing'].pk}/orders", data)


def sign_up_page(client, user, given):
    path = f"/stations/activities/{given['activity'].pk}/sign-up/"
    return client.post(path, {"token": secrets.token_urlsafe(18)})


def sign_up_api(client, user, given):
    return _json(client, f"/api/stations/activities/{given['activity'].pk}/sign-up")


def check_in_page(client, user, given):
    return client.post(f"/stations/c/{given['station'].code}/", {"t": given["code"]})


def check_in_api(client, user, given):
    path = f"/api/stations/stations/{given['station'].pk}/checkins"
    return _json(client, path, {"token": given["code"]})


ACTIONS = {
    "appeal": (appeal_page, appeal_api, lambda u: Appeal.objects.filter(submitter=u).count()),
    "proposal": (
        proposal_page,
        proposal_api,
        lambda u: Proposal.objects.filter(representative=u).count(),
    ),
    "join": (join_page, join_api, lambda u: JoinApplication.objects.filter(applicant=u).count()),
    "order": (order_page, order_api, lambda u: Order.objects.filter(worker=u).count()),
    "sign-up": (
        sign_up_page,
        sign_up_api,
        lambda u: Booking.objects.filter(user=u).exclude(status="cancelled").count(),
    ),
    "check-in": (check_in_page, check_in_api, lambda u: CheckIn.objects.filter(user=u).count()),
}


# --- The world the situations are set in --------------------------------------------------


@dataclass
class World:
    tree: Any
    provider: User
    admin_a: User
    handler_a: User

    def person(self, kind: str) -> User:
        """A new person: a ``member`` of enterprise A, a ``representative`` (a member
        too), or a ``newcomer`` who is not a member yet."""
        user = User.objects.create_user(str(next(PHONES)), "Gonghui#2024", display_name="职工")
        if kind == "newcomer":
            MemberProfile.objects.create(user=user, real_name="钱新人")
        else:
            MemberProfile.objects.create(
                user=user,
                real_name="王职工",
                org=self.tree.enterprise_a,
                membership_status="member",
                membership_number=f"T{user.pk:08d}",
                is_representative=kind == "representative",
            )
        return user

    def category(self):
        return Category.objects.get_or_create(name="后勤保障", default_severity="minor")[0]

    def closed(self, org: Org) -> Org:
        Org.objects.filter(pk=org.pk).update(is_active=False)
        return Org.objects.get(pk=org.pk)

    def listing(self, *, live=True, sessions=None, **fields) -> Listing:
        data = {
            "title": "免费健康检查",
            "description": "劳模医生为一线职工提供免费健康检查和用药咨询。",
            "domain": "health",
            "format": "offline",
            "place": "街道A职工服务中心",
            **fields,
        }
        listing = listings.create_listing(
            self.provider, data, places=None if sessions else 50, sessions=sessions
        )
        if live:
            listings.submit(self.provider, listing)
            listings.approve(self.admin_a, listing)
            listings.publish_batch(self.admin_a, self.tree.street_a, "第一批", [listing])
        return Listing.objects.get(pk=listing.pk)

    def dated_listing(self) -> Listing:
        start = timezone.now() + dt.timedelta(days=2)
        return self.listing(sessions=[{"starts_at": start, "places": 5}])

    def station(self, status=Status.RUNNING):
        district = District.objects.get_or_create(
            code="350203",
            defaults={"name": "思明区", "city": "厦门市", "province": "福建省",
                      "prefix": "FJ-XM-SM", "lat": 24.4455, "lon": 118.0824},
        )[0]  # fmt: skip
        stations.ensure_default_services()
        n = next(PHONES) % 1000
        data = {
            "name": f"测试驿站{n}",
            "address": f"厦门市思明区测试路{n}号",
            "lat": 24.45 + n * 0.0001,
            "lon": 118.08,
            "weekly_hours": ["00:00-24:00"] * 7,
            "manager_name": "郑站长",
            "manager_phone": "13812345678",
            "services": ["热饭"],
        }
        return stations.create_station(
            None, self.tree.street_a, data, district=district, status=status
        )

    def activity(self, *, cancelled=False, paused=False):
        station = self.station()
        start = timezone.now() + dt.timedelta(days=1)
        activity = activities.create_activity(
            self.handler_a,
            station,
            title="急救知识科普",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            places=10,
        )
        if cancelled:
            activities.cancel_activity(self.handler_a, activity, "场地维修")
        if paused:
            stations.change_status(None, station, Status.PAUSED, reason="维修")
        return activity

    def old_code(self, station) -> str:
        return checkin_codes.screen_code(station, timezone.now() - dt.timedelta(hours=1))


def occupation():
    return Occupation.objects.get_or_create(name="环卫工人")[0]


# (action, situation, person, what is given, taken?)
CASES = [
    ("appeal", "in their own union", "member",
     lambda w: {"category": w.category(), "org": w.tree.enterprise_a}, True),
    ("appeal", "in the city union above theirs", "member",
     lambda w: {"category": w.category(), "org": w.tree.city}, True),
    ("appeal", "in a unit beside theirs", "member",
     lambda w: {"category": w.category(),
                "org": add_org(w.tree.street_a, code="T-EA2", name="食堂工会", level="grassroots")},
     True),
    ("appeal", "in another street's union", "member",
     lambda w: {"category": w.category(), "org": w.tree.street_b}, False),
    ("appeal", "in another street's enterprise", "member",
     lambda w: {"category": w.category(), "org": w.tree.enterprise_b}, False),
    ("appeal", "in the province federation", "member",
     lambda w: {"category": w.category(), "org": w.tree.province}, False),
    ("appeal", "in a closed union above theirs", "member",
     lambda w: {"category": w.category(), "org": w.closed(w.tree.street_a)}, False),
    ("appeal", "by a newcomer in any active union", "newcomer",
     lambda w: {"category": w.category(), "org": w.tree.street_b}, True),
    ("appeal", "by a newcomer in a closed union", "newcomer",
     lambda w: {"category": w.category(), "org": w.closed(w.tree.street_b)}, False),
    ("proposal", "to their street", "representative", lambda w: {"org": w.tree.street_a}, True),
    ("proposal", "to the city", "representative", lambda w: {"org": w.tree.city}, True),
    ("proposal", "to another street", "representative",
     lambda w: {"org": w.tree.street_b}, False),
    ("proposal", "to the province", "representative", lambda w: {"org": w.tree.province}, False),
    ("proposal", "by a member who is no representative", "member",
     lambda w: {"org": w.tree.street_a}, False),
    ("join", "in a street", "newcomer",
     lambda w: {"occupation": occupation(), "area": w.tree.street_a}, True),
    ("join", "naming an enterprise as the area", "newcomer",
     lambda w: {"occupation": occupation(), "area": w.tree.enterprise_a}, False),
    ("join", "in a closed street", "newcomer",
     lambda w: {"occupation": occupation(), "area": w.closed(w.tree.street_b)}, False),
    ("join", "by someone already a member", "member",
     lambda w: {"occupation": occupation(), "area": w.tree.street_a}, False),
    ("order", "a live service", "member", lambda w: {"listing": w.listing()}, True),
    ("order", "a session of a dated service", "member",
     lambda w: {"listing": (li := w.dated_listing()), "slot": li.pool.slots.get()}, True),
    ("order", "a session of another service", "member",
     lambda w: {"listing": w.dated_listing(), "slot": w.dated_listing().pool.slots.get()},
     False),
    ("order", "a members-only service as a newcomer", "newcomer",
     lambda w: {"listing": w.listing(eligibility="members")}, False),
    ("order", "a service not yet published", "member",
     lambda w: {"listing": w.listing(live=False)}, False),
    ("sign-up", "an upcoming activity", "member", lambda w: {"activity": w.activity()}, True),
    ("sign-up", "a cancelled activity", "member",
     lambda w: {"activity": w.activity(cancelled=True)}, False),
    ("sign-up", "an activity of a paused station", "member",
     lambda w: {"activity": w.activity(paused=True)}, False),
    ("check-in", "with the code on the screen now", "member",
     lambda w: {"station": (s := w.station()), "code": checkin_codes.screen_code(s)}, True),
    ("check-in", "with a photo of an hour-old code", "member",
     lambda w: {"station": (s := w.station()), "code": w.old_code(s)}, False),
    ("check-in", "at a paused station", "member",
     lambda w: {"station": (s := w.station(Status.PAUSED)),
                "code": checkin_codes.screen_code(s)}, False),
]  # fmt: skip


@pytest.fixture
def world(tree, provider, admin_a, handler_a):
    return World(tree=tree, provider=provider, admin_a=admin_a, handler_a=handler_a)


@pytest.mark.parametrize(
    ("action", "situation", "kind", "given", "taken"),
    CASES,
    ids=[f"{case[0]}: {case[1]}" for case in CASES],
)
def test_the_page_and_the_api_give_the_same_answer(
    world, client_for, action, situation, kind, given, taken
):
    page, api, made = ACTIONS[action]
    inputs = given(world)
    on_page, over_api = world.person(kind), world.person(kind)

    page_answer = page(client_for(on_page), on_page, inputs)
    api_answer = api(client_for(over_api), over_api, inputs)

    assert page_answer.status_code < 500 and api_answer.status_code < 500
    assert (made(on_page) > 0, made(over_api) > 0) == (taken, taken), situation
    assert (api_answer.status_code < 300) == taken, api_answer.content


def test_every_action_has_a_row_taken_and_a_row_refused():
    outcomes = {(case[0], case[4]) for case in CASES}
    assert outcomes == {(action, taken) for action in ACTIONS for taken in (True, False)}
