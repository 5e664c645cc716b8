"""Forms of the station pages and the back office. They parse input; the rules live in
``services``, ``evaluation`` and ``activities`` and come back as their messages."""

import copy
import secrets
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yunjishi.core.fields import (
    DayField,
    IntField,
    LineField,
    MomentField,
    RowsField,
    TextField,
    model_formfield,
)

from . import services
from .evaluation import DEFAULT_ASPECTS, MAX_ASPECT_SCORE
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    ChecklistItem,
    District,
    Service,
    Station,
    Status,
    default_funding,
    default_thresholds,
)

DAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
HOURS_HELP = _(
    "Such as 08:00-12:00,14:00-18:00 or 22:00-06:00; 24h for all day; empty when closed."
)


class StationForm(forms.ModelForm):
    """A station's registry data, hours as seven fields; checked by ``services.prepare``."""

    services = RowsField(
        label=_("free services"),
        queryset=Service.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mon = LineField(max_length=100, label=DAYS[0][1], required=False, help_text=HOURS_HELP)
    tue = LineField(max_length=100, label=DAYS[1][1], required=False, help_text=HOURS_HELP)
    wed = LineField(max_length=100, label=DAYS[2][1], required=False, help_text=HOURS_HELP)
    thu = LineField(max_length=100, label=DAYS[3][1], required=False, help_text=HOURS_HELP)
    fri = LineField(max_length=100, label=DAYS[4][1], required=False, help_text=HOURS_HELP)
    sat = LineField(max_length=100, label=DAYS[5][1], required=False, help_text=HOURS_HELP)
    sun = LineField(max_length=100, label=DAYS[6][1], required=False, help_text=HOURS_HELP)
    facilities_text = LineField(
        max_length=1000,
        label=_("facilities"),
        required=False,
        help_text=_("Separated by commas, such as microwave oven, water dispenser."),
    )

    class Meta:
        model = Station
        formfield_callback = model_formfield
        fields = [
            "name",
            "station_type",
            "co_builder",
            "co_builder_kind",
            "org",
            "district",
            "address",
            "lat",
            "lon",
            "description",
            "manager_name",
            "manager_phone",
            "manager",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for (name, _label), value in zip(DAYS, self.instance.weekly_hours, strict=True):
                self.fields[name].initial = value
            self.fields["services"].initial = self.instance.service_list
            self.fields["facilities_text"].initial = ", ".join(self.instance.facilities)
            # The union and district fix the code: they do not change after creation.
            for name in ("org", "district"):
                if name in self.fields:  # not for a view-only staffer: all read-only
                    self.fields[name].disabled = True

    def station_data(self) -> dict:
        data = {
            name: self.cleaned_data.get(name)
            for name in services.STATION_FIELDS
            if name in self.cleaned_data
        }
        data["weekly_hours"] = [self.cleaned_data.get(day) or "" for day, _label in DAYS]
        data["services"] = list(self.cleaned_data.get("services") or [])
        data["facilities"] = self.cleaned_data.get("facilities_text") or ""
        return data

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if self.instance.pk:
            probe = copy.copy(self.instance)
        else:
            probe = Station(org=cleaned.get("org"), status=self.instance.status)
        try:
            services.prepare(probe, self.station_data())
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                target = field if field in self.fields else None
                if field == "weekly_hours":
                    target = "mon"
                for message in messages:
                    self.add_error(target, message)
        return cleaned

    def _post_clean(self):
        # The model's own validation runs in services.prepare, with the hours in place.
        pass


class StationEditForm(StationForm):
    """The staff page's edit form: what a station manager keeps current (the union, the
    district and the manager's account are the back office's)."""

    class Meta(StationForm.Meta):
        fields = [
            name for name in StationForm.Meta.fields if name not in ("org", "district", "manager")
        ]


class StatusForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    reason = LineField(label=_("Reason"), required=False, max_length=300)
    effective_on = DayField(
        label=_("Effective on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class CheckForm(forms.Form):
    item = forms.ChoiceField(choices=ChecklistItem.choices)
    ok = forms.BooleanField(required=False)
    note = LineField(required=False, max_length=200)


class ExceptionForm(forms.Form):
    date = DayField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = LineField(
        label=_("Hours that day"), required=False, max_length=100, help_text=HOURS_HELP
    )
    note = LineField(label=_("Note"), required=False, max_length=100)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (.xlsx or .csv)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise ValidationError(_("Upload an .xlsx or .csv file."))
        if upload.size > 50 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 50 MB."))
        return upload


class ActivityForm(forms.Form):
    title = LineField(label=_("Title"), max_length=100)
    description = TextField(
        max_length=2000,
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    starts_at = MomentField(label=_("Starts at"), widget=DATETIME)
    ends_at = MomentField(label=_("Ends at"), widget=DATETIME)
    places = IntField(label=_("Places"), min_value=1, max_value=10000)


class SheetForm(forms.Form):
    """A new evaluation sheet: up to ``ROWS`` aspects (blank rows are left out), the totals
    for 1 to 5 stars and the funding each brings, in yuan. The rules are
    ``evaluation.check_sheet``'s."""

    ROWS = 12

    org = forms.ModelChoiceField(label=_("Union"), queryset=None)
    year = IntField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    title = LineField(label=_("Title"), max_length=100, required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        for n in range(self.ROWS):
            name, top = DEFAULT_ASPECTS[n] if n < len(DEFAULT_ASPECTS) else ("", None)
            self.fields[f"aspect_{n}"] = LineField(
                label=_("Aspect %(n)d") % {"n": n + 1}, max_length=50, required=False, initial=name
            )
            self.fields[f"max_{n}"] = IntField(
                label=_("Maximum score"),
                min_value=1,
                max_value=MAX_ASPECT_SCORE,
                required=False,
                initial=top,
            )
        for n, (total, fen) in enumerate(zip(default_thresholds(), default_funding(), strict=True)):
            stars = n + 1
            self.fields[f"stars_{stars}"] = IntField(
                label=_("Total for %(n)d stars") % {"n": stars}, min_value=0, initial=total
            )
            self.fields[f"funding_{stars}"] = forms.DecimalField(
                label=_("Funding for %(n)d stars (yuan)") % {"n": stars},
                min_value=0,
                max_digits=10,
                decimal_places=2,
                initial=Decimal(fen) / 100,
            )

    def aspect_rows(self):
        return [(self[f"aspect_{n}"], self[f"max_{n}"]) for n in range(self.ROWS)]

    def tier_rows(self):
        return [(self[f"stars_{n}"], self[f"funding_{n}"]) for n in range(1, 6)]

    def sheet_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "aspects": [
                (data[f"aspect_{n}"], data[f"max_{n}"])
                for n in range(self.ROWS)
                if data.get(f"aspect_{n}") or data.get(f"max_{n}")
            ],
            "thresholds": [data[f"stars_{n}"] for n in range(1, 6)],
            "funding_fen": [int(data[f"funding_{n}"] * 100) for n in range(1, 6)],
        }


class SignUpForm(forms.Form):
    """One tap: a one-time token, the idempotency key of the sign-up."""

    token = forms.RegexField(
        regex=r"^[A-Za-z0-9_-]{16,64}$", widget=forms.HiddenInput, required=True
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"token": secrets.token_urlsafe(18)})
        super().__init__(*args, **kwargs)

    @property
    def idempotency_key(self) -> str:
        return f"form:{self.cleaned_data['token']}"


class DistrictChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.province} {obj.city} {obj.name}"


class FindForm(forms.Form):
    """Where the worker is: the browser's position, a district's centre, or a district,
    station or street they type (``services.find_place``)."""

    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    place = LineField(
        label=_("Or type a district, station or street"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": _("such as 思明区 or 湖滨南路")}),
    )
    district = DistrictChoice(
        label=_("Or choose your district"),
        queryset=District.objects.order_by("province", "city", "code"),
        required=False,
        empty_label=_("— district —"),
    )
    services = RowsField(
        label=_("I need"),
        queryset=Service.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )
    open_now = forms.BooleanField(label=_("Open now only"), required=False, initial=True)

    found_place: tuple[float, float, str] | None = None

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("place") or "").strip()
        has_position = cleaned.get("lat") is not None and cleaned.get("lon") is not None
        if text and not has_position and cleaned.get("district") is None:
            self.found_place = services.find_place(text)
            if self.found_place is None:
                self.add_error("place", services.no_place_message(text))
        return cleaned

    def position(self) -> tuple[float, float] | None:
        data = self.cleaned_data
        if data.get("lat") is not None and data.get("lon") is not None:
            return data["lat"], data["lon"]
        if data.get("district") is not None:
            return data["district"].lat, data["district"].lon
        if self.found_place is not None:
            return self.found_place[0], self.found_place[1]
        return None

    @property
    def near(self) -> str:
        """What the search is centred on, when not the worker's own position."""
        if not self.is_valid() or self.cleaned_data.get("lat") is not None:
            return ""
        if self.cleaned_data.get("district") is not None:
            return str(self.cleaned_data["district"])
        return self.found_place[2] if self.found_place else ""
