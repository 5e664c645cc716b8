"""``chosen_org`` reads "no org asked for" as the staffer's top org, and any id it is given
as that org: an id of 0 (the API's integers) is an org nobody has, so 404, not the top org."""

import pytest
from django.http import Http404

from yunjishi.people.scope import chosen_org


@pytest.mark.parametrize("raw", [0, "0"])
def test_an_org_id_of_0_is_404(admin_a, raw):
    with pytest.raises(Http404):
        chosen_org(admin_a, raw)


@pytest.mark.parametrize("raw", [None, ""])
def test_no_org_asked_for_is_the_staffers_top_org(admin_a, tree, raw):
    assert chosen_org(admin_a, raw) == tree.street_a


def test_an_org_of_the_staffer_is_that_org(supervisor, tree):
    assert chosen_org(supervisor, tree.street_b.pk) == tree.street_b
