import random

import pytest

from yunjishi.orgs.models import Org, collapse_paths, path_upper_bound, subtree_q
from yunjishi.orgs.services import add_org


def test_the_upper_bound_carries_past_z():
    assert path_upper_bound("0001") == "0002"
    assert path_upper_bound("0009") == "000A"
    assert path_upper_bound("000Z") == "001"
    assert path_upper_bound("00ZZ") == "01"


def test_paths_inside_another_path_are_dropped():
    assert collapse_paths(["00010002", "0001", "00020001"]) == ["0001", "00020001"]


def test_the_subtree_of_an_org_holds_it_and_everything_under_it(tree):
    names = set(Org.objects.subtree(tree.street_a).values_list("name", flat=True))
    assert names == {"街道A总工会", "A街道某公司工会"}


@pytest.mark.django_db
def test_the_range_filter_matches_a_prefix_scan_on_a_random_tree():
    random.seed(7)
    root = add_org(None, code="R", name="root", level="national")
    nodes = [root]
    for i in range(300):
        parent = Org.objects.get(pk=random.choice(nodes).pk)
        nodes.append(add_org(parent, code=f"N{i:04d}", name=f"n{i}", level="grassroots"))
    everything = list(Org.objects.all())
    for org in random.sample(everything, 40):
        by_range = set(Org.objects.filter(subtree_q([org.path])).values_list("pk", flat=True))
        by_prefix = {o.pk for o in everything if o.path.startswith(org.path)}
        assert by_range == by_prefix
