"""Logging out over the API ends the token of the call, and only that one."""

from django.test import Client

from yunjishi.audit.models import Entry

from .tokens import bearer, get_token, me_status


def test_a_token_is_refused_after_logout_and_the_other_device_stays_in(client, worker):
    phone_app = get_token(client, worker.phone, name="手机")
    tablet_app = get_token(client, worker.phone, name="平板")

    response = client.post("/api/auth/logout", headers=bearer(phone_app))

    assert response.status_code == 204
    assert me_status(client, phone_app) == 401
    assert me_status(client, tablet_app) == 200
    assert Entry.objects.filter(action="token", subject=worker).count() == 1


def test_revoking_the_current_token_refuses_it(client, worker):
    token = get_token(client, worker.phone)

    response = client.delete("/api/auth/tokens/current", headers=bearer(token))

    assert response.status_code == 204
    assert me_status(client, token) == 401
    assert client.delete("/api/auth/tokens/current", headers=bearer(token)).status_code == 401


def test_logging_out_of_the_site_ends_the_session_but_not_the_apps_token(client, worker, password):
    token = get_token(client, worker.phone)
    browser = Client()
    browser.post("/accounts/login/", {"username": worker.phone, "password": password})
    assert browser.get("/api/auth/me").status_code == 200

    browser.post("/accounts/logout/")

    assert browser.get("/api/auth/me").status_code == 401
    assert me_status(client, token) == 200


def test_api_logout_with_a_session_ends_the_session(client, worker, password):
    client.post("/accounts/login/", {"username": worker.phone, "password": password})

    response = client.post("/api/auth/logout")

    assert response.status_code == 204
    assert client.get("/api/auth/me").status_code == 401
