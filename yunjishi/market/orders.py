"""The order loop: 下单 → 配货 → 发货 → 签收 → 评价, with 复购; an explicit state machine.

Every move goes through ``transition``: one table of allowed moves, one conditional update
(so two people acting at once cannot both move the order), one history row.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.booking import services as booking
from yunjishi.booking.models import Slot
from yunjishi.core.calendar import local_text
from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict, NotAllowed, ServiceError
from yunjishi.core.transitions import Lifecycle
from yunjishi.notify.services import notify
from yunjishi.people.models import MemberProfile, User

from .listings import upcoming_slots
from .models import Eligibility, Listing, ListingStatus, Order, OrderEvent, OrderStatus, Review

S = OrderStatus
# (from, to): who may make the move
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.PLACED, S.ALLOCATED): "provider",
    (S.PLACED, S.CANCELLED): "worker_or_provider",
    (S.ALLOCATED, S.DELIVERED): "provider",
    (S.ALLOCATED, S.CANCELLED): "provider",
    (S.ALLOCATED, S.NO_SHOW): "provider",
    (S.DELIVERED, S.CONFIRMED): "worker",
    (S.CONFIRMED, S.REVIEWED): "worker",
}
FREES_THE_PLACE = {S.CANCELLED}
SPENDS_THE_PLACE = {S.DELIVERED, S.NO_SHOW}


def _role(actor: User | None, order: Order) -> set[str]:
    roles = set()
    if actor is None:
        return {"system"}
    if order.worker_id == actor.pk:
        roles.add("worker")
    if (
        order.listing.provider.user_id == actor.pk
        or Order.objects.changeable_by(actor).filter(pk=order.pk).exclude(worker=actor).exists()
    ):
        roles.add("provider")  # the provider, or union staff acting for them
    return roles


ORDER_LIFECYCLE = Lifecycle(
    model=Order,
    moves=TRANSITIONS,
    history=OrderEvent,
    subject="order",
    illegal=gettext_lazy("An order that is %(now)s cannot become %(to)s."),
    changed=gettext_lazy("Someone else changed this order just now; reload and try again."),
)


def transition(order: Order, to: str, actor: User | None, note: str = "", **fields) -> Order:
    """Move ``order`` for ``actor``: a building block of the services below, inside their
    transaction (the move, its history row and the place are written together)."""
    who = ORDER_LIFECYCLE.rule(order, to)
    roles = _role(actor, order)
    if "system" not in roles and not any(part in roles for part in who.split("_or_")):
        raise NotAllowed()

    def settle_the_place(order: Order) -> None:
        if to in FREES_THE_PLACE:
            booking.release(order.booking)
        elif to in SPENDS_THE_PLACE:
            booking.mark_used(order.booking)

    return ORDER_LIFECYCLE.move(
        order,
        to,
        actor=actor,
        record={"note": note},
        after=settle_the_place,
        updated_at=timezone.now(),
        **fields,
    )


def eligible(user: User, listing: Listing) -> str | None:
    """None if ``user`` may order ``listing``, else the reason in words."""
    if listing.eligibility == Eligibility.ALL:
        return None
    profile = MemberProfile.objects.filter(user=user).first()
    if listing.eligibility == Eligibility.MEMBERS and not (profile and profile.is_member):
        return _("This service is for union members.")
    if listing.eligibility == Eligibility.NEW_EMPLOYMENT_FORM and not (
        profile and profile.is_new_employment_form
    ):
        return _("This service is for new-employment-form workers.")
    if listing.eligibility == Eligibility.OCCUPATIONS and not (
        profile
        and profile.occupation_id
        and listing.occupations.filter(pk=profile.occupation_id).exists()
    ):
        return _("This service is for certain occupations only.")
    return None


def place_order(
    worker: User,
    listing: Listing,
    *,
    slot: Slot | None = None,
    idempotency_key: str | None = None,
    reorder_of: Order | None = None,
) -> tuple[Order, bool]:
    """下单: take a place and create the order. Returns (order, created).

    A repeated submit with the same idempotency key returns the first order, created=False,
    before any rule is asked again (the listing may have closed since). The key books the
    listing's pool whichever session is named, so a reorder is the same request as an order
    of its listing; a key that booked anything else is refused (``IdempotencyKeyReused``).
    """
    with transaction.atomic(durable=True):
        listing = Listing.objects.select_related("provider", "pool").get(pk=listing.pk)
        if idempotency_key:
            first = booking.first_booking(worker, listing.pool_id, idempotency_key)
            if first is not None:
                return first.market_order, False
        if listing.status != ListingStatus.LIVE:
            raise ServiceError(_("This service is not open for orders."), code="not_live")
        if listing.provider.user_id == worker.pk:
            raise ServiceError(_("You cannot order your own service."), code="own_listing")
        reason = eligible(worker, listing)
        if reason:
            raise NotAllowed(reason, code="not_eligible")
        if (
            not listing.repeatable
            and Order.objects.filter(listing=listing, worker=worker)
            .exclude(status=S.CANCELLED)
            .exists()
        ):
            raise Conflict(_("This service can be ordered only once."), code="once_only")
        slot = _choose_slot(listing, slot)
        reservation = booking.reserve(slot, worker, idempotency_key=idempotency_key)
        if reservation.replayed:
            return reservation.booking.market_order, False
        try:
            order = Order.objects.create(
                listing=listing,
                worker=worker,
                booking=reservation.booking,
                slot=slot,
                scheduled_at=slot.starts_at,
                reorder_of=reorder_of,
            )
        except IntegrityError:
            raise Conflict(_("This order was already placed.")) from None
        ORDER_LIFECYCLE.begin(order, actor=worker)
        notify(
            listing.provider.user,
            _("New order: %(title)s") % {"title": listing.title},
            url=f"/market/provider/orders/{order.pk}/",
            kind="market.order",
        )
    return order, True


def _choose_slot(listing: Listing, slot: Slot | None) -> Slot:
    choices = upcoming_slots(listing)
    if slot is None:
        dated = [s for s in choices if s.starts_at is not None]
        undated = [s for s in choices if s.starts_at is None]
        if undated:
            return undated[0]
        if dated:
            raise ValidationError({"slot": [_("Choose a session.")]})
        raise ServiceError(_("There is no session left to order."), code="no_session")
    if slot.pool_id != listing.pool_id:
        raise ValidationError({"slot": [_("That session is not part of this service.")]})
    if slot.starts_at is not None and slot.starts_at <= timezone.now():
        raise ServiceError(_("This session has already started."), code="past_session")
    return slot


@write_service
def allocate(
    actor: User,
    order: Order,
    *,
    scheduled_at: dt.datetime | None,
    place: str = "",
    online_url: str = "",
    assignee: str = "",
) -> Order:
    """配货: fix time, place or link, and who serves."""
    errors = {}
    when = scheduled_at or order.scheduled_at
    if when is None:
        errors["scheduled_at"] = [_("Give the time of the service.")]
    if not (place or "").strip() and not (online_url or "").strip():
        place, online_url = order.listing.place, order.listing.online_url
        if not place and not online_url:
            errors["place"] = [_("Give a place or an online link.")]
    if errors:
        raise ValidationError(errors)
    order = transition(
        order,
        S.ALLOCATED,
        actor,
        scheduled_at=when,
        place=place.strip(),
        online_url=online_url.strip(),
        assignee=(assignee or order.listing.provider.name).strip(),
    )
    notify(
        order.worker,
        _("Your order is arranged: %(title)s") % {"title": order.listing.title},
        _("Time: %(when)s. Place: %(place)s")
        % {
            "when": local_text(order.scheduled_at),
            "place": order.place or order.online_url,
        },
        url=f"/market/orders/{order.pk}/",
        kind="market.allocated",
    )
    return order


@write_service
def deliver(actor: User, order: Order) -> Order:
    return transition(order, S.DELIVERED, actor, delivered_at=timezone.now())


@write_service
def confirm(worker: User, order: Order) -> Order:
    return transition(order, S.CONFIRMED, worker)


@write_service
def cancel(actor: User, order: Order, reason: str = "") -> Order:
    roles = _role(actor, order)
    if "provider" in roles and order.worker_id != actor.pk:
        if not (reason or "").strip():
            raise ValidationError({"reason": [_("Tell the worker why the order is cancelled.")]})
        order = transition(
            order, S.CANCELLED, actor, note=reason.strip(), cancel_reason=reason.strip()
        )
        notify(
            order.worker,
            _("Your order was cancelled: %(title)s") % {"title": order.listing.title},
            reason.strip(),
            url=f"/market/orders/{order.pk}/",
            kind="market.cancelled",
        )
        return order
    if order.status != S.PLACED:
        raise Conflict(
            _("An arranged order can only be cancelled by the provider."), code="illegal_transition"
        )
    return transition(
        order, S.CANCELLED, actor, note=(reason or "").strip(), cancel_reason=(reason or "").strip()
    )


@write_service
def no_show(actor: User, order: Order) -> Order:
    return transition(order, S.NO_SHOW, actor)


@write_service
def review(worker: User, order: Order, stars: int, text: str = "") -> Review:
    """评价: one review per order, 1 to 5 stars."""
    if order.worker_id != worker.pk:
        raise NotAllowed()
    if Review.objects.filter(order=order).exists():
        raise Conflict(_("You have already reviewed this order."), code="already_reviewed")
    if not isinstance(stars, int) or not 1 <= stars <= 5:
        raise ValidationError({"stars": [_("Give 1 to 5 stars.")]})
    if order.status == S.DELIVERED:
        order = transition(order, S.CONFIRMED, worker)  # reviewing confirms receipt
    try:
        with transaction.atomic():
            created = Review.objects.create(
                order=order, listing=order.listing, stars=stars, text=(text or "").strip()[:2000]
            )
            transition(order, S.REVIEWED, worker)
    except IntegrityError:
        raise Conflict(
            _("You have already reviewed this order."), code="already_reviewed"
        ) from None
    return created


def reorder(
    worker: User, order: Order, *, idempotency_key: str | None = None, slot: Slot | None = None
) -> tuple[Order, bool]:
    """复购: 再来一单 for a repeatable listing."""
    if order.worker_id != worker.pk:
        raise NotAllowed()
    if not order.listing.repeatable:
        raise Conflict(_("This service can be ordered only once."), code="once_only")
    return place_order(
        worker, order.listing, slot=slot, idempotency_key=idempotency_key, reorder_of=order
    )


def auto_confirm(now: dt.datetime | None = None) -> int:
    """签收 on the worker's behalf once the configured days have passed since delivery."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.MARKET_AUTO_CONFIRM_DAYS)
    done = 0
    for order in Order.objects.filter(status=S.DELIVERED, delivered_at__lte=cutoff).select_related(
        "listing__provider"
    ):
        try:
            _confirm_automatically(order)
            done += 1
        except Conflict:
            continue  # the worker confirmed meanwhile
    return done


@write_service
def _confirm_automatically(order: Order) -> Order:
    """One order of the sweep, its own transaction: a conflict skips only that order."""
    return transition(order, S.CONFIRMED, None, note=_("Confirmed automatically"))
