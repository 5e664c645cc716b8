"""Changing one's password: the new one works at once, the old one stops working."""

import re

CJK = re.compile(r"[\u4e00-\u9fff]")
NEW_PASSWORD = "Xin-mima-2025!"


def log_in(client, password):
    return client.post("/accounts/login/", {"username": "13800000001", "password": password})


def test_the_new_password_works_and_the_old_one_stops_working(client, worker, password):
    log_in(client, password)

    response = client.post(
        "/accounts/password/",
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert client.get("/").wsgi_request.user == worker  # still logged in after the change
    client.post("/accounts/logout/")
    assert log_in(client, password).status_code == 200
    assert log_in(client, NEW_PASSWORD).status_code == 302


def test_a_wrong_old_password_changes_nothing(client, worker, password):
    log_in(client, password)

    response = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    errors = [str(m) for m in response.context["form"].errors["old_password"]]
    assert errors and all(CJK.search(m) for m in errors), errors
    worker.refresh_from_db()
    assert worker.check_password(password)


def test_a_weak_new_password_is_refused_in_chinese(client, worker, password):
    log_in(client, password)

    response = client.post(
        "/accounts/password/",
        {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"},
    )

    assert response.status_code == 200
    errors = [str(m) for m in response.context["form"].errors["new_password2"]]
    assert errors and all(CJK.search(m) for m in errors), errors
    worker.refresh_from_db()
    assert worker.check_password(password)
