"""Listings: 备货 (stocking places), review by the owning union, batches (批次上新).

A listing's lifecycle (draft → submitted → approved or rejected → live, published in a
batch → delisted) is ``LISTING_LIFECYCLE``: every move is a conditional update with its
history row (``ListingEvent``), shown on the provider's page and in the admin.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.booking import services as booking
from yunjishi.core.db import write_service
from yunjishi.core.errors import NotAllowed
from yunjishi.core.transitions import Lifecycle
from yunjishi.notify.services import notify, notify_many
from yunjishi.people.models import ProviderProfile, StaffAssignment, StaffRole, User
from yunjishi.people.scope import works_at

from . import search
from .models import (
    Batch,
    Domain,
    Eligibility,
    Follow,
    Format,
    Listing,
    ListingEvent,
    ListingStatus,
    Order,
)

MAX_PLACES = 100_000
# Who reviews listings and publishes batches, in the subtree of their union.
REVIEW_ROLES = frozenset({StaffRole.ORG_ADMIN.value, StaffRole.SUPERVISOR.value})


def _check(data: dict, sessions: list[dict] | None, places: int | None) -> None:
    errors: dict[str, list[str]] = {}

    def need(field, message):
        errors.setdefault(field, []).append(str(message))

    if data.get("domain") not in Domain.values:
        need("domain", _("Choose one of the service domains."))
    if data.get("format") not in Format.values:
        need("format", _("Choose online, on site or at a station."))
    if data.get("eligibility", Eligibility.ALL) not in Eligibility.values:
        need("eligibility", _("Choose who may order."))
    if data.get("online_url"):
        try:
            URLValidator(schemes=["http", "https"])(data["online_url"])
        except ValidationError:
            need("online_url", _("Enter a valid link starting with http:// or https://."))
    if not (data.get("title") or "").strip():
        need("title", _("Give the listing a title."))
    if not (data.get("description") or "").strip():
        need("description", _("Describe the service."))
    if data.get("format") == Format.ONLINE and not data.get("online_url"):
        need("online_url", _("An online service needs its link."))
    if (
        data.get("format") in (Format.OFFLINE, Format.STATION)
        and not (data.get("place") or "").strip()
    ):
        need("place", _("Say where the service takes place."))
    if data.get("eligibility") == Eligibility.OCCUPATIONS and not data.get("occupations"):
        need("occupations", _("Choose the occupations that may order."))
    limit = data.get("per_person_limit", 1)
    if not isinstance(limit, int) or limit < 1 or limit > 100:
        need("per_person_limit", _("Places per person must be between 1 and 100."))
    if sessions:
        now = timezone.now()
        for number, session in enumerate(sessions, start=1):
            if session.get("starts_at") is None or session["starts_at"] <= now:
                need("sessions", _("Session %(n)d must start in the future.") % {"n": number})
            if (
                session.get("starts_at")
                and session.get("ends_at")
                and session["ends_at"] <= session["starts_at"]
            ):
                need("sessions", _("Session %(n)d ends before it starts.") % {"n": number})
            if not 1 <= int(session.get("places") or 0) <= MAX_PLACES:
                need(
                    "sessions",
                    _("Session %(n)d needs between 1 and 100000 places.") % {"n": number},
                )
    elif not places or not 1 <= places <= MAX_PLACES:
        need("places", _("Give the number of places (1 to 100000) or dated sessions."))
    if errors:
        raise ValidationError(errors)


L = ListingStatus
# (from, to): who may make the move.
TRANSITIONS: dict[tuple[str, str], str] = {
    (L.DRAFT, L.SUBMITTED): "provider",
    (L.REJECTED, L.SUBMITTED): "provider",
    (L.SUBMITTED, L.APPROVED): "staff",
    (L.SUBMITTED, L.REJECTED): "staff",
    (L.APPROVED, L.LIVE): "staff",  # published in a batch
    (L.APPROVED, L.DELISTED): "provider_or_staff",
    (L.LIVE, L.DELISTED): "provider_or_staff",
}

LISTING_LIFECYCLE = Lifecycle(
    model=Listing,
    moves=TRANSITIONS,
    history=ListingEvent,
    subject="listing",
    illegal=gettext_lazy("This listing is %(now)s and cannot become %(to)s."),
    changed=gettext_lazy("Someone else changed this listing just now; reload and try again."),
)


@write_service
def create_listing(
    provider_user, data: dict, *, sessions: list[dict] | None = None, places: int | None = None
) -> Listing:
    """A draft listing with its capacity: ``places`` in total, or ``sessions`` each with places."""
    provider = ProviderProfile.objects.filter(user=provider_user, is_active=True).first()
    if provider is None:
        raise NotAllowed(_("Only registered providers may list services."))
    _check(data, sessions, places)
    occupations = data.pop("occupations", [])
    per_person_limit = data.pop("per_person_limit", 1)
    pool = booking.create_pool(
        kind="market.listing",
        title=data["title"],
        org=provider.org,
        per_person_limit=per_person_limit,
        slots=sessions or [{"places": places}],
    )
    listing = Listing.objects.create(provider=provider, org=provider.org, pool=pool, **data)
    if occupations:
        listing.occupations.set(occupations)
    LISTING_LIFECYCLE.begin(listing, actor=provider_user)
    search.index_listing(listing)
    return listing


def _may_move(actor: User, listing: Listing, to: str) -> None:
    """Conflict unless the table has the move; NotAllowed unless ``actor`` is among who
    may make it."""
    who = LISTING_LIFECYCLE.rule(listing, to).split("_or_")
    if "provider" in who and listing.provider.user_id == actor.pk:
        return
    if "staff" in who:
        _staff_may_review(actor, listing)
        return
    raise NotAllowed()


def _move(actor: User, listing: Listing, to: str, *, note: str = "", **fields) -> Listing:
    """Move the listing if ``actor`` may and the table allows it, with its history row."""
    _may_move(actor, listing, to)
    return LISTING_LIFECYCLE.move(listing, to, actor=actor, record={"note": note}, **fields)


@write_service
def submit(provider_user, listing: Listing) -> Listing:
    listing = _move(provider_user, listing, L.SUBMITTED, reject_reason="")
    notify_many(
        _reviewers(listing),
        _("A listing waits for review: %(title)s") % {"title": listing.title},
        url="/market/staff/review/",
        kind="market.review",
    )
    return listing


def _reviewers(listing: Listing):
    """The reviewers of the listing's union and of the union above it."""
    paths = [listing.org.path[:end] for end in range(4, len(listing.org.path) + 1, 4)]
    ids = StaffAssignment.objects.filter(
        org__path__in=paths[-2:], role__in=REVIEW_ROLES
    ).values_list("user_id", flat=True)
    return User.objects.filter(pk__in=set(ids))


def _staff_may_review(staff: User, listing: Listing) -> None:
    """Only org admins and supervisors over the listing's union review it, never its provider."""
    if not Listing.objects.managed_by(staff, REVIEW_ROLES).filter(pk=listing.pk).exists():
        raise NotAllowed(_("Only staff of the owning union may review this listing."))
    if listing.provider.user_id == staff.pk:
        raise NotAllowed(_("You cannot review your own listing."))


@write_service
def approve(staff: User, listing: Listing) -> Listing:
    return _move(staff, listing, L.APPROVED, reviewed_by=staff, reviewed_at=timezone.now())


@write_service
def reject(staff: User, listing: Listing, reason: str) -> Listing:
    _may_move(staff, listing, L.REJECTED)  # before the reason: a stranger learns nothing
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the provider a reason.")]})
    listing = LISTING_LIFECYCLE.move(
        listing,
        L.REJECTED,
        actor=staff,
        record={"note": reason},
        reject_reason=reason,
        reviewed_by=staff,
        reviewed_at=timezone.now(),
    )
    notify(
        listing.provider.user,
        _("Your listing was not approved: %(title)s") % {"title": listing.title},
        reason,
        url=f"/market/provider/listings/{listing.pk}/",
        kind="market.rejected",
    )
    return listing


@write_service
def publish_batch(staff: User, org, title: str, listings) -> Batch:
    """Publish approved listings together (批次上新) and tell the workers who will care:
    followers of their domains and workers who ordered from their providers before."""
    listings = list(listings)
    if not (title or "").strip():
        raise ValidationError({"title": [_("Give the batch a title.")]})
    if not listings:
        raise ValidationError({"listings": [_("Choose at least one approved listing.")]})
    if not works_at(staff, org, REVIEW_ROLES):
        raise NotAllowed(_("You may only publish batches of the unions you manage."))
    for listing in listings:
        if not org.contains(listing.org):
            raise ValidationError(
                {"listings": [_("Every listing of a batch must belong to its union.")]}
            )
    batch = Batch.objects.create(org=org, title=title.strip(), published_by=staff)
    now = timezone.now()
    for listing in listings:
        _move(staff, listing, L.LIVE, note=batch.title, batch=batch, published_at=now)
    _announce(batch, listings)
    return batch


def _announce(batch: Batch, listings: list[Listing]) -> None:
    domains = {listing.domain for listing in listings}
    providers = {listing.provider_id for listing in listings}
    followers = set(Follow.objects.filter(domain__in=domains).values_list("user_id", flat=True))
    customers = set(
        Order.objects.filter(listing__provider_id__in=providers).values_list("worker_id", flat=True)
    )
    from django.contrib.auth import get_user_model

    notify_many(
        get_user_model().objects.filter(pk__in=followers | customers, is_active=True),
        _("New in the service market: %(batch)s") % {"batch": batch.title},
        "、".join(listing.title for listing in listings[:5]),
        url="/market/",
        kind="market.batch",
        dedupe_key=f"market.batch.{batch.pk}",
    )


@write_service
def delist(actor: User, listing: Listing, reason: str = "") -> Listing:
    reason = (reason or "").strip()
    return _move(actor, listing, L.DELISTED, note=reason, reject_reason=reason)


@write_service
def follow(user: User, domain: str, on: bool = True) -> None:
    if on:
        Follow.objects.get_or_create(user=user, domain=domain)
    else:
        Follow.objects.filter(user=user, domain=domain).delete()


def upcoming_slots(listing: Listing):
    """Slots a worker may still choose: open, and not started yet (undated slots always)."""
    from django.db.models import Q

    now = timezone.now()
    return listing.pool.slots.filter(is_open=True).filter(
        Q(starts_at__isnull=True) | Q(starts_at__gt=now)
    )


def places_left(listing: Listing) -> int:
    return sum(slot.places_left for slot in upcoming_slots(listing))
