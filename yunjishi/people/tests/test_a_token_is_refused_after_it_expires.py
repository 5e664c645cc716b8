"""A token ends API_TOKEN_DAYS after it was issued, used or not."""

import datetime as dt

import time_machine
from django.test import override_settings
from django.utils import timezone

from .tokens import get_token, me_status


@override_settings(API_TOKEN_DAYS=30)
def test_a_token_works_for_thirty_days_and_then_is_refused(client, worker):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = get_token(client, worker.phone)
    with time_machine.travel(start + dt.timedelta(days=29, hours=23), tick=False):
        assert me_status(client, token) == 200
    with time_machine.travel(start + dt.timedelta(days=30, seconds=1), tick=False):
        assert me_status(client, token) == 401
        body = client.get("/api/auth/tokens", headers={"authorization": f"Bearer {token}"})
        assert body.json()["code"] == "unauthenticated"


@override_settings(API_TOKEN_DAYS=7)
def test_the_token_login_says_when_it_ends(client, worker, password):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        response = client.post(
            "/api/auth/token",
            {"phone": worker.phone, "password": password},
            content_type="application/json",
        )
    expires = dt.datetime.fromisoformat(response.json()["expires_at"])
    assert abs((expires - start) - dt.timedelta(days=7)) < dt.timedelta(seconds=1)
