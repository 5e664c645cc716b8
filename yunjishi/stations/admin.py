"""Back office for stations: every list scoped to the staffer's subtree; a station is
created and changed through ``services`` (codes, checks, the search index), its status only
through the lifecycle (the staff pages), and it is never deleted (it exits instead)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from yunjishi.core.errors import ServiceError
from yunjishi.core.fields import model_formfield
from yunjishi.core.masking import mask_phone
from yunjishi.people.admin_scope import (
    PlatformListAdmin,
    ReadOnlyAdmin,
    ReadOnlyInline,
    ScopedAdmin,
)
from yunjishi.people.scope import is_staff_member

from . import evaluation, services
from .forms import DAYS, StationForm
from .models import (
    Activity,
    CheckIn,
    District,
    Evaluation,
    EvaluationAspect,
    EvaluationScore,
    EvaluationSheet,
    HoursException,
    Service,
    Station,
    StationEvent,
)


@admin.register(Service)
class ServiceAdmin(PlatformListAdmin):
    list_display = ["name", "code", "bit", "sort", "is_active"]


@admin.register(District)
class DistrictAdmin(PlatformListAdmin):
    list_display = ["code", "province", "city", "name", "prefix"]
    search_fields = ["code", "name", "city", "prefix"]


class EventInline(ReadOnlyInline):
    model = StationEvent
    fields = ["to_status", "reason", "effective_on", "actor", "created_at"]


class ExceptionInline(admin.TabularInline):
    model = HoursException
    extra = 0
    fields = ["date", "hours", "note"]

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def has_add_permission(self, request, obj=None):
        return obj is None or services.can_edit(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or services.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or services.can_edit(request.user, obj)


@admin.register(Station)
class StationAdmin(ScopedAdmin):
    form = StationForm
    add_roles = services.EDIT_ROLES
    list_display = ["code", "name", "station_type", "status", "org", "district"]
    list_filter = ["status", "station_type", "co_builder_kind", "district"]
    search_fields = ["code", "name", "address"]
    list_select_related = ["org", "district"]
    readonly_fields = [
        "code",
        "status",
        "status_reason",
        "status_since",
        "week",
        "service_names",
        "masked_manager_phone",
    ]
    inlines = [ExceptionInline, EventInline]

    def get_fieldsets(self, request, obj=None):
        if obj is None or self.has_change_permission(request, obj):
            hours = [day for day, _label in DAYS]
            offer = ["services", "facilities_text", "description"]
            phone = "manager_phone"
        else:  # read-only: the hours and services as text, the phone masked (PIPL)
            hours, offer = ["week"], ["service_names", "facilities", "description"]
            phone = "masked_manager_phone"
        return [
            (None, {"fields": ["code", "name", "station_type", "org", "district"]}),
            (_("Co-builder"), {"fields": ["co_builder", "co_builder_kind"]}),
            (_("Place"), {"fields": ["address", "lat", "lon"]}),
            (_("Opening hours"), {"fields": hours}),
            (_("Services"), {"fields": offer}),
            (_("Manager"), {"fields": ["manager_name", phone, "manager"]}),
            (_("Status"), {"fields": ["status", "status_reason", "status_since"]}),
        ]

    @admin.display(description=_("weekly opening hours"))
    def week(self, obj):
        return "; ".join(
            f"{label} {text or _('closed')}"
            for (_day, label), text in zip(DAYS, obj.weekly_hours, strict=True)
        )

    @admin.display(description=_("free services"))
    def service_names(self, obj):
        return "、".join(service.name for service in obj.service_list)

    @admin.display(description=_("manager's phone"))
    def masked_manager_phone(self, obj):
        return mask_phone(obj.manager_phone)

    def has_delete_permission(self, request, obj=None):
        return False  # a station exits; its code and history stay

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Not inside the admin's usual transaction: the station services are write services,
        # each its own outermost transaction, and the special days of the inline are saved
        # in one of their own (``save_related``). The services may still refuse what the
        # form accepted (no right over the union, a code being given out elsewhere): they
        # have written nothing then.
        try:
            return self._changeform_view(request, object_id, form_url, extra_context)
        except ServiceError as error:
            self.message_user(request, str(error.message), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        data = form.station_data()
        if change:
            saved = services.update_station(request.user, obj, data)
        else:
            saved = services.create_station(
                request.user, form.cleaned_data["org"], data, district=form.cleaned_data["district"]
            )
        obj.pk, obj.code = saved.pk, saved.code

    def save_related(self, request, form, formsets, change):
        with transaction.atomic(durable=True):
            station = services.lock(Station(pk=form.instance.pk))
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            services.refresh_index(station)


class SheetForm(forms.ModelForm):
    """Thresholds and funding checked by the rules of ``evaluation.check_sheet``; what
    depends on the aspects is checked with them (``AspectFormSet``)."""

    class Meta:
        model = EvaluationSheet
        formfield_callback = model_formfield
        fields = ["org", "year", "title", "star_thresholds", "funding_fen"]

    def clean(self):
        cleaned = super().clean()
        try:
            evaluation.check_sheet(
                None,
                cleaned.get("star_thresholds"),
                cleaned.get("funding_fen"),
                title=cleaned.get("title", ""),
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                if field not in self.errors:
                    for problem in problems:
                        self.add_error(field, problem)
        return cleaned


class AspectFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        sheet = self.instance
        try:  # the sheet form reports these itself
            evaluation.check_sheet(None, sheet.star_thresholds, sheet.funding_fen)
        except ValidationError:
            return
        aspects = [
            (form.cleaned_data["name"], form.cleaned_data["max_score"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            evaluation.check_sheet(aspects, sheet.star_thresholds, sheet.funding_fen)
        except ValidationError as error:
            raise ValidationError(
                [problem for problems in error.message_dict.values() for problem in problems]
            ) from None


class AspectInline(admin.TabularInline):
    model = EvaluationAspect
    formset = AspectFormSet
    extra = 0

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def has_add_permission(self, request, obj=None):
        return is_staff_member(request.user, ("org_admin",))

    def has_change_permission(self, request, obj=None):
        return is_staff_member(request.user, ("org_admin",))

    def has_delete_permission(self, request, obj=None):
        return is_staff_member(request.user, ("org_admin",))


@admin.register(EvaluationSheet)
class EvaluationSheetAdmin(ScopedAdmin):
    form = SheetForm
    list_display = ["title", "org", "year"]
    list_filter = ["year"]
    inlines = [AspectInline]


class ScoreInline(ReadOnlyInline):
    model = EvaluationScore
    fields = ["aspect", "score"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["station", "year", "total", "stars", "funding_fen", "evaluated_at"]
    list_filter = ["year", "stars"]
    list_select_related = ["station"]
    inlines = [ScoreInline]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ["station", "at"]
    list_select_related = ["station"]
    date_hierarchy = "at"


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["title", "station", "starts_at", "is_cancelled"]
    list_select_related = ["station"]
