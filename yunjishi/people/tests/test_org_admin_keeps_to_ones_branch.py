"""The union tree's admin (``people.admin_orgs``): the whole tree to read, changes and new
orgs only inside the branch an org admin manages."""

from django.contrib import admin
from django.test import RequestFactory

from yunjishi.orgs.models import Org


def test_the_org_tree_admin_shows_the_tree_to_a_superuser(client_for, superuser, tree):
    client = client_for(superuser)
    assert "全国总工会" in client.get("/admin/orgs/org/").content.decode()
    found = client.get("/admin/orgs/org/", {"q": "街道"}).content.decode()
    assert "街道A总工会" in found and "街道B总工会" in found


def test_a_street_org_admin_cannot_add_an_org_outside_their_street(client_for, admin_a, tree):
    response = client_for(admin_a).post(
        "/admin/orgs/org/add/",
        {
            "code": "X1",
            "name": "越权工会",
            "level": "grassroots",
            "treebeard_position": "sorted-child",
            "treebeard_ref_node": tree.street_b.pk,
            "is_active": "on",
        },
    )
    assert not Org.objects.filter(code="X1").exists()
    assert response.status_code == 200


def test_a_street_org_admin_can_add_an_org_under_their_street(client_for, admin_a, tree):
    response = client_for(admin_a).post(
        "/admin/orgs/org/add/",
        {
            "code": "X2",
            "name": "新企业工会",
            "level": "grassroots",
            "treebeard_position": "sorted-child",
            "treebeard_ref_node": tree.street_a.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Org.objects.get(code="X2").parent_org().pk == tree.street_a.pk


def _may_change(user, org) -> bool:
    request = RequestFactory().get("/admin/orgs/org/")
    request.user = user
    return admin.site._registry[Org].has_change_permission(request, org)


def test_a_street_org_admin_may_change_their_own_street_but_not_another(admin_a, tree):
    assert _may_change(admin_a, Org.objects.get(pk=tree.street_a.pk))
    assert not _may_change(admin_a, Org.objects.get(pk=tree.street_b.pk))


def test_a_handler_may_read_the_tree_but_change_no_org(handler_a, tree):
    assert not _may_change(handler_a, Org.objects.get(pk=tree.street_a.pk))
