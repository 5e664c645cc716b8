"""Scope is read from the tree at query time: moving a branch moves its members into the
new district's scope, with nothing to rewrite on the people's side."""

from yunjishi.orgs.models import Org
from yunjishi.orgs.services import add_org, move_org
from yunjishi.people.models import MemberProfile, User
from yunjishi.people.services import assign_staff


def test_after_a_move_the_new_districts_staff_see_the_members(tree, worker):
    other_district = add_org(
        Org.objects.get(pk=tree.city.pk), code="T-D2", name="另一区总工会", level="county"
    )
    staffer = User.objects.create_user("13900000010", "Gonghui#2024")
    assign_staff(staffer, other_district, "handler")
    assert MemberProfile.objects.visible_to(staffer).count() == 0
    move_org(Org.objects.get(pk=tree.street_a.pk), other_district)
    staffer = User.objects.get(pk=staffer.pk)
    assert [m.real_name for m in MemberProfile.objects.visible_to(staffer)] == ["王职工"]
