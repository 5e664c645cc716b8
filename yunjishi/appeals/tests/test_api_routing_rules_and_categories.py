"""Routing rules and categories over the API, under the admin's rules: an org admin lists,
creates and changes the rules of their own branch (never another's, never to a union that
is switched off); anyone reads the categories offered; only superusers change them."""

import pytest

from yunjishi.appeals.models import Category, RoutingRule
from yunjishi.orgs.models import Org

RULES = "/api/appeals/staff/rules"
CATEGORIES = "/api/appeals/staff/categories"


def post(client, url, data, method="post"):
    return getattr(client, method)(url, data, content_type="application/json")


def test_an_org_admin_creates_and_changes_a_rule_of_their_branch(
    admin_a, tree, logistics, client_for
):
    client = client_for(admin_a)
    created = post(
        client,
        RULES,
        {"org_id": tree.street_a.pk, "category_id": logistics.pk, "target": "owner"},
    )
    assert created.status_code == 201, created.content
    rule = created.json()
    assert (rule["org"]["id"], rule["target"], rule["may_change"]) == (
        tree.street_a.pk,
        "owner",
        True,
    )
    changed = post(
        client,
        f"{RULES}/{rule['id']}",
        {"org_id": tree.street_a.pk, "target": "fixed", "handling_org_id": tree.enterprise_a.pk},
        method="put",
    )
    assert changed.status_code == 200, changed.content
    assert RoutingRule.objects.get().handling_org == tree.enterprise_a
    assert [r["id"] for r in client.get(RULES).json()] == [rule["id"]]


def test_the_same_rule_twice_is_refused_in_words(admin_a, tree, client_for):
    client = client_for(admin_a)
    assert post(client, RULES, {"org_id": tree.street_a.pk, "target": "owner"}).status_code == 201
    again = post(client, RULES, {"org_id": tree.street_a.pk, "target": "origin"})
    assert again.status_code == 422 and "已有" in again.json()["message"]


def test_a_rule_outside_the_branch_or_to_an_inactive_union_is_refused(
    admin_a, handler_a, tree, client_for
):
    client = client_for(admin_a)
    outside = post(client, RULES, {"org_id": tree.street_b.pk, "target": "owner"})
    assert outside.status_code == 422 and "org" in outside.json()["fields"]
    Org.objects.filter(pk=tree.enterprise_a.pk).update(is_active=False)
    inactive = post(
        client,
        RULES,
        {"org_id": tree.street_a.pk, "target": "fixed", "handling_org_id": tree.enterprise_a.pk},
    )
    assert inactive.status_code == 422 and "handling_org" in inactive.json()["fields"]
    # a handler is staff, but makes no rules
    refused = post(client_for(handler_a), RULES, {"org_id": tree.street_a.pk, "target": "owner"})
    assert refused.status_code == 403
    assert not RoutingRule.objects.exists()


def test_a_rule_of_another_branch_is_not_found(admin_a, tree, client_for):
    theirs = RoutingRule.objects.create(org=tree.street_b, target="owner")
    client = client_for(admin_a)
    assert client.get(RULES).json() == []
    response = post(
        client, f"{RULES}/{theirs.pk}", {"org_id": tree.street_a.pk, "target": "origin"}, "put"
    )
    assert response.status_code == 404


def test_workers_read_the_categories_offered_and_only_superusers_change_them(
    categories, worker, admin_a, superuser, client_for
):
    Category.objects.filter(name="意见建议").update(is_active=False)
    offered = client_for(worker).get("/api/appeals/categories").json()
    assert "意见建议" not in [c["name"] for c in offered] and len(offered) == 5
    assert len(client_for(admin_a).get(CATEGORIES).json()) == 6
    data = {"name": "劳动保护", "default_severity": "general", "sort": 7}
    assert post(client_for(admin_a), CATEGORIES, data).status_code == 403
    created = post(client_for(superuser), CATEGORIES, data)
    assert created.status_code == 201 and created.json()["is_active"] is True
    pk = created.json()["id"]
    off = post(client_for(superuser), f"{CATEGORIES}/{pk}", {**data, "is_active": False}, "put")
    assert off.status_code == 200 and Category.objects.get(pk=pk).is_active is False
    twice = post(client_for(superuser), CATEGORIES, {"name": "后勤保障"})
    assert twice.status_code == 422 and "name" in twice.json()["fields"]


@pytest.mark.parametrize("url", [RULES, CATEGORIES])
def test_workers_have_no_settings_pages(url, worker, client_for):
    assert client_for(worker).get(url).status_code == 403
