import pytest
from django.core.exceptions import ValidationError

from yunjishi.orgs.models import Org
from yunjishi.orgs.services import add_org, move_org


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


def test_an_org_cannot_move_under_its_own_branch(tree):
    with pytest.raises(ValidationError):
        move_org(Org.objects.get(pk=tree.district.pk), Org.objects.get(pk=tree.street_a.pk))
    assert Org.objects.get(pk=tree.street_a.pk).parent_org().pk == tree.district.pk
