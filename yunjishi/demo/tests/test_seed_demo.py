import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from stdnum.cn import uscc

from yunjishi.appeals.models import Appeal, Category, Event, Rating, RoutingRule
from yunjishi.demo import appeals as demo_appeals
from yunjishi.demo.seeding import DEMO_PASSWORD
from yunjishi.market.models import Batch, Follow, Listing, Order, Review
from yunjishi.membership.models import IntakeRule
from yunjishi.orgs.models import Org
from yunjishi.people.models import (
    MemberProfile,
    MerchantProfile,
    Occupation,
    ProviderProfile,
    StaffAssignment,
    StationManagerProfile,
    User,
)
from yunjishi.proposals.models import (
    ContactVisit,
    Proposal,
    ProposalEvent,
    Suggestion,
    SuggestionEvent,
)
from yunjishi.stations.models import (
    Activity,
    CheckIn,
    ChecklistCheck,
    District,
    Evaluation,
    EvaluationSheet,
    HoursException,
    ImportJob,
    Station,
)
from yunjishi.surveys.models import Answer, Response, Survey, SurveyLink

SEEDED_MODELS = [
    Org,
    Occupation,
    User,
    MemberProfile,
    ProviderProfile,
    MerchantProfile,
    StationManagerProfile,
    StaffAssignment,
    IntakeRule,
    Listing,
    Order,
    Review,
    Batch,
    Follow,
    Survey,
    SurveyLink,
    Response,
    Answer,
    Proposal,
    ProposalEvent,
    Suggestion,
    SuggestionEvent,
    ContactVisit,
    Category,
    RoutingRule,
    Appeal,
    Event,
    Rating,
    District,
    Station,
    HoursException,
    ChecklistCheck,
    EvaluationSheet,
    Evaluation,
    CheckIn,
    Activity,
    ImportJob,
]
RIDER_PHONE = "13800002001"


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def rows_created(output: str) -> int:
    (count,) = re.findall(r"\d+", output.splitlines()[0])
    return int(count)


def snapshot() -> dict:
    return {model: list(model.objects.order_by("pk").values()) for model in SEEDED_MODELS}


@pytest.fixture
def seeded(db):
    return seed_demo()


def org(code: str) -> Org:
    return Org.objects.get(code=code)


def names_up_to_root(code: str) -> list[str]:
    return [ancestor.name for ancestor in org(code).ancestors_and_self()]


def test_a_second_run_creates_nothing_and_changes_nothing(seeded):
    before = snapshot()

    output = seed_demo()

    assert snapshot() == before
    assert rows_created(output) == 0
    assert all(rows for rows in before.values())


def test_the_appeals_under_way_are_seeded_with_the_rest(seeded):
    under_way = Appeal.objects.exclude(tracking_number__startswith="SQD")
    assert under_way.count() == len(demo_appeals.LIVE)
    assert set(under_way.values_list("status", flat=True)) == {
        "submitted",
        "accepted",
        "in_progress",
        "needs_info",
    }
    assert Event.objects.filter(appeal__in=under_way, kind="submitted").count() == len(
        demo_appeals.LIVE
    )


def test_the_first_run_says_how_many_rows_it_created(seeded):
    created = sum(model.objects.count() for model in SEEDED_MODELS)
    assert rows_created(seeded) == created


def test_it_keeps_what_an_operator_changed(seeded):
    Org.objects.filter(code="440305").update(name="南山区总工会（改名）")
    rider = User.objects.get(phone=RIDER_PHONE)
    rider.set_password("Another#Pass2025")
    rider.save()

    seed_demo()

    assert org("440305").name == "南山区总工会（改名）"
    rider.refresh_from_db()
    assert rider.check_password("Another#Pass2025")


def test_nanshan_sits_under_shenzhen_under_guangdong(seeded):
    assert names_up_to_root("440305") == [
        "中华全国总工会",
        "广东省总工会",
        "深圳市总工会",
        "南山区总工会",
    ]
    assert org("440305").level == "county"
    assert org("440305").region_code == "440305"


def test_dinghai_road_sits_under_yangpu_under_shanghai(seeded):
    assert names_up_to_root("310110001") == [
        "中华全国总工会",
        "上海市总工会",
        "杨浦区总工会",
        "定海路街道总工会",
    ]
    assert org("310110001").level == "street"


def test_guangzhou_petrochemical_has_company_department_and_workshop_unions(seeded):
    assert names_up_to_root("440100-GZSH-LY-CJY")[-4:] == [
        "广州市总工会",
        "广州石化工会",
        "广州石化炼油一部工会",
        "炼油一部常减压车间工会",
    ]
    company = org("440100-GZSH")
    assert company.level == "grassroots"
    assert Org.objects.subtree(company).count() == 7


def test_the_fujian_cities_and_the_industry_union_are_in_the_tree(seeded):
    fujian = org("350000")
    cities = set(
        Org.objects.subtree(fujian).filter(depth=fujian.depth + 1).values_list("name", flat=True)
    )
    assert {"厦门市总工会", "福州市总工会", "泉州市总工会"} <= cities
    industry = org("610000-NYHX")
    assert industry.level == "industry"
    assert industry.parent_org() == org("610000")
    for code in ("330482", "340000", "420100", "440500", "630000"):
        assert org(code).ancestors_and_self()[0].code == "ACFTU"


def test_the_made_up_credit_codes_are_well_formed(seeded):
    codes = Org.objects.exclude(credit_code="").values_list("credit_code", flat=True)
    assert codes
    for code in codes:
        assert uscc.is_valid(code)


def test_riders_couriers_and_drivers_in_nanshan_are_routed_to_their_unions(seeded):
    routes = {
        rule.occupation.name: rule.org.name
        for rule in IntakeRule.objects.filter(area__code="440305")
    }
    assert routes == {
        "外卖骑手": "南山区外卖骑手工会",
        "快递员": "南山区快递行业工会",
        "网约车司机": "南山区网约车司机工会",
    }
    assert Occupation.objects.get(name="外卖骑手").is_new_employment_form
    assert not Occupation.objects.get(name="环卫工人").is_new_employment_form


def test_the_non_member_driver_would_be_routed_to_the_drivers_union(seeded):
    from yunjishi.membership.services import route

    driver = MemberProfile.objects.get(user__phone="13800002004")
    union, _reason = route(driver.occupation, org("440305"))

    assert union == org("440305-WYC")


def test_every_role_has_a_demo_person(seeded):
    members = MemberProfile.objects.filter(membership_status="member")
    assert members.values("org").distinct().count() >= 5
    assert MemberProfile.objects.filter(membership_status="none", org=None).exists()
    assert members.filter(is_new_employment_form=True, occupation__name="外卖骑手").exists()
    assert members.filter(is_hardship=True).exists()
    assert members.filter(is_representative=True).exists()
    titles = set(ProviderProfile.objects.values_list("title", flat=True))
    assert {"national_model", "great_craftsman"} <= titles
    assert MerchantProfile.objects.exists()
    assert StationManagerProfile.objects.exists()
    for code in ("440305", "310110001"):
        roles = set(StaffAssignment.objects.filter(org__code=code).values_list("role", flat=True))
        assert roles == {"handler", "tracker", "supervisor", "org_admin"}
    assert StaffAssignment.objects.filter(org__code="310110006", role="handler").exists()
    assert StaffAssignment.objects.filter(org__level="province", role="supervisor").exists()
    assert User.objects.filter(is_superuser=True).count() == 1
    assert all(
        email.endswith("@example.com") for email in User.objects.values_list("email", flat=True)
    )


def test_the_street_handlers_each_see_only_their_own_street(seeded):
    dinghai = User.objects.get(
        staff_assignments__org__code="310110001", staff_assignments__role="handler"
    )
    pingliang = User.objects.get(
        staff_assignments__org__code="310110006", staff_assignments__role="handler"
    )

    seen_by_dinghai = set(
        MemberProfile.objects.visible_to(dinghai).values_list("real_name", flat=True)
    )
    seen_by_pingliang = set(
        MemberProfile.objects.visible_to(pingliang).values_list("real_name", flat=True)
    )

    assert "赵磊" in seen_by_dinghai and "钱秀梅" not in seen_by_dinghai
    assert "钱秀梅" in seen_by_pingliang and "赵磊" not in seen_by_pingliang


def test_it_prints_every_demo_login_with_the_shared_password(seeded):
    for user in User.objects.all():
        assert user.phone in seeded
        assert user.display_name in seeded
    assert DEMO_PASSWORD in seeded


def test_a_demo_worker_logs_in_with_the_printed_password(seeded, client):
    assert RIDER_PHONE in seeded and DEMO_PASSWORD in seeded
    # axes needs the request to authenticate; the login page passes it, so does this.
    request = RequestFactory().post("/")
    assert client.login(request=request, username=RIDER_PHONE, password=DEMO_PASSWORD)


def test_a_demo_worker_logs_in_through_the_login_page(seeded, client):
    response = client.post(
        reverse("people:login"), {"username": RIDER_PHONE, "password": DEMO_PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(phone=RIDER_PHONE).pk)
