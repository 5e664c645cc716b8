"""Defect 11: ``POST /api/appeals`` took any active union, while the page lets a member
file only in their own union, the unions above it up to the city, and the units beside
it. Both now ask ``services.filing_orgs``; someone who is not a member yet names any
active union on both (the page by its code)."""

import pytest

from yunjishi.appeals import services
from yunjishi.appeals.forms import SubmitForm
from yunjishi.appeals.models import Appeal
from yunjishi.orgs.services import add_org

DRAFT = {"title": "食堂饭菜太咸", "text": "最近一个月公司食堂的饭菜明显偏咸，希望改进。"}


def _api(client, logistics, org):
    return client.post(
        "/api/appeals",
        {**DRAFT, "category_id": logistics.pk, "org_id": org.pk},
        content_type="application/json",
    )


def _page(client, logistics, **fields):
    return client.post("/appeals/new/", {**DRAFT, "category": logistics.pk, **fields})


@pytest.mark.parametrize("name", ["street_b", "enterprise_b", "province", "national"])
def test_a_member_cannot_file_over_the_api_in_a_union_the_page_does_not_offer(
    client_for, worker, logistics, tree, name
):
    org = getattr(tree, name)
    response = _api(client_for(worker), logistics, org)
    assert response.status_code == 422 and "org" in response.json()["fields"]
    assert not Appeal.objects.exists()


@pytest.mark.parametrize("name", ["enterprise_a", "street_a", "district", "city", "canteen"])
def test_a_member_files_over_the_api_where_the_page_offers(
    client_for, worker, logistics, tree, name
):
    org = getattr(tree, name, None) or add_org(
        tree.street_a, code="T-EA2", name="A街道食堂工会", level="grassroots"
    )
    client = client_for(worker)
    offered = SubmitForm(worker).fields["org"].queryset
    assert offered.filter(pk=org.pk).exists()
    assert _api(client, logistics, org).status_code == 201
    assert Appeal.objects.get().org == org


def test_the_page_and_the_api_offer_the_same_unions(client_for, worker, logistics, tree):
    client = client_for(worker)
    offered = {org.pk for org in SubmitForm(worker).fields["org"].queryset}
    assert offered == {org.pk for org in services.filing_orgs(worker)}
    assert {org["id"] for org in client.get("/api/appeals/orgs").json()} == offered
    for org in (tree.national, tree.province, tree.city, tree.street_a, tree.street_b):
        by_page = _page(client, logistics, org=org.pk).status_code == 302
        by_api = _api(client, logistics, org).status_code == 201
        assert by_page == by_api == (org.pk in offered), org.name


def test_someone_not_yet_a_member_names_any_active_union_on_both(
    client_for, logistics, tree, password
):
    from yunjishi.people.models import User

    newcomer = User.objects.create_user("13800000077", password, display_name="钱新人")
    client = client_for(newcomer)
    assert _page(client, logistics, org_code=tree.street_b.code).status_code == 302
    assert _api(client, logistics, tree.street_b).status_code == 201
    assert Appeal.objects.filter(org=tree.street_b).count() == 2
