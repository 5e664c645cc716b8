"""People's side of the audit trail (``yunjishi.audit``): who may read it, and the records
of who looked at or changed a member's data.

The trail is read by supervisors, each in their own subtree (an entry belongs to the org
it names, by tree path), and by superusers, who read every entry, those naming no org
too. Org admins, handlers and trackers do not read it: the people it watches are them.
"""

import re
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from yunjishi.audit.models import Entry
from yunjishi.audit.services import Action, record
from yunjishi.core.masking import mask_text
from yunjishi.core.validators import MAX_ROW_ID

from .models import MemberProfile, User
from .scope import Person, is_staff_member, scope_q, top_orgs

READER_ROLES = ("supervisor",)


def may_read_trail(user: Person) -> bool:
    return is_staff_member(user, READER_ROLES)


def trail_visible_to(user: Person):
    """The entries ``user`` may read, newest first (none for anyone but a supervisor or a
    superuser)."""
    if not may_read_trail(user):
        return Entry.objects.none()
    q = scope_q(Entry, user, READER_ROLES, include_owner=False, public=False)
    entries = Entry.objects.all() if q is None else Entry.objects.filter(q)
    return entries.order_by("-at", "-pk")


def person_q(text: str) -> Q:
    """Entries by or about a person: ``#12`` or ``12`` (an account id), a full mobile
    number, or part of the masked name the trail keeps (``王**``)."""
    text = (text or "").strip()
    digits = re.sub(r"[\s-]", "", text).removeprefix("#")  # "138 1234 5678" as typed
    number = re.fullmatch(r"[0-9]+", digits) is not None
    if number and len(digits) == 11:
        return Q(actor__phone=digits) | Q(subject__phone=digits)
    if number and int(digits) <= MAX_ROW_ID:
        return Q(actor_id=int(digits)) | Q(subject_id=int(digits))
    return Q(actor_label__contains=text) | Q(subject_label__contains=text)


# --- Records of what staff saw -------------------------------------------------------------


def home_org(user: Any):
    """The org a staffer's list belongs to in the trail: their highest assignment (none
    for a superuser, whose lists only superusers read)."""
    if getattr(user, "is_superuser", False):
        return None
    return top_orgs(user).first()


def record_member_list(
    request, user: User, *, query: str, status: str, count: int, only: MemberProfile | None
) -> None:
    """One VIEW entry for a list of members: the (masked) search, the status filter and
    how many rows matched; a search that found one member names them."""
    query = (query or "").strip()
    parts = [_("search: %(query)s") % {"query": mask_text(query)}] if query else []
    if status:
        parts.append(_("status: %(status)s") % {"status": status})
    parts.append(_("%(count)d rows") % {"count": count})
    record(
        user,
        Action.VIEW,
        subject=only.user if only is not None else None,
        org=only.org if only is not None else home_org(user),
        target="people.memberprofile list",
        detail="; ".join(parts),
        request=request,
    )


def record_member_view(request, user: User, member: MemberProfile) -> None:
    record(
        user,
        Action.VIEW,
        subject=member.user,
        org=member.org,
        target=f"people.memberprofile:{member.pk}",
        request=request,
    )


def subject_of(obj: Any) -> tuple[Any, Any]:
    """The person and the org behind a row of people's data (a user or a profile)."""
    if isinstance(obj, User):
        profile = MemberProfile.objects.filter(user=obj).select_related("org").first()
        return obj, profile.org if profile else None
    return getattr(obj, "user", None), getattr(obj, "org", None)
