"""What join applications and transfer requests share: their lifecycle (pending → approved,
declined or withdrawn; an overdue application moves up the tree and stays pending), the
staff who are told, and one decline and one withdraw for both kinds of request.

Every move goes through ``core.transitions.Lifecycle``: a conditional ``UPDATE ... WHERE
status = 'pending'`` whose row count is checked (if nothing was updated, someone else got
there first; the UPDATE filters on the row's own columns only, so PostgreSQL re-checks the
condition after waiting for a lock), and the person's ``MembershipEvent`` in the same
transaction, naming the request and its move.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.core.calendar import add_working_days
from yunjishi.core.db import write_service
from yunjishi.core.errors import NotAllowed
from yunjishi.core.transitions import Lifecycle
from yunjishi.notify.services import notify_many
from yunjishi.orgs.models import Level, Org
from yunjishi.people.models import MemberProfile, MembershipStatus, StaffAssignment, User

from ..models import EventKind, JoinApplication, MembershipEvent, RequestStatus, TransferRequest

NOTIFIED_ROLES = ("handler", "org_admin")
MAX_REASON = 500
PENDING = RequestStatus.PENDING

ALREADY_DECIDED = gettext_lazy("This request has already been decided or withdrawn.")

# (from, to): the person's event the move writes.
JOIN_MOVES: dict[tuple[str, str], str] = {
    (PENDING, RequestStatus.APPROVED): EventKind.JOINED,
    (PENDING, RequestStatus.DECLINED): EventKind.DECLINED,
    (PENDING, RequestStatus.WITHDRAWN): EventKind.WITHDRAWN,
    (PENDING, PENDING): EventKind.ESCALATED,  # overdue: to the parent union, still pending
}
TRANSFER_MOVES: dict[tuple[str, str], str] = {
    (PENDING, RequestStatus.APPROVED): EventKind.TRANSFERRED,
    (PENDING, RequestStatus.DECLINED): EventKind.TRANSFER_DECLINED,
    (PENDING, RequestStatus.WITHDRAWN): EventKind.TRANSFER_WITHDRAWN,
}

# Both words are the ones the pages and the API have always given (code already_decided).
JOIN_LIFECYCLE = Lifecycle(
    model=JoinApplication,
    moves=JOIN_MOVES,
    history=MembershipEvent,
    subject="application",
    illegal=ALREADY_DECIDED,
    changed=ALREADY_DECIDED,
    illegal_code="already_decided",
    changed_code="already_decided",
)
TRANSFER_LIFECYCLE = Lifecycle(
    model=TransferRequest,
    moves=TRANSFER_MOVES,
    history=MembershipEvent,
    subject="transfer",
    illegal=ALREADY_DECIDED,
    changed=ALREADY_DECIDED,
    illegal_code="already_decided",
    changed_code="already_decided",
)


@dataclass(frozen=True)
class Kind:
    """What differs between a join application and a transfer request."""

    lifecycle: Lifecycle
    owner: str  # the field of the person who asked
    key: str  # the prefix of the notifications' dedupe keys
    not_owner: Promise
    declined_title: Promise
    declined_body: Promise  # with %(org)s and %(reason)s

    def person_id(self, request) -> int:
        return getattr(request, f"{self.owner}_id")

    def history(self, request, kind: str, note: str = "", **more) -> dict:
        """The columns of the person's event for a step of ``request``."""
        if isinstance(request, TransferRequest):
            where = {"org": request.to_org, "from_org": request.from_org}
        else:
            where = {"org": request.org}
        return {"member_id": self.person_id(request), "kind": kind, "note": note, **where, **more}

    def deciding_org(self, request) -> Org:
        return request.to_org if isinstance(request, TransferRequest) else request.org


JOIN = Kind(
    lifecycle=JOIN_LIFECYCLE,
    owner="applicant",
    key="join",
    not_owner=gettext_lazy("Only the applicant can withdraw an application."),
    declined_title=gettext_lazy("Your join application was declined"),
    declined_body=gettext_lazy("%(org)s declined your application. Reason: %(reason)s"),
)
TRANSFER = Kind(
    lifecycle=TRANSFER_LIFECYCLE,
    owner="member",
    key="transfer",
    not_owner=gettext_lazy("Only the member can withdraw a transfer request."),
    declined_title=gettext_lazy("Your transfer request was declined"),
    declined_body=gettext_lazy("%(org)s declined your transfer. Reason: %(reason)s"),
)


def kind_of(request) -> Kind:
    return TRANSFER if isinstance(request, TransferRequest) else JOIN


def decision_due(now=None):
    return add_working_days(now or timezone.now(), settings.JOIN_DECISION_DAYS)


def clean_reason(reason: str, *, required: bool, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError({field: [_("Give a reason for declining.")]})
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {field: [_("Keep the reason under %(n)d characters.") % {"n": MAX_REASON}]}
        )
    return reason


def org_staff(org: Org) -> list:
    """Handlers and org admins of ``org`` and of its ancestors up to the city federation.

    One query; a province or national federation is told only when the request sits there.
    """
    above = Q(org__path__in=org.ancestor_paths()[:-1]) & ~Q(
        org__level__in=(Level.NATIONAL, Level.PROVINCE)
    )
    rows = StaffAssignment.objects.filter(
        Q(org=org) | above, role__in=NOTIFIED_ROLES, user__is_active=True, org__is_active=True
    ).select_related("user")
    return list({row.user_id: row.user for row in rows}.values())


def tell(users, title: str, body: str, *, url: str, key: str | None) -> None:
    notify_many(users, title, body, url=url, kind="membership", dedupe_key=key)


def not_member_any_more(user_id) -> None:
    """An applicant whose application ended goes back to "not a member" or "left"."""
    MemberProfile.objects.filter(
        user_id=user_id, membership_status=MembershipStatus.APPLIED
    ).update(
        membership_status=Case(
            When(membership_number__isnull=True, then=Value(MembershipStatus.NONE)),
            default=Value(MembershipStatus.LEFT),
        )
    )


def decide(staff: User, request, to: str, *, note: str = "", **fields):
    """Move a pending request to ``to`` for ``staff``, or raise NotAllowed / Conflict.
    Inside the caller's transaction; returns the request as it is now."""
    kind = kind_of(request)
    if kind.person_id(request) == staff.pk:
        raise NotAllowed(_("You cannot decide on your own request."))
    if not type(request).objects.changeable_by(staff).filter(pk=request.pk).exists():
        raise NotAllowed(_("This request belongs to a union outside the ones you work for."))
    return kind.lifecycle.move(
        request,
        to,
        actor=staff,
        record=kind.history(request, kind.lifecycle.rule(request, to), note),
        decided_at=timezone.now(),
        decided_by=staff,
        **fields,
    )


@write_service
def decline(staff: User, request, reason: str):
    """Staff decline a join application or a transfer request, with a reason the person
    is told."""
    reason = clean_reason(reason, required=True)
    kind = kind_of(request)
    request = decide(staff, request, RequestStatus.DECLINED, note=reason, decline_reason=reason)
    if kind is JOIN:
        not_member_any_more(request.applicant_id)
    tell(
        [getattr(request, kind.owner)],
        str(kind.declined_title),
        str(kind.declined_body) % {"org": kind.deciding_org(request).name, "reason": reason},
        url=reverse("membership:home"),
        key=f"{kind.key}:{request.pk}:declined",
    )
    return request


@write_service
def withdraw(user: User, request):
    """The person who asked takes back a pending join application or transfer request."""
    kind = kind_of(request)
    if kind.person_id(request) != user.pk:
        raise NotAllowed(kind.not_owner)
    request = withdraw_for(user, request)
    if kind is JOIN:
        not_member_any_more(user.pk)
    return request


def withdraw_for(user: User, request, note: str = ""):
    """The move of a withdrawal, inside the caller's transaction (leaving withdraws a
    pending transfer too)."""
    kind = kind_of(request)
    return kind.lifecycle.move(
        request,
        RequestStatus.WITHDRAWN,
        actor=user,
        record=kind.history(request, kind.lifecycle.rule(request, RequestStatus.WITHDRAWN), note),
        decided_at=timezone.now(),
    )
