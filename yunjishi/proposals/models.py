"""云履职 for member representatives (会员代表): proposals (提案), suggestions (问题建议) and
visits to key contact persons (重点联系人员).

A proposal goes 线上提交 → 小组审议 → 立案 / 转为建议 / 不予立案 → 办理落实 → 执行督查 →
总结反馈 → closed; every move writes a ``ProposalEvent``, so a representative's duty report
(履职报告) for any period is read from the events, not kept by hand.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yunjishi.core.masking import mask_name, mask_phone
from yunjishi.core.validators import validate_phone
from yunjishi.orgs.models import Org
from yunjishi.people.scope import ScopedQuerySet


class Category(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment and labour relations")
    WAGES = "wages", _("Wages and benefits")
    SAFETY = "safety", _("Work safety")
    SKILLS = "skills", _("Skills and training")
    LIVING = "living", _("Living conditions")
    DEMOCRACY = "democracy", _("Democratic management")
    UNION = "union", _("Union work")
    OTHER = "other", _("Other")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("status", "Submitted")  # 线上提交
    REVIEWING = "reviewing", _("Under group review")  # 小组审议
    ACCEPTED = "accepted", _("Accepted")  # 立案
    CONVERTED = "converted", _("Converted to a suggestion")  # 转为建议
    DECLINED = "declined", _("Not accepted")  # 不予立案
    HANDLING = "handling", _("Being handled")  # 办理落实
    SUPERVISION = "supervision", _("Under supervision check")  # 执行督查
    FEEDBACK = "feedback", _("Waiting for the representative's feedback")  # 总结反馈
    CLOSED = "closed", pgettext_lazy("status", "Closed")


# Every state a proposal reaches once it has been accepted (立案).
ACCEPTED_STATES = (
    ProposalStatus.ACCEPTED,
    ProposalStatus.HANDLING,
    ProposalStatus.SUPERVISION,
    ProposalStatus.FEEDBACK,
    ProposalStatus.CLOSED,
)


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Not satisfied")


class Proposal(models.Model):
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("representative"),
    )
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted to")
    )
    # The org whose staff work on it now: the union it was submitted to, then the
    # department it is assigned to (always inside that union's subtree). Scope follows it,
    # so the department's handlers see the proposal and the reviewing union never loses it.
    handling_org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("handled by")
    )
    title = models.CharField(pgettext_lazy("proposal", "title"), max_length=100)
    text = models.TextField(_("text"))
    category = models.CharField(
        pgettext_lazy("proposal", "category"), max_length=16, choices=Category.choices
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUBMITTED,
        db_index=True,
    )
    decision_note = models.TextField(_("review decision"), blank=True)
    department = models.CharField(
        _("responsible department"),
        max_length=100,
        blank=True,
        help_text=_("The government department or company that carries it out, if any."),
    )
    answer = models.TextField(pgettext_lazy("proposal", "answer"), blank=True)
    check_note = models.TextField(_("supervision check"), blank=True)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.TextField(_("comment on the answer"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # One up with every move: pages and API clients send back the one they read, so a
    # decision on what they showed is refused once the proposal has moved on.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_org = "handling_org__path"
    scope_owner = "representative"

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["handling_org", "status"], name="proposal_desk_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def was_accepted(self) -> bool:
        return self.status in ACCEPTED_STATES


class ProposalEvent(models.Model):
    """One action on a proposal: who, when, what, from which state to which, and a note."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=16)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("proposal event")
        verbose_name_plural = _("proposal events")
        indexes = [models.Index(fields=["to_status", "at"], name="proposal_event_to_at")]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.from_status} → {self.to_status}"


class SuggestionStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("status", "Submitted")
    HANDLING = "handling", _("Being handled")
    RESOLVED = "resolved", _("Resolved")


class Suggestion(models.Model):
    """问题建议: a smaller matter a representative raises; answered, no group review."""

    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="suggestions",
        verbose_name=_("representative"),
    )
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted to")
    )
    title = models.CharField(pgettext_lazy("proposal", "title"), max_length=100)
    text = models.TextField(_("text"))
    category = models.CharField(
        pgettext_lazy("proposal", "category"), max_length=16, choices=Category.choices
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.SUBMITTED,
        db_index=True,
    )
    reply = models.TextField(_("reply"), blank=True)
    source_proposal = models.OneToOneField(
        Proposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestion",
        verbose_name=_("converted from proposal"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = "representative"

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self) -> str:
        return self.title


class SuggestionEvent(models.Model):
    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("suggestion event")
        verbose_name_plural = _("suggestion events")

    def __str__(self) -> str:
        return f"{self.suggestion_id}: {self.from_status} → {self.to_status}"


class FollowUp(models.TextChoices):
    NONE = "none", _("No follow-up needed")
    OPEN = "open", _("Follow-up open")
    DONE = "done", _("Followed up")


class ContactVisit(models.Model):
    """A representative's visit to a key contact person (重点联系人员).

    The person is described, not registered: a name, their situation and, if given, a
    phone that is only ever shown masked.
    """

    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contact_visits",
        verbose_name=_("representative"),
    )
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("union")
    )
    person_name = models.CharField(_("person visited"), max_length=50)
    person_situation = models.TextField(
        _("their situation"), help_text=_("Work, family, health: why they are a key contact.")
    )
    person_phone = models.CharField(
        _("their phone"), max_length=11, blank=True, validators=[validate_phone]
    )
    visited_on = models.DateField(_("visited on"), db_index=True)
    notes = models.TextField(_("what was learned"))
    follow_up = models.TextField(_("follow-up needed"), blank=True)
    follow_up_status = models.CharField(
        _("follow-up"), max_length=8, choices=FollowUp.choices, default=FollowUp.NONE
    )
    follow_up_note = models.TextField(_("what was done"), blank=True)
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = "representative"

    class Meta:
        ordering = ["-visited_on", "-id"]
        verbose_name = _("visit to a key contact")
        verbose_name_plural = _("visits to key contacts")

    def __str__(self) -> str:
        return f"{self.masked_person} · {self.visited_on}"

    @property
    def masked_person(self) -> str:
        return mask_name(self.person_name)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.person_phone)
