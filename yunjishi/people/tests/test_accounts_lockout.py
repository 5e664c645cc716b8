"""After five wrong passwords an account is locked, and the lock never records the phone."""

import re

from axes.models import AccessAttempt, AccessLog

LOGIN_URL = "/accounts/login/"
PHONE = "13800000001"


def log_in(client, phone, password):
    return client.post(LOGIN_URL, {"username": phone, "password": password})


def stored_text() -> str:
    """Everything axes keeps about attempts, as one string."""
    rows = list(AccessAttempt.objects.values()) + list(AccessLog.objects.values())
    return " ".join(str(value) for row in rows for value in row.values())


def test_the_sixth_attempt_is_locked_out_even_with_the_right_password(client, worker, password):
    for _ in range(4):
        assert log_in(client, PHONE, "wrong-password").status_code == 200
    log_in(client, PHONE, "wrong-password")

    response = log_in(client, PHONE, password)

    assert response.status_code == 429
    assert "people/locked_out.html" in [t.name for t in response.templates]
    heading = re.search(r"<h1>(.*?)</h1>", response.content.decode()).group(1)
    assert re.search(r"[\u4e00-\u9fff]", heading), heading
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_the_lockout_applies_however_the_phone_is_typed(client, worker, password):
    for typed in ["13800000001", "138 0000 0001", "138-0000-0001", "+86 13800000001", PHONE]:
        log_in(client, typed, "wrong-password")

    assert log_in(client, PHONE, password).status_code == 429


def test_another_persons_account_is_not_locked(client, worker, other_worker, password):
    for _ in range(5):
        log_in(client, PHONE, "wrong-password")

    response = log_in(client, "13800000002", password)

    assert response.status_code == 302


def test_fewer_than_five_failures_are_forgotten_after_a_good_login(client, worker, password):
    for _ in range(4):
        log_in(client, PHONE, "wrong-password")
    assert log_in(client, PHONE, password).status_code == 302
    client.post("/accounts/logout/")

    for _ in range(4):
        log_in(client, PHONE, "wrong-password")

    assert log_in(client, PHONE, password).status_code == 302


def test_the_attempt_records_never_contain_the_phone_number(client, worker, password):
    for typed in ["13800000001", "138 0000 0001"] + ["13800000001"] * 4:
        log_in(client, typed, "wrong-password")
    log_in(client, "13800000002", password)  # nobody has this number

    assert AccessAttempt.objects.exists()
    text = stored_text()
    for clear in ["13800000001", "138 0000 0001", "13800000002"]:
        assert clear not in text
    assert "wrong-password" not in text


def test_a_successful_login_leaves_no_phone_in_the_access_records(client, worker, password):
    log_in(client, PHONE, "wrong-password")
    assert log_in(client, PHONE, password).status_code == 302
    client.post("/accounts/logout/")

    assert PHONE not in stored_text()
