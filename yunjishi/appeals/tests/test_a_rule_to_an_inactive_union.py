"""A rule that sends appeals to a chosen union cannot name one that is switched off, and
one switched off after the rule was made is routed around: the appeal goes where it
would go without that rule, never to a union nobody works in."""

import pytest
from django.core.exceptions import ValidationError

from yunjishi.appeals.models import RoutingRule
from yunjishi.appeals.routing import route
from yunjishi.orgs.models import Org


def switch_off(org):
    Org.objects.filter(pk=org.pk).update(is_active=False)
    return Org.objects.get(pk=org.pk)


def test_a_rule_cannot_name_an_inactive_union(tree):
    rule = RoutingRule(org=tree.street_a, target="fixed", handling_org=switch_off(tree.street_b))
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "handling_org" in error.value.message_dict
    with pytest.raises(ValidationError):
        RoutingRule(org=tree.street_a, target="fixed").full_clean()


def test_a_union_switched_off_later_is_routed_around(tree, logistics):
    RoutingRule.objects.create(org=tree.district, target="owner")
    RoutingRule.objects.create(org=tree.street_a, target="fixed", handling_org=tree.street_b)
    assert route(tree.enterprise_a, logistics, "minor")[0] == tree.street_b
    switch_off(tree.street_b)
    handling, rule = route(tree.enterprise_a, logistics, "minor")
    assert (handling, rule.org) == (tree.district, tree.district)  # the next rule up


def test_without_another_rule_it_stays_where_it_was_submitted(tree, logistics):
    RoutingRule.objects.create(org=tree.street_a, target="fixed", handling_org=tree.street_b)
    switch_off(tree.street_b)
    assert route(tree.enterprise_a, logistics, "minor") == (tree.enterprise_a, None)
