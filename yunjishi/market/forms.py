"""Forms of the market pages. They only parse input: the rules (what a listing needs, who
may order what) live in ``listings`` and ``orders`` and come back as their messages."""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yunjishi.booking.models import Slot
from yunjishi.core.fields import IntField, LineField, MomentField, RowsField, TextField
from yunjishi.people.models import Occupation

from .models import Domain, Eligibility, Format
from .schemas import MAX_DESCRIPTION

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def new_token() -> str:
    return secrets.token_urlsafe(18)


class OrderForm(forms.Form):
    """One tap: a one-time token (the idempotency key) and, for dated sessions, the session."""

    token = LineField(
        widget=forms.HiddenInput,
        min_length=16,
        max_length=64,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$")],
    )
    slot = forms.ModelChoiceField(label=_("Session"), queryset=Slot.objects.none(), required=False)

    def __init__(self, *args, listing, **kwargs):
        kwargs.setdefault("initial", {"token": new_token()})
        super().__init__(*args, **kwargs)
        # Every session of the listing parses; whether it may still be chosen is for the
        # order rules to say (a started session gets their message, not "invalid choice").
        self.fields["slot"].queryset = Slot.objects.filter(pool_id=listing.pool_id)

    @property
    def idempotency_key(self) -> str:
        return f"form:{self.cleaned_data['token']}"


class ReviewForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Stars"),
        choices=[(n, "★" * n) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = TextField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = TextField(
        label=_("Reason"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ListingForm(forms.Form):
    """What a listing says. Required-ness is checked by ``listings.create_listing``."""

    title = LineField(label=_("Title"), max_length=100, required=False)
    description = TextField(
        max_length=MAX_DESCRIPTION,
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    domain = forms.ChoiceField(label=_("Domain"), choices=Domain.choices)
    for_new_employment_form = forms.BooleanField(
        label=_("Special service for new-employment-form workers"), required=False
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For an online service."),
    )
    place = LineField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("For a service on site or at a station."),
    )
    eligibility = forms.ChoiceField(
        label=_("Who may order"), choices=Eligibility.choices, initial=Eligibility.ALL
    )
    occupations = RowsField(
        label=_("Occupations"),
        queryset=Occupation.objects.all(),
        required=False,
        help_text=_("Only when certain occupations may order."),
    )
    per_person_limit = IntField(
        label=_("Places one person may hold at once"), initial=1, min_value=1, max_value=100
    )
    repeatable = forms.BooleanField(
        label=_("May be ordered again (再来一单)"), required=False, initial=True
    )
    places = IntField(
        label=_("Total places"),
        required=False,
        min_value=1,
        help_text=_("Either a total number of places, or dated sessions below."),
    )

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("places")
        data["occupations"] = list(data["occupations"])
        return data


class SessionForm(forms.Form):
    starts_at = MomentField(label=_("Starts at"), required=False, widget=DATETIME)
    ends_at = MomentField(label=_("Ends at"), required=False, widget=DATETIME)
    places = IntField(label=_("Places"), required=False, min_value=1)

    def row(self) -> dict | None:
        """The session, or None for a row left empty."""
        data = getattr(self, "cleaned_data", None) or {}
        if not any(data.get(f) for f in ("starts_at", "ends_at", "places")):
            return None
        return {
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "places": data["places"],
        }


SessionFormSet = forms.formset_factory(SessionForm, extra=3, max_num=50, absolute_max=50)


def capacity(listing_form: ListingForm, sessions) -> dict:
    """``{"sessions": [...]}`` when any session row is filled, else ``{"places": n}``."""
    rows = [row for row in (form.row() for form in sessions.forms) if row]
    places = listing_form.cleaned_data.get("places")
    if rows and places:
        raise ValidationError(
            {"places": [_("Give either a total number of places or dated sessions, not both.")]}
        )
    return {"sessions": rows or None, "places": None if rows else places}


class AllocateForm(forms.Form):
    scheduled_at = MomentField(label=_("Time"), required=False, widget=DATETIME)
    place = LineField(label=_("Place"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    assignee = LineField(
        label=_("Served by"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to serve it yourself."),
    )

    def __init__(self, *args, order=None, **kwargs):
        if order is not None and not args:
            when = order.scheduled_at and timezone.localtime(order.scheduled_at)
            kwargs.setdefault(
                "initial",
                {
                    "scheduled_at": when,
                    "place": order.listing.place,
                    "online_url": order.listing.online_url,
                },
            )
        super().__init__(*args, **kwargs)
