"""Activities at stations: 一键预览 (the public page), 一键报名 (one tap through the shared
booking engine: never oversold, a repeated tap returns the first sign-up), 一键参与
(attendance by scanning the activity's QR code at the station), and calling an activity
off (every place given back, everyone who had signed up told)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.booking import services as booking
from yunjishi.booking.models import Booking, BookingStatus, Slot
from yunjishi.core.calendar import local_text
from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict, NotAllowed, ServiceError
from yunjishi.notify.services import notify_many

from .models import Activity, Attendance, Station, Status
from .services import can_edit

KIND = "stations.activity"
EARLY_ATTENDANCE = dt.timedelta(hours=1)  # the QR code works from an hour before the start


@write_service
def create_activity(
    actor,
    station: Station,
    *,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    places: int,
    description: str = "",
    per_person_limit: int = 1,
) -> Activity:
    """An activity with ``places`` places; staff of the station's union or its manager."""
    if actor is None or not can_edit(actor, station):
        raise NotAllowed()
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("This field is required.")]
    if starts_at is None or starts_at <= timezone.now():
        errors["starts_at"] = [_("The activity must start in the future.")]
    if ends_at is None or (starts_at and ends_at <= starts_at):
        errors["ends_at"] = [_("The activity must end after it starts.")]
    if not isinstance(places, int) or places < 1:
        errors["places"] = [_("Give at least one place.")]
    if errors:
        raise ValidationError(errors)
    if station.status != Status.RUNNING:
        raise ServiceError(_("Only a running station can host activities."), code="not_running")
    pool = booking.create_pool(
        kind=KIND,
        title=title,
        org=station.org,
        per_person_limit=per_person_limit,
        slots=[{"places": places, "starts_at": starts_at, "ends_at": ends_at}],
    )
    return Activity.objects.create(
        station=station,
        pool=pool,
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=actor,
    )


def slot_of(activity: Activity) -> Slot:
    """The activity's one slot; read from a list's prefetch of ``pool__slots`` if it has one."""
    return activity.pool.slots.all()[0]


def upcoming(station: Station | None = None):
    """Activities not yet over and not cancelled, at running stations."""
    found = (
        Activity.objects.filter(
            is_cancelled=False, ends_at__gt=timezone.now(), station__status=Status.RUNNING
        )
        .select_related("station", "pool")
        .prefetch_related("pool__slots")
    )
    return found.filter(station=station) if station is not None else found


def my_booking(user, activity: Activity) -> Booking | None:
    if not user.is_authenticated:
        return None
    return (
        Booking.objects.filter(pool_id=activity.pool_id, user=user)
        .exclude(status=BookingStatus.CANCELLED)
        .first()
    )


def _refusal(activity: Activity) -> ServiceError | None:
    """Why nobody may sign up for or attend ``activity`` now, from the database."""
    cancelled, station_status = (
        Activity.objects.filter(pk=activity.pk).values_list("is_cancelled", "station__status").get()
    )
    if cancelled:
        return ServiceError(_("This activity is cancelled."), code="cancelled")
    if station_status != Status.RUNNING:
        return ServiceError(
            _("The station is not open at the moment, so its activities are off."),
            code="not_running",
        )
    return None


@write_service
def sign_up(user, activity: Activity, *, idempotency_key: str | None = None):
    """一键报名: take a place. Returns (booking, created): the first sign-up again for a
    repeated key; a key that booked something else is refused by the booking engine."""
    refusal = _refusal(activity)
    if refusal is not None:
        raise refusal
    reservation = booking.reserve(slot_of(activity), user, idempotency_key=idempotency_key)
    # Asked again after the place is taken: a cancellation that committed meanwhile is seen
    # here (it closes the slot first, so the place waited for it), and this place is given
    # back with the rest of the transaction.
    refusal = None if reservation.replayed else _refusal(activity)
    if refusal is not None:
        raise refusal
    return reservation.booking, not reservation.replayed


@write_service
def cancel_activity(actor, activity: Activity, reason: str = "") -> int:
    """Call the activity off: nobody can sign up any more, every place held is given back
    through the booking engine and its holder told (inbox and e-mail). Returns how many
    sign-ups were released. Staff of the station's union or its manager."""
    if actor is None or not can_edit(actor, activity.station):
        raise NotAllowed()
    if activity.ends_at <= timezone.now():
        raise ServiceError(_("The activity is over."), code="over")
    reason = (reason or "").strip()
    moved = Activity.objects.filter(pk=activity.pk, is_cancelled=False).update(is_cancelled=True)
    if not moved:
        raise Conflict(_("This activity is cancelled."), code="cancelled")
    Slot.objects.filter(pool_id=activity.pool_id).update(is_open=False)
    held = list(
        Booking.objects.filter(pool_id=activity.pool_id, status=BookingStatus.ACTIVE)
        .select_related("user")
        .order_by("pk")
    )
    released = [place for place in held if booking.release(place)]
    notify_many(
        [place.user for place in released],
        _("Cancelled: %(title)s") % {"title": activity.title},
        _("%(station)s has called off the activity of %(when)s. %(reason)s")
        % {
            "station": activity.station.name,
            "when": local_text(activity.starts_at),
            "reason": reason,
        },
        url=reverse("stations:activity", args=[activity.pk]),
        kind="stations.activity_cancelled",
        dedupe_key=f"stations.activity.{activity.pk}.cancelled",
    )
    activity.is_cancelled = True
    return len(released)


@write_service
def cancel_sign_up(user, activity: Activity) -> bool:
    found = Booking.objects.filter(
        pool_id=activity.pool_id, user=user, status=BookingStatus.ACTIVE
    ).first()
    if found is None:
        return False
    return booking.release(found)


@write_service
def attend(user, activity: Activity, token: str, *, at: dt.datetime | None = None):
    """一键参与: scanning the activity's code at the station records attendance (and spends
    the person's place, if they had signed up). Returns (attendance, created)."""
    if not token or token != activity.attend_token:
        raise NotAllowed(_("This code is not valid; scan the code at the activity."))
    at = at or timezone.now()
    refusal = _refusal(activity)
    if refusal is not None:
        raise refusal
    if at < activity.starts_at - EARLY_ATTENDANCE:
        raise ServiceError(_("The activity has not started yet."), code="too_early")
    if at > activity.ends_at:
        raise ServiceError(_("The activity is over."), code="over")
    existing = Attendance.objects.filter(activity=activity, user=user).first()
    if existing is not None:
        return existing, False
    held = Booking.objects.filter(
        pool_id=activity.pool_id, user=user, status=BookingStatus.ACTIVE
    ).first()
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                activity=activity, user=user, booking=held, at=at
            )
            if held is not None:
                booking.mark_used(held)
    except IntegrityError:  # scanned twice at once
        return Attendance.objects.get(activity=activity, user=user), False
    return attendance, True
