"""Sign-up does not say a number is registered; the owner of the number hears of the
attempt in their inbox instead, and a new number's sign-up tells nobody."""

from django.test import Client

from yunjishi.notify.models import Notification
from yunjishi.people.models import User


def signup(phone, password="Gonghui#2024"):
    return Client().post(
        "/api/auth/signup",
        {"phone": phone, "password": password, "real_name": "陈新会员"},
        content_type="application/json",
    )


def test_the_owner_of_a_registered_number_is_told_in_their_inbox(db):
    owner = User.objects.create_user("13800000001", "Jiumima#2023", display_name="王职工")

    assert signup("138 0000 0001").status_code == 202

    notice = Notification.objects.get(user=owner)
    assert notice.kind == "signup_attempt"
    assert "注册" in notice.title
    assert notice.url == "/accounts/login/"


def test_a_new_number_and_a_refused_sign_up_tell_nobody(db):
    User.objects.create_user("13800000001", "Jiumima#2023", display_name="王职工")

    assert signup("13912345678").status_code == 202
    assert signup("13800000001", password="123").status_code == 422

    assert not Notification.objects.exists()
