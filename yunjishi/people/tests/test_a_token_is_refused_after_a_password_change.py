"""A password change ends every API token of the person, whichever route changed it."""

import io

from django.core.management import call_command
from django.test import Client

from yunjishi.audit.models import Entry

from .tokens import get_token, me_status

NEW_PASSWORD = "Xinmima#2025ab"


def test_changing_ones_password_on_the_site_ends_ones_tokens(client_for, worker, password):
    app = Client()  # the mini-program, apart from the browser
    token = get_token(app, worker.phone)
    page = client_for(worker)

    response = page.post(
        "/accounts/password/",
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert me_status(app, token) == 401
    assert page.get("/accounts/profile/").status_code == 200  # this session stays in
    assert Entry.objects.filter(action="token", subject=worker).exists()


def test_a_password_set_in_the_admin_ends_the_tokens(client_for, worker, superuser):
    app = Client()
    token = get_token(app, worker.phone)

    response = client_for(superuser).post(
        f"/admin/people/user/{worker.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    worker.refresh_from_db()
    assert worker.check_password(NEW_PASSWORD)
    assert me_status(app, token) == 401


def test_a_password_set_by_command_ends_the_tokens(client, worker, monkeypatch):
    token = get_token(client, worker.phone)
    answers = iter([NEW_PASSWORD, NEW_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    call_command("changepassword", worker.phone, stdout=io.StringIO())

    assert me_status(client, token) == 401


def test_a_new_token_after_the_change_works(client, worker):
    old = get_token(client, worker.phone)
    worker.set_password(NEW_PASSWORD)
    worker.save()

    new = get_token(client, worker.phone, NEW_PASSWORD)

    assert me_status(client, old) == 401
    assert me_status(client, new) == 200


def test_saving_the_person_without_a_new_password_keeps_the_tokens(client, worker):
    token = get_token(client, worker.phone)
    worker.display_name = "王师傅"
    worker.save()

    assert me_status(client, token) == 200
