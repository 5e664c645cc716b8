"""An org admin could set a worker's password in the admin, log in as them and read their
anonymous appeals. Now only a superuser sets someone else's password; that is recorded
and the person is told. The password page's title names the person by masked phone."""

from yunjishi.audit.models import Action, Entry
from yunjishi.notify.models import Notification

NEW = {"password1": "Xin#Mima2025", "password2": "Xin#Mima2025", "set_usable_password": "true"}


def test_an_org_admin_cannot_set_a_members_password(client_for, admin_a, worker, password):
    client = client_for(admin_a)
    url = f"/admin/people/user/{worker.pk}/password/"
    assert client.get(url).status_code == 403
    assert client.post(url, NEW).status_code == 403
    worker.refresh_from_db()
    assert worker.check_password(password) and not worker.check_password(NEW["password1"])
    # the change page offers no way there
    change = client.get(f"/admin/people/user/{worker.pk}/change/")
    assert change.status_code == 200
    assert "password/" not in change.content.decode()
    assert not Notification.objects.filter(user=worker).exists()


def test_an_org_admin_cannot_redirect_a_members_notices(client_for, admin_a, worker):
    client_for(admin_a).post(
        f"/admin/people/user/{worker.pk}/change/",
        {"display_name": "王职工", "email": "admin@example.com", "is_active": "on"},
    )
    worker.refresh_from_db()
    assert worker.email == "worker@example.com"


def test_a_superusers_reset_is_recorded_and_the_member_is_told(client_for, superuser, worker):
    client = client_for(superuser)
    url = f"/admin/people/user/{worker.pk}/password/"
    page = client.get(url).content.decode()
    assert "13800000001" not in page and "138****0001" in page
    response = client.post(url, NEW)
    assert response.status_code == 302, response.content.decode()[:3000]
    worker.refresh_from_db()
    assert worker.check_password(NEW["password1"])
    [entry] = Entry.objects.filter(action=Action.PASSWORD)
    assert entry.actor == superuser and entry.subject == worker
    [told] = Notification.objects.filter(user=worker, kind="people.password")
    assert "administrator" in told.title or "管理员" in told.title
