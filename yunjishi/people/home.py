"""People on the homes: who a person is there (``roles_of``), and the staff entries for the
members list and the back office."""

from django.utils.translation import gettext_lazy as _

from yunjishi.core.home import (
    ANYONE,
    MEMBER,
    MERCHANT,
    PROVIDER,
    REPRESENTATIVE,
    STAFF,
    STATION_MANAGER,
    SUPERUSER,
    SUPERVISOR,
    WORKER,
    Entry,
)

from .models import MembershipStatus, User
from .scope import Person, staff_paths


def roles_of(user: Person) -> frozenset[str]:
    """The home-page roles ``user`` holds: two queries (their profiles at once, and their
    staff assignments, which scoped querysets then reuse)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset({ANYONE})
    roles = {ANYONE, WORKER}
    row = (
        User.objects.filter(pk=user.pk)
        .values(
            "member_profile__membership_status",
            "member_profile__is_representative",
            "provider_profile__is_active",
            "merchant_profile__is_active",
            "station_manager_profile__id",
        )
        .first()
    ) or {}
    if row.get("member_profile__membership_status") == MembershipStatus.MEMBER:
        roles.add(MEMBER)
    if row.get("member_profile__is_representative"):
        roles.add(REPRESENTATIVE)
    if row.get("provider_profile__is_active"):
        roles.add(PROVIDER)
    if row.get("merchant_profile__is_active"):
        roles.add(MERCHANT)
    if row.get("station_manager_profile__id"):
        roles.add(STATION_MANAGER)
    if user.is_superuser:
        roles |= {SUPERUSER, *STAFF}
    else:
        roles |= {role for role in STAFF if staff_paths(user, [role])}
    return frozenset(roles)


worker_entries: list[Entry] = []

staff_entries = [
    Entry(
        title=_("Members"),
        text=_("Members in my part of the union"),
        url="people:staff_members",
        roles=STAFF,
        order=80,
    ),
    Entry(
        title=_("Audit trail"),
        text=_("Who viewed, exported or changed personal data"),
        url="people:audit_trail",
        roles={SUPERVISOR, SUPERUSER},
        order=85,
    ),
    Entry(
        title=_("Back office"),
        text=_("Organisations, people and roles"),
        url="admin:index",
        roles=STAFF | {SUPERUSER},
        order=90,
    ),
]
