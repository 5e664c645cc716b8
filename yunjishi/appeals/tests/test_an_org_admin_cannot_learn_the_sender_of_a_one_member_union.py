"""An anonymous appeal from a union of one member named its sender to anyone who saw the
union. Staff now see the union only when it has ``APPEALS_ANONYMITY_MIN_MEMBERS`` members,
else the nearest union above that has: on the staff API, the staff page, both exports,
the admin (which also refuses to filter appeals by sender or union) and in notices. Such an
appeal is handled from the union directly above, so the handling union does not name it."""

import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from yunjishi.appeals import identity
from yunjishi.notify.models import Notification
from yunjishi.people.models import MemberProfile, User

SMALL = "A街道某公司工会"  # enterprise_a: the worker is its only member
ABOVE = "街道A总工会"  # street A: two members in its subtree


@pytest.fixture
def hidden(make_appeal, tree, worker, handler_a, settings):
    settings.APPEALS_ANONYMITY_MIN_MEMBERS = 2
    neighbour = User.objects.create_user("13800000009", "Gonghui#2024", display_name="邻居")
    MemberProfile.objects.create(
        user=neighbour, real_name="邻居", org=tree.street_a, membership_status="member"
    )
    return make_appeal(anonymous=True)


def _sheet_text(response) -> str:
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content), read_only=True)
    return " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


def test_the_staff_api_pages_and_exports_show_the_union_above(
    client_for, admin_a, hidden, django_capture_on_commit_callbacks
):
    client = client_for(admin_a)
    assert hidden.handling_org.name == ABOVE
    detail = client.get(f"/api/appeals/staff/appeals/{hidden.pk}")
    assert detail.status_code == 200
    assert detail.json()["org"]["name"] == ABOVE
    listed = client.get("/api/appeals/staff/appeals", {"queue": "all"}).json()["items"]
    assert [item["org"]["name"] for item in listed] == [ABOVE]

    page = client.get(f"/appeals/staff/{hidden.pk}/").content.decode()
    # (the forms' lists of where to hand an appeal name every union in scope)
    page = re.sub(r"<select.*?</select>", "", page, flags=re.S)
    assert ABOVE in page and SMALL not in page

    for url in ("/api/appeals/staff/export?queue=all", "/appeals/staff/export/?queue=all"):
        text = _sheet_text(client.get(url))
        assert ABOVE in text and SMALL not in text

    staff_notices = Notification.objects.exclude(user=hidden.submitter)
    assert staff_notices.exists()
    assert not any(SMALL in n.title + n.body for n in staff_notices)


def test_the_admin_shows_the_union_above_and_filters_by_neither_sender_nor_union(
    client_for, admin_a, hidden, worker, tree
):
    client = client_for(admin_a)
    page = client.get(f"/admin/appeals/appeal/{hidden.pk}/change/")
    assert page.status_code == 200
    assert ABOVE in page.content.decode() and SMALL not in page.content.decode()
    changelist = "/admin/appeals/appeal/"
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"submitter": worker.pk}).status_code == 400
    assert client.get(changelist, {"submitter__id__exact": worker.pk}).status_code == 400
    assert client.get(changelist, {"org": tree.enterprise_a.pk}).status_code == 400


def test_a_large_enough_union_and_a_named_sender_show_the_union_itself(
    make_appeal, admin_a, hidden, settings, worker
):
    assert identity.union_shown(hidden, admin_a).name == ABOVE
    assert identity.union_shown(hidden, worker).name == SMALL  # the sender knows their own
    settings.APPEALS_ANONYMITY_MIN_MEMBERS = 1
    admin_a.__dict__.pop("_crowd_orgs", None)
    assert identity.union_shown(hidden, admin_a).name == SMALL
    settings.APPEALS_ANONYMITY_MIN_MEMBERS = 50
    admin_a.__dict__.pop("_crowd_orgs", None)
    assert identity.union_shown(hidden, admin_a).name == ABOVE  # nobody has 50: one up
    named = make_appeal(anonymous=False)
    assert identity.union_shown(named, admin_a).name == SMALL
