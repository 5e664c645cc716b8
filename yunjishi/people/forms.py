from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from yunjishi.core.fields import LineField, SecretField, model_formfield
from yunjishi.core.validators import normalize_id_number, normalize_phone

from .models import MemberProfile, Occupation


class PhoneLoginForm(AuthenticationForm):
    """Login by mobile number and password; the number is normalised before authenticating."""

    username = LineField(
        label=_("Mobile phone"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autofocus": True, "inputmode": "tel", "autocomplete": "tel"}
        ),
    )
    password = SecretField(
        label=_("Password"),
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Wrong mobile number or password."),
        "inactive": _("This account has been disabled."),
    }

    def clean_username(self) -> str:
        return normalize_phone(self.cleaned_data["username"])


class SignupForm(forms.Form):
    phone = LineField(
        label=_("Mobile phone"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    real_name = LineField(label=_("Real name"), max_length=50)
    password = SecretField(label=_("Password"), max_length=128, widget=forms.PasswordInput)
    password_again = SecretField(
        label=_("Password again"), max_length=128, widget=forms.PasswordInput
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class ProfileForm(forms.ModelForm):
    id_number = LineField(
        label=_("Resident ID number"),
        max_length=18,
        required=False,
        help_text=_("Optional. Only the last four characters are kept readable."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)

    class Meta:
        model = MemberProfile
        formfield_callback = model_formfield
        fields = [
            "real_name",
            "occupation",
            "employer_name",
            "is_new_employment_form",
            "is_migrant",
            "is_hardship",
            "is_veteran",
            "is_disabled",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        occupation = self.fields["occupation"]
        assert isinstance(occupation, forms.ModelChoiceField)
        occupation.queryset = Occupation.objects.all()
        self.fields["email"].initial = self.instance.user.email

    def clean_id_number(self) -> str:
        value = self.cleaned_data.get("id_number", "").strip()
        return normalize_id_number(value) if value else ""

    def clean_real_name(self) -> str:
        value = self.cleaned_data["real_name"].strip()
        if not value:
            raise ValidationError(_("Enter your real name."))
        return value


class MemberFlagsForm(forms.ModelForm):
    """What an org admin may change on a member's record."""

    class Meta:
        model = MemberProfile
        formfield_callback = model_formfield
        fields = [
            "is_new_employment_form",
            "is_migrant",
            "is_hardship",
            "is_veteran",
            "is_disabled",
            "is_representative",
        ]


# Django 5.2 reworded this validator message and its own zh_Hans catalog lacks the new
# wording; naming it here puts it in our catalog so sign-up errors stay Chinese.
DJANGO_MESSAGES = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
]


class OneTimeCodeForm(forms.Form):
    code = LineField(
        label=_("Six-digit code"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autofocus": True, "inputmode": "numeric", "autocomplete": "one-time-code"}
        ),
    )
