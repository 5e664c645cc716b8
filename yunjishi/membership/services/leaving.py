"""Leaving the union (退会)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict
from yunjishi.people.models import MemberProfile, MembershipStatus, User

from ..models import EventKind, MembershipEvent, TransferRequest
from .requests import PENDING, clean_reason, tell, withdraw_for


@write_service
def leave(user: User, reason: str = "") -> MemberProfile:
    """A member leaves the union. The number stays theirs should they rejoin; a transfer
    still waiting is withdrawn with them."""
    reason = clean_reason(reason, required=False)
    left = MemberProfile.objects.filter(
        user=user, membership_status=MembershipStatus.MEMBER
    ).update(membership_status=MembershipStatus.LEFT)
    if not left:
        raise Conflict(_("You are not a member of the union."), code="not_member")
    profile = MemberProfile.objects.select_related("org").get(user=user)
    for transfer in TransferRequest.objects.filter(member=user, status=PENDING).order_by("pk"):
        withdraw_for(user, transfer, note=_("Left the union"))
    MembershipEvent.objects.create(
        member=user, kind=EventKind.LEFT, org=profile.org, actor=user, note=reason
    )
    tell(
        [user],
        _("You have left the union"),
        _("You are no longer a member of %(org)s. You can apply to join again at any time.")
        % {"org": profile.org.name},
        url=reverse("membership:home"),
        key=None,
    )
    return profile
