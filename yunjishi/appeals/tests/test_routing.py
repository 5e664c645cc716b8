"""小诉求不出区域，一般诉求不出直属单位，大诉求有公司跟踪: rules per org by category and reach
send each appeal to the level that must solve it, and its three people are told."""

import pytest

from yunjishi.appeals import services
from yunjishi.appeals.models import RoutingRule
from yunjishi.appeals.routing import route
from yunjishi.notify.models import Notification
from yunjishi.orgs.services import add_org

from .conftest import staff


@pytest.fixture
def company(tree):
    """A company union (enterprise_a) › a department (直属单位) › a workshop (车间)."""
    from yunjishi.orgs.models import Org

    department = add_org(tree.enterprise_a, code="T-EA-D", name="炼油部工会", level="grassroots")
    add_org(department, code="T-EA-D-W", name="常减压车间工会", level="grassroots")
    return type(
        "Company",
        (),
        {
            "company": Org.objects.get(code="T-EA"),
            "department": Org.objects.get(code="T-EA-D"),
            "workshop": Org.objects.get(code="T-EA-D-W"),
        },
    )


@pytest.fixture
def three_levels(company):
    for severity, target in (("minor", "origin"), ("general", "unit"), ("major", "owner")):
        RoutingRule.objects.create(org=company.company, severity=severity, target=target)
    return company


def test_small_appeals_stay_in_the_workshop_general_ones_go_to_the_department_and_major_ones_to_the_company(
    three_levels, logistics
):
    workshop = three_levels.workshop
    assert route(workshop, logistics, "minor")[0] == workshop
    assert route(workshop, logistics, "general")[0] == three_levels.department
    assert route(workshop, logistics, "major")[0] == three_levels.company


def test_a_rule_for_the_category_beats_one_for_any_category(three_levels, categories):
    wages = categories["工资待遇"]
    RoutingRule.objects.create(
        org=three_levels.company, category=wages, severity="minor", target="owner"
    )
    assert route(three_levels.workshop, wages, "minor")[0] == three_levels.company
    assert route(three_levels.workshop, categories["后勤保障"], "minor")[0] == (
        three_levels.workshop
    )


def test_the_nearest_org_s_rule_wins(three_levels, logistics):
    RoutingRule.objects.create(org=three_levels.department, severity="major", target="owner")
    assert route(three_levels.workshop, logistics, "major")[0] == three_levels.department


def test_a_fixed_rule_sends_it_to_the_chosen_department(three_levels, logistics, tree):
    RoutingRule.objects.create(
        org=three_levels.company,
        category=logistics,
        target="fixed",
        handling_org=tree.street_a,
    )
    assert route(three_levels.workshop, logistics, "general")[0] == tree.street_a


def test_without_rules_the_appeal_stays_where_it_was_sent(tree, logistics):
    assert route(tree.enterprise_a, logistics, "major") == (tree.enterprise_a, None)


def test_the_region_handler_the_department_tracker_and_the_senior_supervisor_are_each_told(
    three_levels, logistics, worker, supervisor, tree
):
    region = staff("13900000011", "车间办理员", three_levels.workshop, "handler")
    department = staff("13900000012", "部门跟踪员", three_levels.department, "tracker")
    senior = staff("13900000013", "公司督办员", three_levels.company, "supervisor")
    # A member of the workshop's union: a member files in their own union or above it.
    worker.member_profile.org = three_levels.workshop
    worker.member_profile.save(update_fields=["org"])

    appeal = services.submit(
        worker,
        category=logistics,
        title="更衣室热水器坏了",
        text="车间更衣室的热水器坏了一周，下班后没法洗澡，希望尽快修好。",
        org=three_levels.workshop,
        severity="minor",
    )

    assert appeal.handling_org == three_levels.workshop
    assert (appeal.handler, appeal.tracker, appeal.supervisor) == (region, department, senior)
    told = Notification.objects.filter(kind="appeals.todo").order_by("user_id")
    assert list(told.values_list("user_id", flat=True)) == sorted(
        [region.pk, department.pk, senior.pk]
    )
    assert all(appeal.tracking_number in n.body for n in told)


def test_a_worker_who_is_also_staff_is_never_responsible_for_their_own_appeal(
    tree, logistics, handler_a
):
    from yunjishi.people.models import MemberProfile

    MemberProfile.objects.create(user=handler_a, real_name="甲办理员", org=tree.enterprise_a)
    appeal = services.submit(
        handler_a,
        category=logistics,
        title="宿舍空调不制冷",
        text="三号宿舍楼的空调不制冷已经两周了，夜里很热睡不好。",
    )
    assert appeal.handler is None
    assert not services.is_staff_for(handler_a, appeal)
