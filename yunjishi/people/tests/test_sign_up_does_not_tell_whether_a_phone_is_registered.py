"""Sign-up answers a registered number exactly as a new one (notify's tests: the owner
is told)."""

import pytest
from django.test import Client

from yunjishi.people.models import User

SIGNUP = {"password": "Gonghui#2024", "real_name": "陈新会员"}


@pytest.fixture
def owner(db):
    return User.objects.create_user("13800000001", "Jiumima#2023", display_name="王职工")


def api_signup(phone):
    return Client().post(
        "/api/auth/signup", {"phone": phone, **SIGNUP}, content_type="application/json"
    )


def page_signup(phone):
    client = Client()
    response = client.post(
        "/accounts/signup/", {"phone": phone, "password_again": SIGNUP["password"], **SIGNUP}
    )
    return response, client.get(response.url)


def test_the_api_answers_alike_for_a_new_and_a_registered_number(owner):
    registered = api_signup("13800000001")
    new = api_signup("13912345678")

    assert registered.status_code == new.status_code == 202
    assert registered.json() == new.json()
    assert registered.content == new.content
    assert User.objects.filter(phone="13912345678").exists()
    owner.refresh_from_db()
    assert owner.check_password("Jiumima#2023")
    assert owner.display_name == "王职工"


def test_the_page_answers_alike_for_a_new_and_a_registered_number(owner):
    registered, registered_next = page_signup("13800000001")
    new, new_next = page_signup("13912345678")

    assert registered.status_code == new.status_code == 302
    assert registered.url == new.url == "/accounts/login/"
    assert [str(m) for m in registered_next.context["messages"]] == [
        str(m) for m in new_next.context["messages"]
    ]
    assert not registered_next.wsgi_request.user.is_authenticated
    assert User.objects.count() == 2


def test_bad_input_is_still_refused_with_the_field_named(owner):
    response = Client().post(
        "/api/auth/signup",
        {"phone": "13800000001", "password": "123", "real_name": "陈"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["password"]
