"""The staff's forms: a new survey, and a question with its choices typed one a line."""

from django import forms
from django.utils.translation import gettext_lazy

from yunjishi.core.fields import LineField, TextField
from yunjishi.people.scope import top_orgs

from .models import QuestionKind


class SurveyForm(forms.Form):
    org = forms.ModelChoiceField(label=gettext_lazy("Running union"), queryset=None)
    title = LineField(label=gettext_lazy("Title"), max_length=100, required=False)
    intro = TextField(
        max_length=2000,
        label=gettext_lazy("Introduction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    anonymous_allowed = forms.BooleanField(
        label=gettext_lazy("Anonymous answers allowed"), required=False, initial=True
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = top_orgs(user)
        self.fields["org"].empty_label = None


class QuestionForm(forms.Form):
    text = LineField(label=gettext_lazy("Question"), max_length=300, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=gettext_lazy("Required"), required=False, initial=True)
    choices = TextField(
        max_length=5000,
        label=gettext_lazy("Choices, one a line: text | demand category"),
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "placeholder": gettext_lazy(
                    "Calligraphy class | Education and training\nChildcare | Childcare"
                ),
            }
        ),
        required=False,
        help_text=gettext_lazy(
            "A category is a service domain or any name for a need; leave it out for a choice "
            "that is not a demand."
        ),
    )
