"""What notify hears from the layers below it (they cannot import notify)."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from yunjishi.people.models import User
from yunjishi.people.signals import password_set_by_staff

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
