"""Forms of the appeal pages. They only collect input; the services decide."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yunjishi.core.fields import DayField, LineField, TextField
from yunjishi.orgs.models import Org

from .models import Category, Complexity, Satisfaction, Severity, Status
from .queries import QUEUES
from .services import BULK_ACTIONS, filing_orgs


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input; the service checks type and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(PhotosField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class SubmitForm(forms.Form):
    category = forms.ModelChoiceField(
        label=pgettext_lazy("appeal", "Category"),
        queryset=Category.objects.filter(is_active=True),
    )
    title = LineField(label=pgettext_lazy("appeal", "Title"), max_length=100)
    text = TextField(
        label=_("What happened, and what would help"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    severity = forms.ChoiceField(
        label=_("How far does it reach?"),
        choices=[("", _("As usual for the category"))] + Severity.choices,
        required=False,
    )
    org = forms.ModelChoiceField(
        label=_("Union it concerns"), queryset=Org.objects.none(), required=False
    )
    org_code = LineField(
        label=_("Union code"),
        max_length=32,
        required=False,
        help_text=_("Not a member yet: the code of the union this appeal is for."),
    )
    place = LineField(label=_("Place (optional)"), max_length=200, required=False)
    anonymous = forms.BooleanField(
        label=_("Hide my name from the handlers"),
        required=False,
        help_text=_(
            "You still follow it here. Only a supervisor may see who you are, "
            "after giving a reason that is recorded and shown to you."
        ),
    )
    photos = PhotosField(label=_("Photos (up to 3, JPEG, PNG or WebP, 5 MB each)"))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = filing_orgs(user)
        if choices:
            self.fields["org"].queryset = Org.objects.filter(pk__in=[o.pk for o in choices])
            self.fields["org"].empty_label = _("My own union")
            del self.fields["org_code"]
        else:
            del self.fields["org"]

    def clean_org_code(self):
        code = self.cleaned_data.get("org_code", "").strip()
        if not code:
            raise forms.ValidationError(_("Give the code of the union."))
        org = Org.objects.filter(code=code, is_active=True).first()
        if org is None:
            raise forms.ValidationError(_("No union has this code."))
        return org

    def chosen_org(self):
        return self.cleaned_data.get("org") or self.cleaned_data.get("org_code") or None


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("Are you satisfied?"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    comment = TextField(
        label=_("Comment (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(forms.Form):
    text = TextField(
        label=_("Your answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    photos = PhotosField(label=_("More photos (optional)"))


# --- Staff -------------------------------------------------------------------------------


class AcceptForm(forms.Form):
    complexity = forms.ChoiceField(label=_("Complexity"), choices=Complexity.choices)


class QuestionForm(forms.Form):
    question = TextField(
        label=_("What do you need from the worker?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Status.RESOLVED, Status.RESOLVED.label),
            (Status.EXPLAINED, Status.EXPLAINED.label),
        ],
        widget=forms.RadioSelect,
        initial=Status.RESOLVED,
    )
    answer = TextField(
        label=_("Answer to the worker"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = TextField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ReassignForm(ReasonForm):
    org = forms.ModelChoiceField(label=_("Hand it to"), queryset=Org.objects.none())

    def __init__(self, orgs, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.order_fields(["org", "reason"])


class MergeForm(forms.Form):
    into = LineField(label=_("Tracking number of the appeal to merge into"), max_length=20)


class SuperviseForm(forms.Form):
    instructions = TextField(
        label=_("Instructions"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = DayField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_deadline(self):
        day = self.cleaned_data["deadline"]
        end_of_day = dt.datetime.combine(day, dt.time(18, 0))
        return timezone.make_aware(end_of_day)


class WorkbenchFilter(forms.Form):
    queue = forms.ChoiceField(
        choices=[(name, label) for name, (label, _q) in QUEUES.items()], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status"))] + Status.choices, required=False
    )
    category = forms.ModelChoiceField(
        label=pgettext_lazy("appeal", "Category"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=_("Any category"),
    )
    org = forms.ModelChoiceField(
        label=_("Union"), queryset=Org.objects.none(), required=False, empty_label=_("All mine")
    )
    q = LineField(label=_("Tracking number or words of the title"), max_length=50, required=False)

    def __init__(self, orgs, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class BulkForm(forms.Form):
    action = forms.ChoiceField(label=_("With the selected"), choices=list(BULK_ACTIONS.items()))
    org = forms.ModelChoiceField(label=_("Hand it to"), queryset=Org.objects.none(), required=False)
    reason = LineField(label=_("Reason"), max_length=500, required=False)

    def __init__(self, orgs, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs

    def clean(self):
        data = super().clean()
        if data.get("action") == "reassign" and not data.get("org"):
            self.add_error("org", _("Choose where to hand them."))
        return data
