"""One address may sign up only so often: bulk registration and probing are slowed."""

import html
import re

from django.test import Client, override_settings

from yunjishi.people.models import User

CJK = re.compile(r"[\u4e00-\u9fff]")


def signup(phone, address):
    return Client(REMOTE_ADDR=address).post(
        "/api/auth/signup",
        {"phone": phone, "password": "Gonghui#2024", "real_name": "陈新会员"},
        content_type="application/json",
    )


@override_settings(SIGNUP_LIMIT_PER_ADDRESS=3)
def test_an_address_over_its_sign_up_limit_gets_429_and_creates_nothing(db):
    for n in range(3):
        assert signup(f"1391234567{n}", "203.0.113.7").status_code == 202

    refused = signup("13912345679", "203.0.113.7")

    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert not User.objects.filter(phone="13912345679").exists()
    assert signup("13912345679", "198.51.100.1").status_code == 202  # another address


@override_settings(SIGNUP_LIMIT_PER_ADDRESS=2)
def test_the_sign_up_page_is_limited_too_with_a_chinese_message(db):
    client = Client(REMOTE_ADDR="203.0.113.8")
    form = {"real_name": "陈新会员", "password": "Gonghui#2024", "password_again": "Gonghui#2024"}
    for n in range(2):
        client.post("/accounts/signup/", {"phone": f"1391234567{n}", **form})

    response = client.post("/accounts/signup/", {"phone": "13912345679", **form})

    assert response.status_code == 429
    errors = response.context["form"].non_field_errors()
    assert errors and all(CJK.search(str(e)) for e in errors), errors
    assert str(errors[0]) in html.unescape(response.content.decode())
    assert not User.objects.filter(phone="13912345679").exists()


@override_settings(SIGNUP_LIMIT_PER_ADDRESS=2, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_address_the_proxy_saw_counts(db):
    def via_proxy(phone, client_address):
        return Client(
            REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"1.2.3.4, {client_address}"
        ).post(
            "/api/auth/signup",
            {"phone": phone, "password": "Gonghui#2024", "real_name": "陈新会员"},
            content_type="application/json",
        )

    assert via_proxy("13912345670", "203.0.113.9").status_code == 202
    assert via_proxy("13912345671", "203.0.113.9").status_code == 202
    assert via_proxy("13912345672", "203.0.113.9").status_code == 429
    assert via_proxy("13912345673", "203.0.113.10").status_code == 202
