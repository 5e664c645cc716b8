"""Workers' appeals (小诉求): submission, routing, handling, rating, reminders, 督办.

An appeal belongs, for scope, to the org that handles it (``handling_org``): staff see the
appeals handled in their subtree, a worker sees their own. Whoever handles an anonymous
appeal never learns who sent it: the submitter is left out of every page, API answer and
export a handler gets (see ``identity.py``), and only a supervisor who gives a logged
reason (``IdentityReveal``) is shown it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yunjishi.orgs.models import Org
from yunjishi.people.scope import ScopedQuerySet


class Severity(models.TextChoices):
    """How far the matter reaches; routing sends it to the level that must solve it."""

    MINOR = "minor", _("Small: me or my team")
    GENERAL = "general", _("General: my department or unit")
    MAJOR = "major", _("Major: the whole company or several units")


class Complexity(models.TextChoices):
    NORMAL = "normal", _("Ordinary")
    DIFFICULT = "difficult", _("Difficult")
    COMPLEX = "complex", _("Complex")


class AppealStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("appeal", "Submitted")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    NEEDS_INFO = "needs_info", _("Waiting for more information")
    RESOLVED = "resolved", _("Resolved")
    EXPLAINED = "explained", _("Explained")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged")


# The API schema names an enum by its class: "AppealStatus", not a "Status" shared with
# another app (one name for two enums made the OpenAPI document list the wrong values).
Status = AppealStatus


# Handlers are working on these; the 72-hour clock runs in all but NEEDS_INFO.
OPEN = (Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.NEEDS_INFO)
CLOCK_RUNS = (Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS)
SOLVED = (Status.RESOLVED, Status.EXPLAINED)
TERMINAL = (Status.CLOSED, Status.MERGED)
# 高级管理员: they put appeals under 督办 and may be shown who sent an anonymous one.
SUPERVISOR_ROLES = ("supervisor",)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASIC = "basic", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class Category(models.Model):
    """A configurable kind of appeal: 劳动纠纷, 工资待遇, 后勤保障, 安全生产, 生活困难, 意见建议…"""

    name = models.CharField(_("name"), max_length=50, unique=True)
    description = models.CharField(
        pgettext_lazy("appeal", "description"), max_length=200, blank=True
    )
    default_severity = models.CharField(
        _("usual reach"), max_length=10, choices=Severity.choices, default=Severity.MINOR
    )
    sort = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("offered"), default=True)

    objects = ScopedQuerySet.as_manager()
    # The list is shared by the whole platform: anyone reads it, only superusers change it.
    scope_org = None
    scope_owner = None
    scope_public = True

    class Meta:
        ordering = ["sort", "name"]
        verbose_name = _("appeal category")
        verbose_name_plural = _("appeal categories")

    def __str__(self) -> str:
        return self.name


class Target(models.TextChoices):
    ORIGIN = "origin", _("The union where it was submitted (小诉求不出区域)")
    UNIT = "unit", _("The unit directly under this rule's union (一般诉求不出直属单位)")
    OWNER = "owner", _("This rule's union itself (大诉求有公司跟踪)")
    FIXED = "fixed", _("A chosen union or department")


RULE_TAKEN = _("This union already has a rule for this category and reach.")


class RoutingRule(models.Model):
    """Where appeals from a branch of the tree are handled, by category and reach.

    The rule of the nearest org above the place of the appeal wins; among the rules of one
    org, one naming the category beats one for any category, and one naming the reach
    beats one for any reach. Without any rule an appeal is handled where it was submitted.
    """

    org = models.ForeignKey(
        Org,
        on_delete=models.CASCADE,
        related_name="appeal_routing_rules",
        verbose_name=_("union"),
        help_text=_("The rule covers appeals submitted anywhere in this union's branch."),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=pgettext_lazy("appeal", "category"),
        help_text=_("Empty: every category."),
    )
    severity = models.CharField(
        _("reach"),
        max_length=10,
        choices=Severity.choices,
        blank=True,
        help_text=_("Empty: any reach."),
    )
    target = models.CharField(_("handled by"), max_length=10, choices=Target.choices)
    handling_org = models.ForeignKey(
        Org,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chosen union or department"),
    )

    objects = ScopedQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = None
    scope_change_roles = ("org_admin",)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "category", "severity"],
                condition=Q(category__isnull=False),
                name="appeal_rule_once_per_category",
                violation_error_message=RULE_TAKEN,
            ),
            models.UniqueConstraint(
                fields=["org", "severity"],
                condition=Q(category__isnull=True),
                name="appeal_rule_once_for_any_category",
                violation_error_message=RULE_TAKEN,
            ),
            models.CheckConstraint(
                condition=Q(target="fixed", handling_org__isnull=False)
                | (~Q(target="fixed") & Q(handling_org__isnull=True)),
                name="appeal_rule_fixed_names_an_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org} · {self.category or '*'} · {self.severity or '*'} → {self.target}"

    def clean(self) -> None:
        """On save, in the admin and the API alike; ``routing`` also routes around a
        chosen union that was switched off later."""
        if self.target != Target.FIXED:
            if self.handling_org_id is not None:
                raise ValidationError(
                    {"handling_org": _("Name a union only for a rule that sends to one.")}
                )
        elif self.handling_org is None:
            raise ValidationError({"handling_org": _("Choose the union that handles them.")})
        elif not self.handling_org.is_active:
            raise ValidationError({"handling_org": _("Choose a union that is still active.")})


class Appeal(models.Model):
    tracking_number = models.CharField(_("tracking number"), max_length=20, unique=True)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="appeals",
        verbose_name=_("submitted by"),
        db_index=False,  # appeal_mine starts with it
    )
    is_anonymous = models.BooleanField(_("identity hidden from handlers"), default=False)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, verbose_name=pgettext_lazy("appeal", "category")
    )
    severity = models.CharField(_("reach"), max_length=10, choices=Severity.choices)
    title = models.CharField(pgettext_lazy("appeal", "title"), max_length=100)
    text = models.TextField(_("what happened"))
    org = models.ForeignKey(
        Org,
        on_delete=models.PROTECT,
        related_name="appeals_from",
        verbose_name=_("union"),
        db_index=False,  # appeal_same_org starts with it
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    # jieba terms of title and text, for "similar open appeals" (see similar.py)
    terms = models.TextField(blank=True, editable=False)

    complexity = models.CharField(
        _("complexity"), max_length=10, choices=Complexity.choices, default=Complexity.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    handling_org = models.ForeignKey(
        Org,
        on_delete=models.PROTECT,
        related_name="appeals",
        verbose_name=_("handling union or department"),
    )
    routing_rule = models.ForeignKey(
        RoutingRule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("routed by rule"),
        db_index=False,
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handler"),
        db_index=False,  # nothing looks appeals up by it; a million rows cost on every write
    )
    tracker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tracker"),
        db_index=False,  # nothing looks appeals up by it; a million rows cost on every write
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supervisor"),
        db_index=False,  # nothing looks appeals up by it; a million rows cost on every write
    )

    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # Deadlines. The handling deadline counts working hours from ``clock_started_at``
    # (submission, or the last reassignment or reopening), plus the time spent waiting
    # for the worker (待补充), during which ``paused_at`` is set.
    clock_started_at = models.DateTimeField(_("clock started at"), default=timezone.now)
    accept_due_at = models.DateTimeField(_("to be accepted by"), null=True, blank=True)
    due_at = models.DateTimeField(_("to be handled by"), null=True, blank=True)
    paused_at = models.DateTimeField(_("clock paused at"), null=True, blank=True)
    paused_hours = models.FloatField(_("working hours paused"), default=0)
    # The 72-hour rule: ``overdue_at`` is when the current quiet period ends (empty while
    # the clock does not run); the sweep sets ``overdue_since`` (the tag) and counts the
    # period. A status change clears the tag and starts a new period.
    overdue_at = models.DateTimeField(_("overdue from"), null=True, blank=True)
    overdue_since = models.DateTimeField(_("overdue since"), null=True, blank=True)
    overdue_periods = models.PositiveIntegerField(_("times overdue"), default=0)

    outcome = models.CharField(
        _("outcome"),
        max_length=12,
        choices=[(s.value, s.label) for s in SOLVED],
        blank=True,
    )
    answer = models.TextField(_("answer"), blank=True)
    handling_seconds = models.PositiveIntegerField(_("handling time (s)"), null=True, blank=True)
    satisfaction = models.CharField(
        _("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    reopened = models.BooleanField(_("reopened"), default=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("merged into"),
        db_index=False,
    )

    objects = ScopedQuerySet.as_manager()
    scope_org = "handling_org__path"
    scope_owner = "submitter"
    scope_owner_changes = False  # the worker acts through the services only
    scope_change_roles = ("handler", "tracker", "supervisor", "org_admin")

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        indexes = [
            # The sweep: appeals whose quiet period has ended and that carry no tag yet.
            models.Index(
                fields=["overdue_at"],
                condition=Q(overdue_at__isnull=False, overdue_since__isnull=True),
                name="appeal_quiet_clock",
            ),
            models.Index(
                fields=["overdue_since"],
                condition=Q(overdue_since__isnull=False),
                name="appeal_overdue_tag",
            ),
            # Queues: by state, then org.
            models.Index(fields=["status", "handling_org", "category"], name="appeal_queue"),
            # The statistics of appeals not yet closed: read from this index alone, in the
            # order of their GROUP BY (see stats.py).
            models.Index(
                fields=[
                    "status",
                    "category",
                    "handling_org",
                    "overdue_periods",
                    "handling_seconds",
                ],
                name="appeal_stats",
            ),
            models.Index(fields=["submitter", "submitted_at"], name="appeal_mine"),
            models.Index(fields=["org", "status"], name="appeal_same_org"),
            models.Index(fields=["status", "resolved_at"], name="appeal_waiting_rating"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_overdue(self) -> bool:
        return self.overdue_since is not None

    @property
    def is_past_due(self) -> bool:
        return (
            self.status in OPEN
            and self.paused_at is None
            and self.due_at is not None
            and self.due_at < timezone.now()
        )


class Photo(models.Model):
    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="photos", verbose_name=_("appeal")
    )
    file = models.FileField(_("file"), upload_to="appeals/%Y/%m/")
    content_type = models.CharField(_("type"), max_length=20)
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_org = "appeal__handling_org__path"
    scope_owner = "appeal__submitter"

    class Meta:
        ordering = ["id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return f"{self.appeal.tracking_number} #{self.pk}"


class Follower(models.Model):
    """A worker who follows someone else's appeal instead of filing the same one again.

    Staff see how many follow an appeal, never who: a merged anonymous appeal's sender
    becomes a follower of the appeal it was merged into.
    """

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="followers", verbose_name=_("appeal")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followed_appeals",
        verbose_name=_("follower"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["appeal", "user"], name="follow_an_appeal_once")
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id}"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("appeal", "Submitted")
    ROUTED = "routed", _("Routed")
    ACCEPTED = "accepted", _("Accepted")
    STARTED = "started", _("Handling started")
    INFO_REQUESTED = "info_requested", _("More information requested")
    INFO_GIVEN = "info_given", _("More information given")
    RESOLVED = "resolved", _("Resolved")
    EXPLAINED = "explained", _("Explained")
    RATED = "rated", _("Rated")
    REOPENED = "reopened", _("Reopened")
    CLOSED = "closed", _("Closed")
    AUTO_CLOSED = "auto_closed", _("Closed without a rating")
    REASSIGNED = "reassigned", _("Reassigned")
    COMPLEXITY = "complexity", _("Complexity set")
    MERGED = "merged", _("Merged into another appeal")
    MERGED_IN = "merged_in", _("A duplicate was merged in")
    FOLLOWED = "followed", _("Followed by another worker")
    OVERDUE = "overdue", pgettext_lazy("appeal", "Overdue")
    SUPERVISED = "supervised", _("Put under supervision")
    SUPERVISION_DUE = "supervision_due", _("Supervision deadline passed")
    IDENTITY_REVEALED = "identity_revealed", _("Identity shown to a supervisor")


class Event(models.Model):
    """One line of an appeal's history. ``internal`` lines are for staff only."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="events", verbose_name=_("appeal")
    )
    kind = models.CharField(_("what"), max_length=20, choices=EventKind.choices)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    internal = models.BooleanField(_("staff only"), default=False)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("appeal event")
        verbose_name_plural = _("appeal events")
        indexes = [models.Index(fields=["appeal", "at"], name="appeal_history")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class Rating(models.Model):
    """The submitter's verdict on one round of handling (a reopened appeal has two)."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("appeal")
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    satisfaction = models.CharField(_("satisfaction"), max_length=12, choices=Satisfaction.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        ordering = ["round"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["appeal", "round"], name="one_rating_per_round")
        ]

    def __str__(self) -> str:
        return self.get_satisfaction_display()


class Supervision(models.Model):
    """督办: the supervision group flags an appeal with instructions and a deadline.

    It stays open (on the 督办 board) until the appeal is solved or merged.
    """

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="supervisions", verbose_name=_("appeal")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("supervised by"),
    )
    instructions = models.TextField(_("instructions"))
    deadline = models.DateTimeField(_("deadline"))
    created_at = models.DateTimeField(_("since"), default=timezone.now)
    reminded_at = models.DateTimeField(_("deadline reminder sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_org = "appeal__handling_org__path"
    scope_owner = None

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        constraints = [
            models.UniqueConstraint(
                fields=["appeal"],
                condition=Q(closed_at__isnull=True),
                name="one_open_supervision_per_appeal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.appeal.tracking_number} · {self.deadline:%Y-%m-%d}"


class IdentityReveal(models.Model):
    """A supervisor was shown who sent an anonymous appeal, for the reason given."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="reveals", verbose_name=_("appeal")
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("supervisor"),
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope_org = "appeal__handling_org__path"
    scope_owner = None

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("identity reveal")
        verbose_name_plural = _("identity reveals")

    def __str__(self) -> str:
        return f"{self.appeal.tracking_number} · {self.created_at:%Y-%m-%d %H:%M}"


class ClosedTally(models.Model):
    """Closed appeals counted per handling org, category and year of submission.

    A closed appeal never changes again, so it is added here once, when it closes. The
    statistics read these few rows plus the appeals still under way, instead of every
    appeal ever made (a province: a million a year).
    """

    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    closed = models.PositiveIntegerField(default=0)
    ever_overdue = models.PositiveIntegerField(default=0)
    handled = models.PositiveIntegerField(default=0)  # with a handling time
    handling_seconds = models.BigIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    basic = models.PositiveIntegerField(default=0)
    unsatisfied = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("closed appeals tally")
        verbose_name_plural = _("closed appeals tallies")
        constraints = [
            models.UniqueConstraint(fields=["org", "category", "year"], name="one_tally_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.org_id}/{self.category_id}/{self.year}: {self.closed}"
