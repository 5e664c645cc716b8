"""A staff role is given only by an admin of a union above the grantee's (a superuser
anywhere), never to oneself; every grant and removal is in the audit trail; removing a
person's last role closes the back office to them."""

import pytest

from yunjishi.audit.models import Action, Entry
from yunjishi.core.errors import NotAllowed
from yunjishi.people import services
from yunjishi.people.models import StaffAssignment

ADD = "/admin/people/staffassignment/add/"


def _add(client, user, org, role):
    return client.post(ADD, {"user": user.pk, "org": org.pk, "role": role})


def test_nobody_grants_themselves_a_role(client_for, tree, admin_a, superuser):
    response = _add(client_for(admin_a), admin_a, tree.enterprise_a, "supervisor")
    assert response.status_code == 200  # the form again, with the reason
    assert not StaffAssignment.objects.filter(user=admin_a, role="supervisor").exists()
    with pytest.raises(NotAllowed):
        services.grant_staff(superuser, superuser, tree.street_a, "supervisor")
    assert not Entry.objects.filter(action=Action.GRANT).exists()


def test_an_org_admin_cannot_grant_at_their_own_level(client_for, tree, admin_a, worker):
    _add(client_for(admin_a), worker, tree.street_a, "handler")
    assert not StaffAssignment.objects.filter(user=worker).exists()
    with pytest.raises(NotAllowed):
        services.grant_staff(admin_a, worker, tree.street_b, "handler")


def test_an_org_admin_grants_below_and_it_is_recorded(client_for, tree, admin_a, worker):
    response = _add(client_for(admin_a), worker, tree.enterprise_a, "handler")
    assert response.status_code == 302, response.content.decode()[:3000]
    assignment = StaffAssignment.objects.get(user=worker)
    assert assignment.org == tree.enterprise_a and assignment.role == "handler"
    worker.refresh_from_db()
    assert worker.is_staff
    [entry] = Entry.objects.filter(action=Action.GRANT)
    assert entry.actor == admin_a and entry.subject == worker
    assert entry.org_path == tree.enterprise_a.path and entry.detail == "handler"


def test_an_org_admin_cannot_remove_a_role_at_their_own_level(client_for, tree, admin_a, handler_a):
    assignment = StaffAssignment.objects.get(user=handler_a)
    url = f"/admin/people/staffassignment/{assignment.pk}/delete/"
    assert client_for(admin_a).post(url, {"post": "yes"}).status_code == 403
    assert StaffAssignment.objects.filter(pk=assignment.pk).exists()


def test_removing_the_last_role_closes_the_back_office(client, tree, admin_a, worker):
    services.grant_staff(admin_a, worker, tree.enterprise_a, "handler")
    client.force_login(worker)
    assert client.get("/admin/").status_code == 200

    assignment = StaffAssignment.objects.get(user=worker)
    client.force_login(admin_a)
    response = client.post(
        f"/admin/people/staffassignment/{assignment.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not StaffAssignment.objects.filter(user=worker).exists()
    [entry] = Entry.objects.filter(action=Action.REVOKE)
    assert entry.actor == admin_a and entry.subject == worker and entry.detail == "handler"

    worker.refresh_from_db()
    assert not worker.is_staff
    client.force_login(worker)
    closed = client.get("/admin/")
    assert closed.status_code == 302 and "/admin/login/" in closed["Location"]


def test_a_person_keeps_the_back_office_while_a_role_is_left(tree, admin_a, worker):
    services.grant_staff(admin_a, worker, tree.enterprise_a, "handler")
    services.grant_staff(admin_a, worker, tree.enterprise_a, "tracker")
    services.revoke_staff(admin_a, StaffAssignment.objects.get(user=worker, role="handler"))
    worker.refresh_from_db()
    assert worker.is_staff
