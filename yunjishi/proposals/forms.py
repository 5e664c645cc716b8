"""Forms of the 云履职 pages. They only parse input: what is required and allowed is said by
``services`` and ``report``, whose messages come back as the forms' errors."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yunjishi.core.fields import DayField, IntField, LineField, TextField
from yunjishi.orgs.models import Org

from . import services
from .models import Category, Rating

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CATEGORY_CHOICES = [("", "—"), *Category.choices]


def _org_label(org: Org) -> str:
    return org.name


class ItemForm(forms.Form):
    """A proposal or a suggestion: title, text, category and the union it goes to."""

    title = LineField(label=_("Title"), max_length=100, required=False)
    text = TextField(
        max_length=5000,
        label=_("What is the matter, and what do you propose?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    category = forms.ChoiceField(
        label=pgettext_lazy("proposal", "Category"), choices=CATEGORY_CHOICES, required=False
    )
    org = forms.ModelChoiceField(
        label=_("Submit to"), queryset=Org.objects.none(), required=False, empty_label=None
    )

    def __init__(self, *args, profile, **kwargs):
        super().__init__(*args, **kwargs)
        choices = services.submission_orgs(profile)
        self.fields["org"].queryset = Org.objects.filter(pk__in=[o.pk for o in choices])
        self.fields["org"].label_from_instance = _org_label
        default = services.default_org(profile)
        if default is not None:
            self.fields["org"].initial = default.pk


class VisitForm(forms.Form):
    person_name = LineField(
        label=_("Person visited"),
        max_length=50,
        required=False,
        help_text=_("Shown to others only masked, such as 夏**."),
    )
    person_situation = TextField(
        max_length=2000,
        label=_("Their situation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Work, family, health: why they are a key contact."),
    )
    person_phone = LineField(
        label=_("Their mobile phone (optional)"),
        max_length=20,
        required=False,
        help_text=_("Kept for follow-up; only ever shown masked."),
    )
    visited_on = DayField(label=_("Visited on"), required=False, widget=DATE)
    notes = TextField(
        max_length=5000,
        label=_("What you learned"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    follow_up = TextField(
        max_length=2000,
        label=_("Follow-up needed (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("How satisfied are you with the answer?"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
    )
    comment = TextField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(forms.Form):
    note = TextField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = TextField(
        label=_("Reason (the representative will read it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(forms.Form):
    answer = TextField(
        label=_("Answer: what was done"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ReplyForm(forms.Form):
    reply = TextField(
        label=_("Reply"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AssignForm(forms.Form):
    handling_org = forms.ModelChoiceField(
        label=_("Handled by"), queryset=Org.objects.none(), required=False
    )
    department = LineField(
        label=_("Responsible department (optional)"),
        max_length=100,
        required=False,
        help_text=_("The government department or company that carries it out."),
    )
    note = TextField(
        label=_("Instructions"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        # Every org parses; whether it may handle this proposal is for ``services.assign``.
        self.fields["handling_org"].queryset = Org.objects.filter(is_active=True)
        self.choices = Org.objects.filter(proposal.org.subtree_q(), is_active=True)
        self.fields["handling_org"].widget.choices = [("", "—")] + [
            (org.pk, org.name) for org in self.choices
        ]


class CheckForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Supervision check"),
        choices=[
            ("pass", _("Carried out: ask the representative for feedback")),
            ("return", _("Not yet: send back to the department")),
        ],
        widget=forms.RadioSelect,
    )
    note = TextField(
        label=_("Check note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The proposal's version as the page showed it: a check of an older answer fails.
    seen = IntField(widget=forms.HiddenInput, required=False, min_value=0)


class FollowUpForm(forms.Form):
    note = TextField(
        label=_("What was done"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PeriodForm(forms.Form):
    # Plain dates: ``report.check_period`` bounds a period more tightly, and says so.
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)
