import pytest
from django.core.exceptions import ValidationError

from yunjishi.orgs.models import Org
from yunjishi.orgs.services import add_org, move_org
from yunjishi.people.models import MemberProfile


def test_moving_a_branch_rewrites_every_path_below_it(tree):
    other_district = add_org(
        Org.objects.get(pk=tree.city.pk), code="T-D2", name="另一区总工会", level="county"
    )
    move_org(Org.objects.get(pk=tree.street_a.pk), other_district)
    other_district.refresh_from_db()
    moved = {o.name for o in Org.objects.subtree(other_district)}
    assert moved == {"另一区总工会", "街道A总工会", "A街道某公司工会"}
    stayed = {o.name for o in Org.objects.subtree(Org.objects.get(pk=tree.district.pk))}
    assert "A街道某公司工会" not in stayed


def test_after_a_move_the_new_districts_staff_see_the_members(tree, worker):
    from yunjishi.people.models import User
    from yunjishi.people.services import assign_staff

    other_district = add_org(
        Org.objects.get(pk=tree.city.pk), code="T-D2", name="另一区总工会", level="county"
    )
    staffer = User.objects.create_user("13900000010", "Gonghui#2024")
    assign_staff(staffer, other_district, "handler")
    assert MemberProfile.objects.visible_to(staffer).count() == 0
    move_org(Org.objects.get(pk=tree.street_a.pk), other_district)
    staffer = User.objects.get(pk=staffer.pk)
    assert [m.real_name for m in MemberProfile.objects.visible_to(staffer)] == ["王职工"]


def test_an_org_cannot_move_under_its_own_branch(tree):
    with pytest.raises(ValidationError):
        move_org(Org.objects.get(pk=tree.district.pk), Org.objects.get(pk=tree.street_a.pk))
    assert Org.objects.get(pk=tree.street_a.pk).parent_org().pk == tree.district.pk


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
