"""Who sent an appeal, and who may know it.

Every page, API answer and export names the sender through ``submitter_label`` and the
people in the history through ``actor_label``; neither ever gives a handler the sender of
an anonymous appeal. The sender themself always sees it; a supervisor sees it only after
``reveal``, which needs a reason, is logged and tells the worker.

The sender's union (``appeal.org``) is shown through ``union_shown``: for an anonymous
appeal, only a union with enough members to hide in (else the nearest one above that has).
"""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from yunjishi.audit.services import Action, record
from yunjishi.core.db import write_service
from yunjishi.core.errors import NotAllowed, ServiceError
from yunjishi.orgs.models import Org
from yunjishi.people.models import MemberProfile, MembershipStatus

from . import conf
from .models import SUPERVISOR_ROLES, Appeal, Event, EventKind, IdentityReveal
from .telling import tell

MIN_REASON, MAX_REASON = 5, 500


def revealed_to(viewer) -> set[int]:
    """Ids of the anonymous appeals whose sender was shown to ``viewer``.

    Loaded once per user object (one query), then kept on it for the request, so a
    list asks once, not once per anonymous appeal; ``reveal`` adds to it.
    """
    if viewer is None or not viewer.is_authenticated:
        return set()
    cache = getattr(viewer, "_revealed_appeals", None)
    if cache is None:
        cache = set(
            IdentityReveal.objects.filter(supervisor=viewer).values_list("appeal_id", flat=True)
        )
        viewer._revealed_appeals = cache
    return cache


def shows_identity(appeal: Appeal, viewer) -> bool:
    """Whether ``viewer`` may know who sent ``appeal``. ``shown_q`` says the same in SQL."""
    if viewer is None or not viewer.is_authenticated:
        return False
    if appeal.submitter_id == viewer.pk or not appeal.is_anonymous:
        return True
    return appeal.pk in revealed_to(viewer)


def shown_q(viewer, prefix: str = "") -> Q:
    """``shows_identity`` as a filter, for lists that decide in the database (the admin):
    rows whose appeal (``prefix``, e.g. ``"appeal__"``, leads to it) has a sender
    ``viewer`` may know. The two must agree; a test compares them."""
    if viewer is None or not viewer.is_authenticated:
        return Q(pk__in=[])
    revealed = IdentityReveal.objects.filter(
        appeal=OuterRef(prefix.removesuffix("__") or "pk"), supervisor=viewer
    )
    return (
        Q(**{f"{prefix}is_anonymous": False})
        | Q(**{f"{prefix}submitter": viewer})
        | Q(Exists(revealed))
    )


def crowd_org(org: Org, cache: dict | None = None) -> Org:
    """``org`` if its subtree has at least ``APPEALS_ANONYMITY_MIN_MEMBERS`` members, else
    the nearest org above it that has; if none has, the org directly above (a union of
    one member is never named)."""
    if cache is not None and org.pk in cache:
        return cache[org.pk]
    enough = conf.anonymity_min_members()
    chain = org.ancestors_and_self()  # root first
    found = chain[-2] if len(chain) > 1 else org
    for candidate in reversed(chain):
        members = MemberProfile.objects.filter(
            org__in=Org.objects.subtree(candidate).values("pk"),
            membership_status=MembershipStatus.MEMBER,
        )
        if members[:enough].count() >= enough:
            found = candidate
            break
    if cache is not None:
        cache[org.pk] = found
    return found


def is_small(org: Org) -> bool:
    """Fewer than ``APPEALS_ANONYMITY_MIN_MEMBERS`` members in ``org``'s subtree."""
    return crowd_org(org).pk != org.pk


def union_shown(appeal: Appeal, viewer) -> Org:
    """The sender's union as ``viewer`` may see it: the appeal's own when they may know
    the sender, else one with enough members that it does not name them (one member in
    their union would). Kept on the viewer for the request, like ``revealed_to``."""
    if shows_identity(appeal, viewer):
        return appeal.org
    cache = None
    if viewer is not None and viewer.is_authenticated:
        cache = getattr(viewer, "_crowd_orgs", None)
        if cache is None:
            cache = viewer._crowd_orgs = {}
    return crowd_org(appeal.org, cache)


def submitter_label(appeal: Appeal, viewer) -> str:
    if not shows_identity(appeal, viewer):
        return _("Anonymous worker")
    if appeal.submitter is None:
        return _("Former user")
    return str(appeal.submitter)


def submitter_contact(appeal: Appeal, viewer) -> dict | None:
    """Name, masked phone and union of the sender, or None when the viewer may not know."""
    if appeal.submitter is None or not shows_identity(appeal, viewer):
        return None
    user = appeal.submitter
    profile = getattr(user, "member_profile", None)
    return {
        "name": (profile.real_name if profile and profile.real_name else str(user)),
        "phone": user.masked_phone,
        "org": profile.org.name if profile and profile.org else "",
    }


def actor_label(event: Event, appeal: Appeal, viewer, *, staff: bool) -> str:
    """Who made a line of the history. The sender is named only to staff who may know
    them; a follower (``staff=False``, not the sender) reads "the worker"."""
    if event.actor_id is None:
        return _("System")
    if event.actor_id == appeal.submitter_id:
        if viewer is not None and viewer.pk == event.actor_id:
            return pgettext("who did it", "Me")
        if staff and shows_identity(appeal, viewer):
            return str(event.actor)
        return _("The worker")
    return str(event.actor)


def may_reveal(user, appeal: Appeal) -> bool:
    return (
        appeal.is_anonymous
        and appeal.submitter_id != user.pk
        and Appeal.objects.managed_by(user, SUPERVISOR_ROLES).filter(pk=appeal.pk).exists()
    )


@write_service
def reveal(supervisor, appeal: Appeal, reason: str) -> dict:
    """Show a supervisor who sent an anonymous appeal: logged with the reason; the worker
    is told. Returns the sender's contact."""
    if not appeal.is_anonymous:
        raise ServiceError(_("This appeal is not anonymous."), code="not_anonymous")
    if not may_reveal(supervisor, appeal):
        raise NotAllowed(_("Only a supervisor of this appeal may see who sent it."))
    reason = (reason or "").strip()
    if not MIN_REASON <= len(reason) <= MAX_REASON:
        raise ValidationError(
            {
                "reason": [
                    _("Give the reason in %(min)d to %(max)d characters.")
                    % {"min": MIN_REASON, "max": MAX_REASON}
                ]
            }
        )
    shown = IdentityReveal.objects.create(appeal=appeal, supervisor=supervisor, reason=reason)
    # The trail names the appeal, not the sender: its readers (other supervisors) must not
    # learn who sent it from the trail. The reveal row itself says whom it showed.
    record(
        supervisor,
        Action.REVEAL,
        org=appeal.handling_org,
        target=f"appeals.appeal:{appeal.pk}",
        detail=_("the sender of an anonymous appeal; reason: %(reason)s") % {"reason": reason},
    )
    Event.objects.create(
        appeal=appeal, kind=EventKind.IDENTITY_REVEALED, actor=supervisor, note=reason
    )
    tell(
        [appeal.submitter],
        appeal,
        _("Your identity was shown to a supervisor: %(number)s"),
        _("%(name)s gave this reason: %(reason)s") % {"name": supervisor, "reason": reason},
        kind="appeals.identity",
        key=f"revealed:{shown.pk}",
        staff=False,
    )
    revealed_to(supervisor).add(appeal.pk)
    return submitter_contact(appeal, supervisor)
