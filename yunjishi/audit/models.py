"""The one audit trail: who viewed, exported or changed which person's data, who granted or
removed a staff role, who reset a password, who revealed an anonymous sender.

This app sits just above ``core``: it names people and orgs by string references and keeps
the org's tree path on each entry, so that it imports neither ``people`` nor ``orgs``; who
may read the trail (supervisors in their subtree, superusers) is ``people``' business.
Nothing here holds a clear phone or ID number: labels are masked and free text passes
``core.masking.mask_text`` before it is stored.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("viewed personal data")
    EXPORT = "export", _("exported personal data")
    CHANGE = "change", _("changed personal data")
    GRANT = "grant", _("granted a staff role")
    REVOKE = "revoke", _("removed a staff role")
    PASSWORD = "password", _("set or reset a password")
    REVEAL = "reveal", _("revealed an identity or a phone number")
    TOKEN = "token", _("revoked API tokens")


class Entry(models.Model):
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    # The actor's masked name as it was (the account may be deleted later).
    actor_label = models.CharField(_("by (as recorded)"), max_length=80, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices, db_index=True)
    # Whose data: a person (may be empty for an export of many people).
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("whose data"),
    )
    subject_label = models.CharField(_("whose data (as recorded)"), max_length=80, blank=True)
    # The org the data belongs to, by tree path: supervisors read the entries of their subtree.
    org_path = models.CharField(_("org path"), max_length=255, blank=True, db_index=True)
    org_label = models.CharField(_("org"), max_length=120, blank=True)
    # What was touched: "appeals.appeal:42", "stations export", "people.staffassignment:7".
    target = models.CharField(_("what"), max_length=120, blank=True)
    # A short masked description: fields changed, row count of an export, the role granted.
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)

    # Who reads an entry is decided in ``people`` (``people.auditing``): supervisors of the
    # subtree this path lies in, through the one scope mechanism.
    scope_org = "org_path"

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "-at"], name="audit_subject_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.get_action_display()}"

    def save(self, *args, **kwargs) -> None:
        # Written once, never rewritten: a trail one could edit would prove nothing.
        if self.pk is not None and not self._state.adding:
            raise ValueError("An audit entry is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("An audit entry leaves the trail only by expiring (purge_expired).")
