"""Notify's answers to what the layers below announce (they may not import notify)."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _

from yunjishi.people.models import User
from yunjishi.people.signals import signup_with_registered_phone

from .services import notify


@receiver(signup_with_registered_phone)
def tell_owner_of_a_signup_attempt(sender, user: User, **kwargs) -> None:
    """Sign-up does not say a number is taken; its owner hears of the attempt instead."""
    notify(
        user,
        _("Someone tried to sign up with your mobile number"),
        _(
            "Somebody tried to create a new account with your mobile number. You already "
            "have an account: if it was you, just log in (you can change your password "
            "after logging in). If it was not you, nothing has changed."
        ),
        url=reverse("people:login"),
        kind="signup_attempt",
        channels=("inbox",),
    )
