"""A street-union staffer reads and changes only their street's data, through pages,
the API and the admin alike; a worker sees only their own records.

The last test switches the scoping off and shows the same checks then catch the leak.
"""

import pytest

from yunjishi.people.models import MemberProfile
from yunjishi.people.scope import ScopedQuerySet


@pytest.fixture
def worker_profile(worker):
    return MemberProfile.objects.get(user=worker)


@pytest.fixture
def other_profile(other_worker):
    return MemberProfile.objects.get(user=other_worker)


def test_a_street_handler_sees_only_their_streets_members_on_the_staff_page(
    client_for, handler_b, worker, other_worker
):
    page = client_for(handler_b).get("/accounts/staff/members/").content.decode()
    assert "赵职工" in page
    assert "王职工" not in page


def test_a_street_handler_cannot_open_another_streets_member(client_for, handler_b, worker_profile):
    response = client_for(handler_b).get(f"/accounts/staff/members/{worker_profile.pk}/")
    assert response.status_code == 404


def test_an_org_admin_of_another_street_cannot_change_a_member(client_for, tree, worker_profile):
    from yunjishi.people.models import User
    from yunjishi.people.services import assign_staff

    admin_b = User.objects.create_user("13900000009", "Gonghui#2024", display_name="乙管理员")
    assign_staff(admin_b, tree.street_b, "org_admin")
    response = client_for(admin_b).post(
        f"/accounts/staff/members/{worker_profile.pk}/", {"is_hardship": "on"}
    )
    assert response.status_code == 404
    worker_profile.refresh_from_db()
    assert worker_profile.is_hardship is False


def test_the_streets_own_org_admin_can_change_a_member(client_for, admin_a, worker_profile):
    response = client_for(admin_a).post(
        f"/accounts/staff/members/{worker_profile.pk}/", {"is_hardship": "on"}
    )
    assert response.status_code == 302
    worker_profile.refresh_from_db()
    assert worker_profile.is_hardship is True


def test_a_handler_may_read_but_not_change_a_member_of_their_street(
    client_for, handler_a, worker_profile
):
    client = client_for(handler_a)
    assert client.get(f"/accounts/staff/members/{worker_profile.pk}/").status_code == 200
    response = client.post(f"/accounts/staff/members/{worker_profile.pk}/", {"is_hardship": "on"})
    assert response.status_code == 403
    worker_profile.refresh_from_db()
    assert worker_profile.is_hardship is False


def test_a_district_supervisor_sees_both_streets(client_for, supervisor, worker, other_worker):
    page = client_for(supervisor).get("/accounts/staff/members/").content.decode()
    assert "王职工" in page and "赵职工" in page


def test_the_api_hides_another_streets_members(
    client_for, handler_b, worker_profile, other_profile
):
    client = client_for(handler_b)
    names = [m["real_name"] for m in client.get("/api/members/").json()["items"]]
    assert names == ["赵职工"]
    response = client.get(f"/api/members/{worker_profile.pk}")
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "fields"}


def test_the_api_refuses_changes_outside_the_subtree(client_for, tree, handler_b, worker_profile):
    response = client_for(handler_b).patch(
        f"/api/members/{worker_profile.pk}", {"is_hardship": True}, content_type="application/json"
    )
    assert response.status_code == 404
    worker_profile.refresh_from_db()
    assert worker_profile.is_hardship is False


def test_the_api_lets_the_streets_org_admin_change_flags(client_for, admin_a, worker_profile):
    response = client_for(admin_a).patch(
        f"/api/members/{worker_profile.pk}",
        {"is_representative": True},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["is_representative"] is True
    assert response.json()["phone"] == "138****0001"


def test_the_admin_lists_only_the_staffers_subtree(client_for, handler_b, worker, other_worker):
    page = client_for(handler_b).get("/admin/people/memberprofile/").content.decode()
    assert "赵职工" in page
    assert "王职工" not in page


def test_the_admin_will_not_open_or_change_another_streets_member(
    client_for, handler_b, worker_profile
):
    client = client_for(handler_b)
    url = f"/admin/people/memberprofile/{worker_profile.pk}/change/"
    response = client.get(url, follow=True)
    assert "王职工" not in response.content.decode()
    client.post(url, {"real_name": "被改了"})
    worker_profile.refresh_from_db()
    assert worker_profile.real_name == "王职工"


def test_a_worker_has_no_staff_pages_no_member_api_and_no_admin(client_for, worker, other_worker):
    client = client_for(worker)
    assert client.get("/accounts/staff/members/").status_code == 403
    assert client.get("/api/members/").status_code == 403
    admin = client.get("/admin/people/memberprofile/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]


def test_a_worker_sees_only_their_own_records(worker, other_worker):
    visible = MemberProfile.objects.visible_to(worker)
    assert [p.real_name for p in visible] == ["王职工"]
    # They edit their details on their profile page; the staff's routes are not theirs.
    assert MemberProfile.objects.changeable_by(worker).count() == 0


def test_an_anonymous_visitor_sees_no_member(db, worker):
    from django.contrib.auth.models import AnonymousUser

    assert MemberProfile.objects.visible_to(AnonymousUser()).count() == 0


def test_the_checks_above_catch_a_bypassed_scope(
    monkeypatch, client_for, handler_b, worker, other_worker
):
    """Control: with the scope switched off, street B's handler would see street A's worker."""
    monkeypatch.setattr(ScopedQuerySet, "visible_to", lambda self, user, roles=None: self.all())
    page = client_for(handler_b).get("/accounts/staff/members/").content.decode()
    assert "王职工" in page
