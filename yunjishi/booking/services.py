"""Taking and giving back places. Call these inside the caller's outermost transaction:
the domain record (an order, a sign-up) and the place are written together or not at all.

Order of locks, always the same so two requests never wait on each other in a circle:
the person's row first (serialises one person's submits: per-person limit and idempotency
key), then the slot through a conditional UPDATE (serialises the last places).

An idempotency key means one request. Its first booking fixes the pool it books: a
repeat in that pool is answered with the first booking (whichever of the pool's slots the
repeat names: the slot is a detail of the request, the pool is what it books), a use in
any other pool is refused with ``IdempotencyKeyReused``. The one-booking-per-key
constraint keeps both true even if two submits were ever to get past the person's lock.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.core.db import require_transaction
from yunjishi.core.errors import Conflict, ServiceError
from yunjishi.people.models import User

from .models import Booking, BookingStatus, Pool, Slot

# What the API says of every endpoint that takes an Idempotency-Key.
IDEMPOTENCY_KEY_RULE = (
    "With an Idempotency-Key, a repeat returns the first result (200). A key this person "
    "already used for anything else is refused: 422, code idempotency_key_reused."
)


class Full(Conflict):
    code = "full"


class LimitReached(Conflict):
    code = "limit_reached"


class IdempotencyKeyReused(ServiceError):
    """The key already booked something else. 422, not 409, as the IETF Idempotency-Key
    draft answers a key reused for a different request: the request itself must change
    (a new key), while our 409s say the state changed and a later retry may pass."""

    status = 422
    code = "idempotency_key_reused"
    # Pages send their form's one-time token as the key; a person knows it as the form.
    page_message = gettext_lazy(
        "This form was already sent for something else. Reload the page and send it again."
    )

    def __init__(self, message=None, **kwargs):
        super().__init__(
            message
            or _("This idempotency key was already used for another request; use a new key."),
            **kwargs,
        )


@dataclass
class Reservation:
    booking: Booking
    replayed: bool  # True when the idempotency key had already booked: nothing new was taken


def create_pool(
    *, kind: str, title: str, org, per_person_limit: int = 1, slots: list[dict]
) -> Pool:
    """A pool with its slots: ``slots`` is a list of ``{"places", "starts_at", "ends_at"}``."""
    if not slots:
        raise ServiceError(_("Give at least one session or a number of places."), code="no_slots")
    pool = Pool.objects.create(kind=kind, title=title, org=org, per_person_limit=per_person_limit)
    Slot.objects.bulk_create(
        Slot(pool=pool, places=s["places"], starts_at=s.get("starts_at"), ends_at=s.get("ends_at"))
        for s in slots
    )
    return pool


def reserve(slot: Slot, user: User, *, idempotency_key: str | None = None) -> Reservation:
    """Take one place of ``slot`` for ``user``.

    Raises ``Full`` when no place is left, ``LimitReached`` when the person already holds
    the pool's per-person limit, ``ServiceError`` when the slot is closed or has started.
    With an ``idempotency_key`` this person already used in this pool, returns that first
    booking; used in another pool, raises ``IdempotencyKeyReused``.
    """
    require_transaction("reserve()")
    _lock_person(user)
    if idempotency_key:
        first = first_booking(user, slot.pool_id, idempotency_key)
        if first is not None:
            return Reservation(first, replayed=True)
    slot = Slot.objects.select_related("pool").get(pk=slot.pk)
    if not slot.is_open:
        raise ServiceError(_("Sign-up for this session is closed."), code="closed")
    if slot.starts_at is not None and slot.starts_at <= timezone.now():
        raise ServiceError(_("This session has already started."), code="past_session")
    held = Booking.objects.filter(
        pool_id=slot.pool_id, user=user, status=BookingStatus.ACTIVE
    ).count()
    if held >= slot.pool.per_person_limit:
        raise LimitReached(
            _("You already hold %(n)d place(s) here, the most one person may hold.") % {"n": held}
        )
    try:
        with transaction.atomic():  # a savepoint: a twin's key gives this place back
            if not _take_place(slot.pk):
                raise Full(_("All places are taken."))
            booking = Booking.objects.create(
                slot=slot, pool_id=slot.pool_id, user=user, idempotency_key=idempotency_key or None
            )
    except IntegrityError:
        # Only a twin submit that got past the person's lock lands here: its booking has
        # committed, so this one answers as a replay (or a refusal) instead of a 500.
        first = first_booking(user, slot.pool_id, idempotency_key) if idempotency_key else None
        if first is None:
            raise
        return Reservation(first, replayed=True)
    return Reservation(booking, replayed=False)


def first_booking(user: User, pool_id: int, idempotency_key: str) -> Booking | None:
    """The booking ``idempotency_key`` already made for ``user`` in pool ``pool_id``, or
    None if the key is new. Raises ``IdempotencyKeyReused`` if it booked another pool.
    Domain services that answer a replay before their own checks ask this too, so the
    engine alone decides what a key means."""
    first = (
        Booking.objects.filter(user=user, idempotency_key=idempotency_key)
        .select_related("slot")
        .first()
    )
    if first is not None and first.pool_id != pool_id:
        raise IdempotencyKeyReused()
    return first


def _lock_person(user: User) -> None:
    """The person's row: one submit of theirs at a time (no-op lock on SQLite, where
    IMMEDIATE transactions already serialise every writer)."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def _take_place(slot_id: int) -> bool:
    """A conditional update: the last place goes to exactly one request, never two."""
    return bool(Slot.objects.filter(pk=slot_id, taken__lt=F("places")).update(taken=F("taken") + 1))


def release(booking: Booking) -> bool:
    """Give the place back. Returns False if the booking was already cancelled (nothing done)."""
    changed = Booking.objects.filter(pk=booking.pk, status=BookingStatus.ACTIVE).update(
        status=BookingStatus.CANCELLED, cancelled_at=timezone.now()
    )
    if changed:
        Slot.objects.filter(pk=booking.slot_id, taken__gt=0).update(taken=F("taken") - 1)
        booking.status = BookingStatus.CANCELLED
    return bool(changed)


def mark_used(booking: Booking) -> bool:
    """The place was spent (service given, or a no-show): it no longer counts towards the
    person's limit of places held at once, and it is not given back."""
    changed = Booking.objects.filter(pk=booking.pk, status=BookingStatus.ACTIVE).update(
        status=BookingStatus.USED
    )
    return bool(changed)


def add_places(slot: Slot, places: int) -> Slot:
    """Change a slot's places; never below what is already taken."""
    if places < 0:
        raise ServiceError(_("Places cannot be negative."), code="invalid_places")
    updated = Slot.objects.filter(pk=slot.pk, taken__lte=places).update(places=places)
    if not updated:
        raise Conflict(_("More places are already taken than the new number."), code="below_taken")
    slot.refresh_from_db()
    return slot
