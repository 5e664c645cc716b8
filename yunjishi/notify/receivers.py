"""What notify hears from the layers below it (they cannot import notify)."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _

from yunjishi.people.models import User
from yunjishi.people.signals import password_set_by_staff, signup_with_registered_phone

from .services import notify


@receiver(password_set_by_staff, dispatch_uid="notify.password_set_by_staff")
def tell_of_a_password_set_by_staff(sender, *, actor: User, user: User, **kwargs) -> None:
    # Not who did it: the person learns that it happened and what to do if it was not asked.
    notify(
        user,
        _("Your password was changed by an administrator"),
        _(
            "A platform administrator set a new password for your account. If you did not "
            "ask for it, contact your union and change your password after you log in."
        ),
        kind="people.password",
    )


@receiver(signup_with_registered_phone, dispatch_uid="notify.signup_with_registered_phone")
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
