"""Surveys (需求调研): questionnaires, one link and QR code per enterprise (一企一码), and the
answers, anonymous or signed. The market reads them as its demand classification list
(需求分类清单); jobs and insights will use them too. Surveys sit below the domain apps and
name none of them.
"""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from yunjishi.orgs.models import Org
from yunjishi.people.scope import ScopedQuerySet

__all__ = [
    "Answer",
    "Choice",
    "Question",
    "QuestionKind",
    "Response",
    "Survey",
    "SurveyLink",
]


def _per_survey(model) -> Coalesce:
    """How many rows of ``model`` belong to the survey of the outer query (0 for none)."""
    rows = (
        model.objects.filter(survey=OuterRef("pk"))
        .order_by()
        .values("survey")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


class SurveyQuerySet(ScopedQuerySet):
    def with_counts(self) -> Self:
        """Each survey's ``answered`` (responses) and ``enterprises`` (links), one subquery
        each: joining both would make a row per response and link (300 links × 5000
        answers: 1.5 million rows for one survey)."""
        return self.annotate(answered=_per_survey(Response), enterprises=_per_survey(SurveyLink))


class Survey(models.Model):
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("running union")
    )
    title = models.CharField(_("title"), max_length=100)
    intro = models.TextField(_("introduction"), blank=True)
    anonymous_allowed = models.BooleanField(
        _("anonymous answers allowed"),
        default=True,
        help_text=_("If not, people must log in and their answers carry their name."),
    )
    is_open = models.BooleanField(_("open for answers"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SurveyQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = None

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("demand survey")
        verbose_name_plural = _("demand surveys")

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Text")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("choice"), max_length=200)
    # A service domain's value ("education") or a free name ("子女托管"); empty: not a demand.
    category = models.CharField(
        _("demand category"),
        max_length=50,
        blank=True,
        help_text=_("A service domain or a free category name; empty if it is not a demand."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.text


class SurveyLink(models.Model):
    """One link, and so one QR code, per enterprise union (一企一码)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("enterprise union")
    )
    token = models.CharField(_("token"), max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = None

    class Meta:
        ordering = ["org__path"]
        verbose_name = _("enterprise link")
        verbose_name_plural = _("enterprise links")
        constraints = [
            models.UniqueConstraint(fields=["survey", "org"], name="one_link_per_enterprise")
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.org}"


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    link = models.ForeignKey(SurveyLink, on_delete=models.CASCADE, related_name="responses")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # Set only for a signed answer; an anonymous one keeps no trace of who gave it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("respondent"),
    )
    signed = models.BooleanField(_("signed"), default=False)
    # A keyed hash of (survey, user) for logged-in respondents, signed or not: one
    # response per person per survey without storing who gave an anonymous one.
    respondent_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    # A keyed hash of (link, device cookie) for visitors who are not logged in: one response
    # per link and device. Keyed by the link, so one phone's answers through two links
    # cannot be told to come from the same phone.
    device_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_org = "link__org__path"
    scope_owner = "user"

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"],
                condition=Q(respondent_key__isnull=False),
                name="one_response_per_person",
            ),
            # Holds even if SECRET_KEY (and so every respondent_key) changes.
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=Q(user__isnull=False),
                name="one_signed_response_per_user",
            ),
            models.UniqueConstraint(
                fields=["link", "device_key"],
                condition=Q(device_key__isnull=False),
                name="one_response_per_link_and_device",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.submitted_at:%Y-%m-%d %H:%M}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.text or str(self.choice)
