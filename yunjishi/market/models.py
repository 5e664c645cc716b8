"""云集市: listings by model workers and partners, and the 备货→复购 order loop."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yunjishi.booking.models import Booking, Pool, Slot
from yunjishi.orgs.models import Org
from yunjishi.people.models import Occupation, ProviderProfile, ServiceDomain
from yunjishi.people.scope import ScopedQuerySet

Domain = ServiceDomain


class Format(models.TextChoices):
    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("On site")
    STATION = "station", _("At a station")


class Eligibility(models.TextChoices):
    ALL = "all", _("All workers")
    MEMBERS = "members", _("Union members")
    OCCUPATIONS = "occupations", _("Certain occupations")
    NEW_EMPLOYMENT_FORM = "nef", _("New-employment-form workers")


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    APPROVED = "approved", _("Approved, waiting for a batch")
    REJECTED = "rejected", _("Rejected")
    LIVE = "live", _("Live")
    DELISTED = "delisted", _("Delisted")


class Batch(models.Model):
    """A batch of listings published together (批次上新)."""

    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("union")
    )
    title = models.CharField(_("title"), max_length=100)
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )

    objects = ScopedQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = None

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")

    def __str__(self) -> str:
        return self.title


class ListingQuerySet(ScopedQuerySet):
    def live(self):
        return self.filter(status=ListingStatus.LIVE)


class Listing(models.Model):
    provider = models.ForeignKey(
        ProviderProfile,
        on_delete=models.PROTECT,
        related_name="listings",
        verbose_name=_("provider"),
    )
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("owning union")
    )
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"))
    domain = models.CharField(_("domain"), max_length=16, choices=Domain.choices, db_index=True)
    for_new_employment_form = models.BooleanField(
        _("special service for new-employment-form workers"), default=False
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    online_url = models.URLField(_("online link"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    eligibility = models.CharField(
        _("who may order"), max_length=12, choices=Eligibility.choices, default=Eligibility.ALL
    )
    occupations = models.ManyToManyField(Occupation, blank=True, verbose_name=_("occupations"))
    repeatable = models.BooleanField(_("may be ordered again"), default=True)
    pool = models.OneToOneField(Pool, on_delete=models.PROTECT, related_name="listing")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ListingStatus.choices,
        default=ListingStatus.DRAFT,
        db_index=True,
    )
    reject_reason = models.TextField(_("reason for rejecting"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey(
        Batch, on_delete=models.SET_NULL, null=True, blank=True, related_name="listings"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ListingQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = "provider__user"

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")

    def __str__(self) -> str:
        return self.title


class ListingEvent(models.Model):
    """The listing's history: who moved it from which state to which, when, and why."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=ListingStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=ListingStatus.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("listing history")
        verbose_name_plural = _("listing history")

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class ListingTerm(models.Model):
    """The search index: jieba terms of a listing's text, with a weight per field."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=40)
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "listing"], name="one_term_per_listing")
        ]

    def __str__(self) -> str:
        return self.term


class Follow(models.Model):
    """A worker follows a domain: they hear of new listings in it (上新)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="market_follows"
    )
    domain = models.CharField(_("domain"), max_length=16, choices=Domain.choices)

    objects = ScopedQuerySet.as_manager()
    scope_owner = "user"
    scope_org = None

    class Meta:
        verbose_name = _("followed domain")
        verbose_name_plural = _("followed domains")
        constraints = [
            models.UniqueConstraint(fields=["user", "domain"], name="one_follow_per_domain")
        ]

    def __str__(self) -> str:
        return self.get_domain_display()


class OrderStatus(models.TextChoices):
    PLACED = "placed", _("Ordered")
    ALLOCATED = "allocated", _("Arranged")
    DELIVERED = "delivered", _("Service given")
    CONFIRMED = "confirmed", _("Confirmed")
    REVIEWED = "reviewed", _("Reviewed")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("Did not come")


class Order(models.Model):
    listing = models.ForeignKey(
        Listing, on_delete=models.PROTECT, related_name="orders", verbose_name=_("listing")
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="market_orders",
        verbose_name=_("worker"),
    )
    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="market_order")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OrderStatus.choices,
        default=OrderStatus.PLACED,
        db_index=True,
    )
    # 配货: what the worker needs to turn up
    scheduled_at = models.DateTimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    assignee = models.CharField(_("served by"), max_length=100, blank=True)
    cancel_reason = models.TextField(_("reason"), blank=True)
    reorder_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    placed_at = models.DateTimeField(_("ordered at"), auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(_("service given at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_org = "listing__org__path"
    scope_owner = ("worker", "listing__provider__user")
    scope_owner_changes = False  # every change goes through the state machine

    class Meta:
        ordering = ["-placed_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [models.Index(fields=["status", "delivered_at"], name="order_auto_confirm")]

    def __str__(self) -> str:
        return f"{self.listing} · {self.get_status_display()}"


class OrderEvent(models.Model):
    """The audit trail: who moved the order from which state to which, when, and why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class Review(models.Model):
    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="review")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="reviews")
    stars = models.PositiveSmallIntegerField(_("stars"))
    text = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__gte=1, stars__lte=5), name="review_stars_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stars}★ {self.listing}"
