"""The audit trail's staff page (审计日志): supervisors read their subtree, superusers all."""

import datetime as dt

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yunjishi.audit.models import Action
from yunjishi.core.fields import DayField, LineField

from .auditing import may_read_trail, person_q, trail_visible_to

PER_PAGE = 50
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2099, 12, 31)


class TrailFilter(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Any"))] + Action.choices, required=False
    )
    person = LineField(
        label=_("Person"),
        max_length=50,
        required=False,
        help_text=_("Masked name as shown (王**), a full mobile number or an account id (#12)."),
    )
    since = DayField(label=_("From"), required=False, widget=forms.DateInput({"type": "date"}))
    until = DayField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))

    def clean(self):
        data = super().clean() or {}
        for name in ("since", "until"):
            day = data.get(name)
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(name, _("Choose a date between 2000 and 2099."))
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def filter(self, entries):
        data = self.cleaned_data
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("person"):
            entries = entries.filter(person_q(data["person"]))
        if data.get("since"):
            entries = entries.filter(at__gte=_local_midnight(data["since"]))
        if data.get("until"):
            entries = entries.filter(at__lt=_local_midnight(data["until"] + dt.timedelta(days=1)))
        return entries


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _what(target: str) -> str:
    """``people.memberprofile:42`` as ``会员资料 #42``; anything else as it was written."""
    label, _sep, rest = target.partition(":")
    name, _space, tail = label.partition(" ")
    try:
        model = apps.get_model(name)
    except (LookupError, ValueError):
        return target
    shown = str(model._meta.verbose_name)
    if rest:
        return f"{shown} #{rest}"
    if tail == "list":
        return gettext("list of %(what)s") % {"what": shown}
    return f"{shown} {tail}".strip()


@login_required
def audit_trail(request):
    if not may_read_trail(request.user):
        raise PermissionDenied
    form = TrailFilter(request.GET or None)
    entries = trail_visible_to(request.user)
    valid = not form.is_bound or form.is_valid()
    if form.is_bound:
        entries = form.filter(entries) if valid else entries.none()
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    for entry in page:
        entry.what = _what(entry.target)
    context = {"form": form, "page": page}
    return render(request, "people/audit_trail.html", context, status=200 if valid else 400)
