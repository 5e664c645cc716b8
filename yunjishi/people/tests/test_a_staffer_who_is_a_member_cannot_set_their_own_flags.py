"""A tracker (or an org admin) who is also a member may not set the staff's flags on their
own member record: not over the API, not on the staff page, not in the admin. An org admin
above a member may, and each change is in the audit trail."""

import json

import pytest

from yunjishi.audit.models import Action, Entry
from yunjishi.people.models import MemberProfile
from yunjishi.people.services import assign_staff


@pytest.fixture
def tracker_member(tree, worker):
    assign_staff(worker, tree.street_a, "tracker")
    return worker


def _patch(client, member, **flags):
    return client.patch(
        f"/api/members/{member.pk}", json.dumps(flags), content_type="application/json"
    )


def test_a_tracker_cannot_set_their_own_flags_over_the_api(client_for, tracker_member):
    own = tracker_member.member_profile
    response = _patch(client_for(tracker_member), own, is_hardship=True, is_representative=True)
    assert response.status_code == 403
    own.refresh_from_db()
    assert not own.is_hardship and not own.is_representative
    assert not Entry.objects.filter(action=Action.CHANGE).exists()


def test_a_tracker_cannot_set_their_own_flags_on_the_staff_page(client_for, tracker_member):
    own = tracker_member.member_profile
    client = client_for(tracker_member)
    page = client.get(f"/accounts/staff/members/{own.pk}/")
    assert page.status_code == 200 and page.context["can_change"] is False
    response = client.post(
        f"/accounts/staff/members/{own.pk}/", {"is_hardship": "on", "is_representative": "on"}
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert not own.is_hardship and not own.is_representative


def test_an_org_admin_who_is_a_member_cannot_set_their_own_flags(client_for, tree, admin_a):
    own = MemberProfile.objects.create(
        user=admin_a, real_name="甲管理员", org=tree.enterprise_a, membership_status="member"
    )
    client = client_for(admin_a)
    assert _patch(client, own, is_representative=True).status_code == 403
    change = client.post(
        f"/admin/people/memberprofile/{own.pk}/change/",
        {"real_name": "甲管理员", "is_representative": "on"},
    )
    assert change.status_code == 403
    own.refresh_from_db()
    assert not own.is_representative


def test_an_org_admin_sets_a_members_flags_and_it_is_recorded(client_for, admin_a, worker):
    member = worker.member_profile
    response = _patch(client_for(admin_a), member, is_hardship=True, is_veteran=False)
    assert response.status_code == 200, response.content
    assert response.json()["is_hardship"] is True
    member.refresh_from_db()
    assert member.is_hardship
    [entry] = Entry.objects.filter(action=Action.CHANGE)
    assert entry.actor == admin_a and entry.subject == worker
    assert entry.detail == "is_hardship: false→true"  # an unchanged flag is not listed
    assert entry.org_path == member.org.path
