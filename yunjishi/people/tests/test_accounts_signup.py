"""A worker signs up on the sign-up page with a mobile number and a password."""

import html
import re

import pytest

from yunjishi.people.models import MemberProfile, User

SIGNUP_URL = "/accounts/signup/"
CJK = re.compile(r"[\u4e00-\u9fff]")


def shown_errors(response, field: str) -> list[str]:
    """The errors the page shows under ``field``, checked to be really in the HTML."""
    messages = [str(m) for m in response.context["form"].errors.get(field, [])]
    page = html.unescape(response.content.decode())
    for message in messages:
        assert message in page
    return messages


def form(**overrides):
    data = {
        "phone": "13912345678",
        "real_name": "陈新会员",
        "password": "Gonghui#2024",
        "password_again": "Gonghui#2024",
    }
    data.update(overrides)
    return data


@pytest.fixture
def existing(db):
    return User.objects.create_user("13800000001", "Gonghui#2024", display_name="王职工")


def test_it_creates_a_worker_who_then_logs_in(client, db):
    response = client.post(SIGNUP_URL, form(phone="139 1234-5678"))

    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    user = User.objects.get(phone="13912345678")
    assert user.check_password("Gonghui#2024")
    assert MemberProfile.objects.get(user=user).real_name == "陈新会员"
    client.post("/accounts/login/", {"username": "13912345678", "password": "Gonghui#2024"})
    home = client.get("/")
    assert home.wsgi_request.user == user
    assert "陈新会员" in home.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"phone": "12345"}, "phone"),
        ({"phone": "010-12345678"}, "phone"),  # a landline, not a mobile
        ({"password_again": "Gonghui#2025"}, "password_again"),
        ({"password": "12345678", "password_again": "12345678"}, "password"),
        ({"password": "abc", "password_again": "abc"}, "password"),
        ({"real_name": "   "}, "real_name"),
    ],
    ids=["malformed-phone", "landline", "passwords-differ", "common-password", "short", "no-name"],
)
def test_it_refuses_bad_input_with_a_chinese_message_and_creates_nothing(
    client, db, overrides, field
):
    response = client.post(SIGNUP_URL, form(**overrides))

    assert response.status_code == 200
    errors = shown_errors(response, field)
    assert errors, f"no error shown for {field}"
    assert all(CJK.search(message) for message in errors), errors
    assert not User.objects.exists()
    assert not MemberProfile.objects.exists()
    assert not response.wsgi_request.user.is_authenticated


def test_a_phone_already_registered_gets_no_second_account_and_keeps_its_password(client, existing):
    response = client.post(SIGNUP_URL, form(phone="138-0000-0001"))

    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    assert User.objects.count() == 1
    assert not MemberProfile.objects.exists()
    existing.refresh_from_db()
    assert existing.display_name == "王职工"
    assert existing.check_password("Gonghui#2024")


@pytest.mark.parametrize("password", ["13912345678a", "a13912345678", "chenxinhuiyuan1"])
def test_a_password_close_to_the_phone_or_name_is_refused(client, db, password):
    response = client.post(
        SIGNUP_URL,
        form(real_name="chenxinhuiyuan", password=password, password_again=password),
    )

    assert response.status_code == 200
    assert shown_errors(response, "password")
    assert not User.objects.exists()
