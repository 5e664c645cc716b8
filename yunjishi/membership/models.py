"""Joining the union online (线上入会), membership transfers (会籍转移) and leaving."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yunjishi.orgs.models import Org
from yunjishi.people.models import Occupation
from yunjishi.people.scope import ScopedQuerySet


class IntakeRule(models.Model):
    """Where new-employment-form workers of one occupation in one area join.

    For example: delivery riders (外卖骑手) in Nanshan District join the Nanshan rider
    union. The rule whose area is nearest to the applicant's area wins.
    """

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, verbose_name=_("occupation")
    )
    area = models.ForeignKey(
        Org,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("area covered"),
        help_text=_("The regional union whose area this rule covers (its whole branch)."),
    )
    org = models.ForeignKey(
        Org,
        on_delete=models.CASCADE,
        related_name="intake_rules",
        verbose_name=_("receiving union"),
    )

    objects = ScopedQuerySet.as_manager()
    scope_org = "area__path"
    scope_owner = None
    scope_change_roles = ("org_admin",)

    class Meta:
        verbose_name = _("intake rule")
        verbose_name_plural = _("intake rules")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "area"], name="one_intake_rule_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.occupation} @ {self.area} → {self.org}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RouteReason(models.TextChoices):
    EMPLOYER = "employer", _("By employer")
    OCCUPATION = "occupation", _("By occupation and area")
    AREA = "area", _("By area")


class PendingQuerySet(ScopedQuerySet):
    def pending(self):
        return self.filter(status=RequestStatus.PENDING)


class JoinApplication(models.Model):
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_applications",
        verbose_name=_("applicant"),
    )
    real_name = models.CharField(_("real name"), max_length=50)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, verbose_name=_("occupation")
    )
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    credit_code = models.CharField(
        _("employer's unified social credit code"), max_length=18, blank=True
    )
    is_new_employment_form = models.BooleanField(_("new employment form"), default=False)
    area = models.ForeignKey(
        Org,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("where you work"),
    )
    org = models.ForeignKey(
        Org,
        on_delete=models.PROTECT,
        related_name="join_applications",
        verbose_name=_("handling union"),
    )
    routed_by = models.CharField(_("routed"), max_length=12, choices=RouteReason.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    due_at = models.DateTimeField(_("decision due by"))
    escalations = models.PositiveSmallIntegerField(_("escalations"), default=0)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    # Set when the application is overdue at the root of the tree: nowhere left to escalate.
    flagged_at = models.DateTimeField(_("flagged overdue at the top"), null=True, blank=True)

    objects = PendingQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = "applicant"
    scope_owner_changes = False  # the applicant withdraws through the service, nothing else

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("join application")
        verbose_name_plural = _("join applications")
        constraints = [
            models.UniqueConstraint(
                fields=["applicant"],
                condition=Q(status="pending"),
                name="one_pending_join_application",
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="join_due")]

    def __str__(self) -> str:
        return f"{self.real_name} → {self.org}"


class TransferRequest(models.Model):
    """A member moving to another grassroots union, usually after changing employer."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="transfer_requests",
        verbose_name=_("member"),
    )
    from_org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("from union")
    )
    to_org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="transfer_requests", verbose_name=_("to union")
    )
    new_employer_name = models.CharField(_("new employer"), max_length=200, blank=True)
    routed_by = models.CharField(
        _("routed"), max_length=12, choices=RouteReason.choices, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    due_at = models.DateTimeField(_("decision due by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    objects = PendingQuerySet.as_manager()
    scope_org = "to_org__path"
    scope_owner = "member"
    scope_owner_changes = False

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("membership transfer")
        verbose_name_plural = _("membership transfers")
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(status="pending"), name="one_pending_transfer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_org} → {self.to_org}"


class EventKind(models.TextChoices):
    APPLIED = "applied", _("Applied to join")
    WITHDRAWN = "withdrawn", _("Application withdrawn")
    ESCALATED = "escalated", _("Escalated to the parent union")
    DECLINED = "declined", _("Application declined")
    JOINED = "joined", _("Joined")
    TRANSFER_REQUESTED = "transfer_requested", _("Transfer requested")
    TRANSFERRED = "transferred", _("Transferred")
    TRANSFER_DECLINED = "transfer_declined", _("Transfer declined")
    TRANSFER_WITHDRAWN = "transfer_withdrawn", _("Transfer withdrawn")
    LEFT = "left", _("Left the union")


class MembershipEvent(models.Model):
    """The membership history of a person: every step, never rewritten.

    A step of a join application's or a transfer's lifecycle names its request and the
    request's move (``from_status`` → ``to_status``): these rows are the history rows of
    ``services.JOIN_LIFECYCLE`` and ``services.TRANSFER_LIFECYCLE``. Leaving names none.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership_events",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("union")
    )
    from_org = models.ForeignKey(
        Org,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from union"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    application = models.ForeignKey(
        JoinApplication,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("join application"),
    )
    transfer = models.ForeignKey(
        TransferRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("membership transfer"),
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=RequestStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=RequestStatus.choices, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = "member"
    scope_owner_changes = False
    scope_change_roles: tuple[str, ...] = ()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.org}"
