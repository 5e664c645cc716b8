"""A staff session ends after STAFF_IDLE_MINUTES without a request; each request renews
it. Workers stay logged in on their phones much longer."""

import datetime as dt

import time_machine
from django.test import override_settings
from django.utils import timezone


@override_settings(STAFF_IDLE_MINUTES=30)
def test_a_staff_session_ends_after_half_an_hour_idle(client, handler_a, password):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post("/accounts/login/", {"username": handler_a.phone, "password": password})
        assert client.get("/staff/").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=25), tick=False):
        assert client.get("/staff/").status_code == 200  # renews the session
    with time_machine.travel(start + dt.timedelta(minutes=50), tick=False):
        assert client.get("/staff/").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=81), tick=False):
        response = client.get("/staff/")
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


@override_settings(STAFF_IDLE_MINUTES=30)
def test_a_worker_stays_logged_in_for_days(client, worker, password):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post("/accounts/login/", {"username": worker.phone, "password": password})
    with time_machine.travel(start + dt.timedelta(days=3), tick=False):
        response = client.get("/accounts/profile/")
        assert response.status_code == 200


def test_the_idle_limit_is_on_outside_the_tests():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env["DJANGO_SETTINGS_MODULE"] = "yunjishi.settings"
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; "
            "print(settings.STAFF_IDLE_MINUTES, settings.STAFF_REQUIRE_2FA)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["30", "True"]
