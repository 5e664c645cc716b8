"""One password tried over many phones from one address: after a number of failures the
address may not log in for a while; one person's typos do not lock out their network."""

from django.test import Client, override_settings

from yunjishi.people.models import User

SPRAYER = "203.0.113.50"
NEIGHBOUR = "198.51.100.50"


def page_login(phone, password, address):
    return Client(REMOTE_ADDR=address).post(
        "/accounts/login/", {"username": phone, "password": password}
    )


def api_login(phone, password, address):
    return Client(REMOTE_ADDR=address).post(
        "/api/auth/token", {"phone": phone, "password": password}, content_type="application/json"
    )


@override_settings(LOGIN_FAILURE_LIMIT_PER_ADDRESS=6)
def test_an_address_spraying_one_password_over_many_phones_is_stopped(worker, password):
    for n in range(6):  # one failure per phone: axes' per-phone lockout never triggers
        assert page_login(f"1380000010{n}", "Password123!", SPRAYER).status_code == 200

    page = page_login(worker.phone, password, SPRAYER)
    api = api_login(worker.phone, password, SPRAYER)

    assert page.status_code == 429
    assert not page.wsgi_request.user.is_authenticated
    assert api.status_code == 429
    assert api.json()["code"] == "locked_out"
    # the worker from elsewhere is not affected
    assert page_login(worker.phone, password, NEIGHBOUR).status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT_PER_ADDRESS=6)
def test_a_typo_on_a_shared_network_does_not_stop_the_others(worker, other_worker, password):
    assert page_login(worker.phone, "typo-password", SPRAYER).status_code == 200
    assert page_login(worker.phone, password, SPRAYER).status_code == 302
    assert page_login(other_worker.phone, password, SPRAYER).status_code == 302


def test_the_default_limit_is_above_a_few_typos_and_below_a_spray(settings, worker, password):
    assert 10 <= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS <= 100
    for n in range(settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS):
        api_login(f"1380001{n:04d}", "Password123!", SPRAYER)

    assert api_login(worker.phone, password, SPRAYER).status_code == 429
    assert User.objects.count() == 1
