"""Logging in by mobile number and password, where people land, and logging out."""

import html
import re

import pytest

LOGIN_URL = "/accounts/login/"
CJK = re.compile(r"[\u4e00-\u9fff]")


def log_in(client, phone, password):
    return client.post(LOGIN_URL, {"username": phone, "password": password})


def page_errors(response) -> list[str]:
    form = response.context["form"]
    messages = [str(m) for m in form.non_field_errors()] + [
        str(m) for errors in form.errors.values() for m in errors
    ]
    page = html.unescape(response.content.decode())
    assert all(m in page for m in messages)
    return messages


@pytest.mark.parametrize(
    "typed", ["13800000001", "138 0000 0001", "138-0000-0001", " 13800000001 "]
)
def test_a_worker_logs_in_by_phone_and_lands_on_the_home_page(client, worker, password, typed):
    response = log_in(client, typed, password)

    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/").wsgi_request.user == worker


def test_a_wrong_password_shows_a_chinese_message_and_logs_nobody_in(client, worker):
    response = log_in(client, "13800000001", "not-the-password")

    assert response.status_code == 200
    errors = page_errors(response)
    assert errors and all(CJK.search(m) for m in errors), errors
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_an_unknown_phone_gets_the_same_message_as_a_wrong_password(client, worker, password):
    unknown = page_errors(log_in(client, "13800009999", password))
    wrong = page_errors(log_in(client, "13800000001", "not-the-password"))

    assert unknown == wrong


def test_a_malformed_phone_shows_a_chinese_message(client, worker, password):
    response = log_in(client, "12345", password)

    assert response.status_code == 200
    errors = page_errors(response)
    assert errors and all(CJK.search(m) for m in errors), errors


def test_a_staff_member_lands_on_the_staff_home_page(client, handler_a, password):
    response = log_in(client, "13900000001", password)

    assert response.status_code == 302
    assert response.url == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_a_next_parameter_wins_over_the_default_landing_page(client, worker, password):
    response = client.post(
        LOGIN_URL, {"username": "13800000001", "password": password, "next": "/inbox/"}
    )

    assert response.url == "/inbox/"


def test_logging_out_is_a_post_and_ends_the_session(client, worker, password):
    log_in(client, "13800000001", password)

    assert client.get("/accounts/logout/").status_code == 405  # a link cannot log you out
    assert client.get("/").wsgi_request.user.is_authenticated

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert not client.get("/").wsgi_request.user.is_authenticated
    assert client.get("/accounts/profile/").status_code == 302


def test_a_staffer_logs_in_to_the_admin_site(client, handler_a, password):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "13900000001", "password": password}
    )

    assert response.status_code == 302
    assert response.url == "/admin/"
    index = client.get("/admin/")
    assert index.status_code == 200
    assert index.wsgi_request.user == handler_a


def test_a_worker_cannot_log_in_to_the_admin_site(client, worker, password):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "13800000001", "password": password}
    )

    assert response.status_code == 200  # the form again, with an error
    assert client.get("/admin/").status_code == 302
