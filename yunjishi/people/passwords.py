"""The password rule for staff and superusers (等保 2.0: complexity for administrators)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import StaffAssignment, User

STAFF_MIN_LENGTH = 12


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and symbols ``password`` uses."""
    return sum(
        [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
    )


def needs_staff_rule(user: User | None) -> bool:
    """Back-office access, or a staff assignment (the flag may lag behind a new one)."""
    if user is None:
        return False
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    return bool(user.pk) and StaffAssignment.objects.filter(user_id=user.pk).exists()


class StaffPasswordValidator:
    """At least 12 characters and three of four kinds of character, for staff and superusers
    only; a worker who becomes staff meets it at their next password change."""

    def validate(self, password: str, user: User | None = None) -> None:
        if not needs_staff_rule(user):
            return
        if len(password) < STAFF_MIN_LENGTH or character_classes(password) < 3:
            raise ValidationError(
                _(
                    "A staff password needs at least %(length)d characters and three of: "
                    "lower case, upper case, digits, symbols."
                ),
                code="staff_password_too_weak",
                params={"length": STAFF_MIN_LENGTH},
            )

    def get_help_text(self) -> str:
        return _(
            "Staff accounts: at least %(length)d characters and three of: lower case, "
            "upper case, digits, symbols."
        ) % {"length": STAFF_MIN_LENGTH}
