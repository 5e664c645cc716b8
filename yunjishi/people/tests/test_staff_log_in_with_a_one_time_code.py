"""Staff and superusers log in with a password and a code from an authenticator app
(等保 2.0: two factors for administrators). Nothing of the back office opens before."""

import datetime as dt

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .otp import code_now, enrolled, key_from_page

pytestmark = pytest.mark.usefixtures("two_factor_on")


@pytest.fixture
def two_factor_on():
    with override_settings(STAFF_REQUIRE_2FA=True):
        yield


def log_in(user, password) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": user.phone, "password": password})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("path", ["/staff/", "/admin/", "/accounts/staff/members/", "/"])
def test_a_staffer_who_never_enrolled_is_sent_to_enrol_first(handler_a, password, path):
    client = log_in(handler_a, password)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/otp/enrol/")


def test_enrolling_with_the_code_of_the_scanned_key_opens_the_staff_pages(handler_a, password):
    client = log_in(handler_a, password)
    page = client.get("/accounts/otp/enrol/?next=/staff/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html  # the QR code, inline (the CSP allows data:)
    key = key_from_page(html)

    response = client.post("/accounts/otp/enrol/", {"code": f"{totp(key):06d}", "next": "/staff/"})

    assert response.status_code == 302
    assert response.url == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert TOTPDevice.objects.get(user=handler_a).confirmed


def test_a_wrong_code_does_not_enrol(handler_a, password):
    client = log_in(handler_a, password)
    client.get("/accounts/otp/enrol/")

    response = client.post("/accounts/otp/enrol/", {"code": "000000"})

    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=handler_a, confirmed=True).exists()
    assert client.get("/staff/").status_code == 302


def test_an_enrolled_staffer_enters_the_code_after_the_password(handler_a, password):
    device = enrolled(handler_a)
    client = log_in(handler_a, password)
    assert client.get("/staff/").url.startswith("/accounts/otp/?next=")

    response = client.post("/accounts/otp/", {"code": code_now(device), "next": "/staff/"})

    assert response.status_code == 302
    assert response.url == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_the_admin_needs_the_code_too(superuser, password):
    device = enrolled(superuser)
    client = log_in(superuser, password)
    assert client.get("/admin/").status_code == 302

    client.post("/accounts/otp/", {"code": code_now(device)})

    assert client.get("/admin/").status_code == 200


def test_a_password_alone_cannot_replace_an_enrolled_device(handler_a, password):
    enrolled(handler_a)
    client = log_in(handler_a, password)

    response = client.get("/accounts/otp/enrol/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/otp/?")
    assert TOTPDevice.objects.filter(user=handler_a).count() == 1


def test_wrong_codes_are_limited_per_person(handler_a, password, settings):
    settings.OTP_FAILURE_LIMIT = 3
    device = enrolled(handler_a)
    client = log_in(handler_a, password)
    for _ in range(3):
        assert client.post("/accounts/otp/", {"code": "000000"}).status_code == 400

    # even the right code is refused now, from a fresh session too
    refused = client.post("/accounts/otp/", {"code": code_now(device)})
    again = log_in(handler_a, password).post("/accounts/otp/", {"code": code_now(device)})

    assert refused.status_code == again.status_code == 429
    assert client.get("/staff/").status_code == 302


def test_the_staff_api_with_a_session_needs_the_code(handler_a, password):
    client = log_in(handler_a, password)

    response = client.get("/api/auth/me")

    assert response.status_code == 403
    assert response.json()["code"] == "otp_required"


def test_a_staffers_api_token_needs_a_code(client, handler_a, password):
    def token(**extra):
        return client.post(
            "/api/auth/token",
            {"phone": handler_a.phone, "password": password, **extra},
            content_type="application/json",
        )

    assert token().json()["code"] == "otp_enrolment_required"
    device = enrolled(handler_a)
    assert token().status_code == 401
    assert token().json()["code"] == "otp_required"
    assert token(otp="000000").status_code == 401

    # django-otp makes the device wait a moment after a wrong code
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5), tick=False):
        response = token(otp=code_now(device))

    assert response.status_code == 201


def test_workers_log_in_with_the_password_alone(worker, password):
    client = log_in(worker, password)

    assert client.get("/").status_code == 200
    assert client.get("/api/auth/me").status_code == 200


def test_a_verified_staffer_moves_to_a_new_phone_from_the_profile(handler_a, password):
    old = enrolled(handler_a)
    client = log_in(handler_a, password)
    client.post("/accounts/otp/", {"code": code_now(old)})
    assert "/accounts/otp/enrol/" in client.get("/accounts/profile/").content.decode()
    key = key_from_page(client.get("/accounts/otp/enrol/").content.decode())

    client.post("/accounts/otp/enrol/", {"code": f"{totp(key):06d}"})

    device = TOTPDevice.objects.get(user=handler_a)
    assert device.pk != old.pk and device.confirmed


def test_the_headers_unread_count_refresh_gets_nothing_before_the_code(handler_a, password):
    client = log_in(handler_a, password)

    response = client.get("/inbox/badge/", headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response.content == b""
