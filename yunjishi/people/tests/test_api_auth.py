"""Accounts over the API: bearer tokens, session auth, and who am I."""

import re

import pytest

from yunjishi.people.models import ApiToken, User

CJK = re.compile(r"[\u4e00-\u9fff]")
ERROR_KEYS = {"code", "message", "fields"}


def get_token(client, phone="13800000001", password="Gonghui#2024", **extra):
    return client.post(
        "/api/auth/token",
        {"phone": phone, "password": password, **extra},
        content_type="application/json",
    )


def assert_error(response, status, code):
    body = response.json()
    assert response.status_code == status, body
    assert set(body) == ERROR_KEYS
    assert body["code"] == code
    assert CJK.search(body["message"]), body["message"]
    return body


def test_a_token_from_phone_and_password_opens_me_with_the_phone_masked(client, worker, password):
    response = get_token(client, "138 0000 0001", password, name="小程序")

    assert response.status_code == 201
    token = response.json()["token"]
    me = client.get("/api/auth/me", headers={"authorization": f"Bearer {token}"})
    assert me.status_code == 200
    body = me.json()
    assert body["phone"] == "138****0001"
    assert body["id"] == worker.pk
    assert body["membership_status"] == "member"
    assert "13800000001" not in me.content.decode()


def test_the_token_is_stored_only_as_a_hash(client, worker, password):
    token = get_token(client).json()["token"]

    row = ApiToken.objects.get(user=worker)
    assert row.name == ""
    assert token not in row.key_hash
    assert not ApiToken.objects.filter(key_hash=token).exists()


def test_a_wrong_password_gets_401_invalid_login(client, worker):
    response = get_token(client, password="wrong")

    body = assert_error(response, 401, "invalid_login")
    assert "token" not in body
    assert not ApiToken.objects.exists()


def test_an_unknown_or_malformed_phone_gets_the_same_answer(client, worker, password):
    unknown = get_token(client, phone="13800009999", password=password)
    malformed = get_token(client, phone="12345", password=password)

    assert assert_error(unknown, 401, "invalid_login") == assert_error(
        malformed, 401, "invalid_login"
    )


def test_me_without_auth_is_401(client, db):
    assert_error(client.get("/api/auth/me"), 401, "unauthenticated")


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Bearer ", "Token abc", "Bearer"])
def test_a_bad_bearer_token_is_401(client, worker, header):
    assert_error(
        client.get("/api/auth/me", headers={"authorization": header}), 401, "unauthenticated"
    )


def test_a_token_of_a_disabled_account_stops_working(client, worker, password):
    token = get_token(client).json()["token"]
    User.objects.filter(pk=worker.pk).update(is_active=False)

    response = client.get("/api/auth/me", headers={"authorization": f"Bearer {token}"})

    assert_error(response, 401, "unauthenticated")


def test_session_auth_works_after_logging_in_on_the_site(client, worker, password):
    client.post("/accounts/login/", {"username": "13800000001", "password": password})

    me = client.get("/api/auth/me")

    assert me.status_code == 200
    assert me.json()["phone"] == "138****0001"


def test_api_sign_up_creates_a_worker_once_and_answers_the_same_twice(client, db):
    payload = {"phone": "139-1234-5678", "password": "Gonghui#2024", "real_name": "陈新会员"}

    first = client.post("/api/auth/signup", payload, content_type="application/json")
    second = client.post("/api/auth/signup", payload, content_type="application/json")

    assert first.status_code == second.status_code == 202
    assert first.json() == second.json()
    assert CJK.search(first.json()["message"])
    assert User.objects.filter(phone="13912345678").count() == 1


def test_api_login_locks_out_after_five_wrong_passwords_with_the_error_shape(
    client, worker, password
):
    for _ in range(5):
        get_token(client, password="wrong")

    response = get_token(client)

    assert_error(response, 429, "locked_out")
    assert not ApiToken.objects.exists()
