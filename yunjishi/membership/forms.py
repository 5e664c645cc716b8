from django import forms
from django.utils.translation import gettext_lazy as _

from yunjishi.core.fields import LineField, TextField
from yunjishi.orgs.models import Org
from yunjishi.people.models import Occupation

from .services import MAX_REASON, REGIONAL_LEVELS


class AreaField(forms.ModelChoiceField):
    """Regional unions, indented by level, to say where one works."""

    def __init__(self, **kwargs):
        queryset = Org.objects.filter(is_active=True, level__in=REGIONAL_LEVELS).order_by("path")
        super().__init__(queryset=queryset, empty_label=_("Choose…"), **kwargs)

    def label_from_instance(self, obj) -> str:
        return "\u3000" * max(obj.depth - 2, 0) + obj.name


class ApplyForm(forms.Form):
    real_name = LineField(label=_("Real name"), max_length=50)
    occupation = forms.ModelChoiceField(
        label=_("Occupation"), queryset=Occupation.objects.all(), empty_label=_("Choose…")
    )
    new_employment_form = forms.BooleanField(
        label=_("I work in a new form of employment (platform or flexible work)"),
        required=False,
    )
    employer_name = LineField(
        label=_("Employer"),
        max_length=200,
        required=False,
        help_text=_("The company you work for, if any."),
    )
    credit_code = LineField(
        label=_("Employer's unified social credit code"),
        max_length=30,
        required=False,
        help_text=_("Optional: the 18 characters on the business licence."),
    )
    area = AreaField(label=_("Where you work"))


class TransferForm(forms.Form):
    new_employer_name = LineField(label=_("New employer"), max_length=200, required=False)
    credit_code = LineField(
        label=_("New employer's unified social credit code"), max_length=30, required=False
    )
    area = AreaField(label=_("Where you work now"))
    reason = TextField(
        label=_("Reason"),
        max_length=MAX_REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LeaveForm(forms.Form):
    reason = TextField(
        label=_("Reason (optional)"),
        max_length=MAX_REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(label=_("I understand that I will no longer be a member."))


class DeclineForm(forms.Form):
    reason = TextField(
        label=_("Reason for declining"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
