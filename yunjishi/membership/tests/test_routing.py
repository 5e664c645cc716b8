from django.db import connection
from django.test.utils import CaptureQueriesContext

from yunjishi.membership.models import IntakeRule, RouteReason
from yunjishi.membership.services import route
from yunjishi.orgs.services import add_org


def test_it_routes_to_the_enterprise_union_by_credit_code(tree, cleaner):
    tree.enterprise_b.credit_code = "91440300MA5G8GXU48"
    tree.enterprise_b.save()
    org, reason = route(cleaner, tree.street_a, "", "91440300MA5G8GXU48")
    assert (org, reason) == (tree.enterprise_b, RouteReason.EMPLOYER)


def test_the_credit_code_beats_the_employer_name(tree, cleaner):
    tree.enterprise_b.credit_code = "91440300MA5G8GXU48"
    tree.enterprise_b.save()
    org, _ = route(cleaner, tree.street_a, "甲公司", "91440300MA5G8GXU48")
    assert org == tree.enterprise_b


def test_it_routes_by_the_normalised_employer_name(tree, cleaner):
    org, reason = route(cleaner, tree.street_b, " 甲 公司 ", "")
    assert (org, reason) == (tree.enterprise_a, RouteReason.EMPLOYER)


def test_an_inactive_enterprise_union_takes_nobody(tree, cleaner):
    tree.enterprise_a.is_active = False
    tree.enterprise_a.save()
    org, reason = route(cleaner, tree.street_a, "甲公司", "")
    assert (org, reason) == (tree.street_a, RouteReason.AREA)


def test_a_rider_goes_to_the_rule_of_the_nearest_area(tree, rider):
    city_riders = add_org(tree.city, code="T-Z1", name="市骑手工会", level="industry")
    district_riders = add_org(tree.district, code="T-Z2", name="区骑手工会", level="industry")
    IntakeRule.objects.create(occupation=rider, area=tree.city, org=city_riders)
    IntakeRule.objects.create(occupation=rider, area=tree.district, org=district_riders)
    org, reason = route(rider, tree.street_a, "", "")
    assert (org, reason) == (district_riders, RouteReason.OCCUPATION)


def test_a_rule_of_another_branch_does_not_apply(tree, rider):
    riders = add_org(tree.street_b, code="T-Z3", name="B街道骑手工会", level="industry")
    IntakeRule.objects.create(occupation=rider, area=tree.street_b, org=riders)
    org, reason = route(rider, tree.street_a, "", "")
    assert (org, reason) == (tree.street_a, RouteReason.AREA)


def test_occupation_rules_only_apply_to_new_employment_form_work(tree, cleaner):
    IntakeRule.objects.create(occupation=cleaner, area=tree.city, org=tree.district)
    assert route(cleaner, tree.street_a, "", "")[0] == tree.street_a
    org, reason = route(cleaner, tree.street_a, "", "", new_employment_form=True)
    assert (org, reason) == (tree.district, RouteReason.OCCUPATION)


def test_without_employer_or_rule_it_routes_to_the_area(tree, cleaner):
    assert route(cleaner, tree.street_b, "", "") == (tree.street_b, RouteReason.AREA)


def test_routing_takes_at_most_two_queries(tree, rider):
    IntakeRule.objects.create(occupation=rider, area=tree.city, org=tree.district)
    with CaptureQueriesContext(connection) as queries:
        route(rider, tree.street_a, "无此公司", "")
    assert len(queries) <= 2
