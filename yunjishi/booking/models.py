"""The one capacity-and-booking engine: market orders, station activities, courses and
job-fair sign-ups all take places through it.

A ``Pool`` is what a person books (a listing, an activity) with its per-person limit; it
has one or more ``Slot``s (dated sessions, or one undated slot for "N places in total"),
each with its own places. A ``Booking`` holds one place of one slot for one person.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from yunjishi.orgs.models import Org
from yunjishi.people.scope import ScopedQuerySet


class Pool(models.Model):
    kind = models.CharField(
        _("kind"), max_length=40, help_text=_("Which module owns it, such as market.listing.")
    )
    title = models.CharField(_("title"), max_length=200)
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("owning union")
    )
    per_person_limit = models.PositiveSmallIntegerField(
        _("places per person"),
        default=1,
        help_text=_("Active bookings one person may hold at once."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = None

    class Meta:
        verbose_name = _("place pool")
        verbose_name_plural = _("place pools")

    def __str__(self) -> str:
        return self.title


class Slot(models.Model):
    pool = models.ForeignKey(
        Pool, on_delete=models.CASCADE, related_name="slots", verbose_name=_("pool")
    )
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    places = models.PositiveIntegerField(_("places"))
    taken = models.PositiveIntegerField(_("taken"), default=0)
    is_open = models.BooleanField(_("open for booking"), default=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            # The database itself refuses an oversold slot, whatever the code above it does.
            models.CheckConstraint(condition=Q(taken__lte=F("places")), name="slot_never_oversold"),
        ]

    def __str__(self) -> str:
        return f"{self.pool} · {self.starts_at or '—'}"

    @property
    def places_left(self) -> int:
        return max(self.places - self.taken, 0)


class BookingStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    USED = "used", _("Used")  # the service was given or the person did not come: the place is spent
    CANCELLED = "cancelled", _("Cancelled")


class Booking(models.Model):
    slot = models.ForeignKey(
        Slot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("slot")
    )
    pool = models.ForeignKey(
        Pool, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("pool")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.ACTIVE
    )
    idempotency_key = models.CharField(max_length=80, null=True, blank=True)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_org = "pool__org__path"
    scope_owner = "user"

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            # A key means one request: a repeated submit can never make a second booking,
            # and the key can never book a second pool either. Which pool it booked is the
            # engine's test for a replay (same pool) or a reuse (refused): services.reserve.
            models.UniqueConstraint(fields=["user", "idempotency_key"], name="one_booking_per_key"),
        ]
        indexes = [models.Index(fields=["pool", "user", "status"], name="booking_person_pool")]

    def __str__(self) -> str:
        return f"{self.user} · {self.slot}"
