"""Back office for stations: every list scoped to the staffer's subtree; a station is
created and changed through ``services`` (codes, checks, the search index), its status only
through the lifecycle (the staff pages), and it is never deleted (it exits instead)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from yunjishi.people.admin_scope import ScopedAdmin
from yunjishi.people.scope import is_staff_member

from . import services
from .forms import StationForm
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


class SuperuserAdmin(admin.ModelAdmin):
    """Platform-wide lists (services, districts): kept by superusers, read by staff."""

    def has_module_permission(self, request):
        return is_staff_member(request.user)

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Service)
class ServiceAdmin(SuperuserAdmin):
    list_display = ["name", "code", "bit", "sort", "is_active"]


@admin.register(District)
class DistrictAdmin(SuperuserAdmin):
    list_display = ["code", "province", "city", "name", "prefix"]
    search_fields = ["code", "name", "city", "prefix"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = StationEvent
    fields = ["to_status", "reason", "effective_on", "actor", "created_at"]
    readonly_fields = fields


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
    readonly_fields = ["code", "status", "status_reason", "status_since"]
    inlines = [ExceptionInline, EventInline]

    def get_fieldsets(self, request, obj=None):
        days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        return [
            (None, {"fields": ["code", "name", "station_type", "org", "district"]}),
            (_("Co-builder"), {"fields": ["co_builder", "co_builder_kind"]}),
            (_("Place"), {"fields": ["address", "lat", "lon"]}),
            (_("Opening hours"), {"fields": days}),
            (
                _("Services"),
                {"fields": ["services", "facilities_text", "description"]},
            ),
            (_("Manager"), {"fields": ["manager_name", "manager_phone", "manager"]}),
            (_("Status"), {"fields": ["status", "status_reason", "status_since"]}),
        ]

    def has_delete_permission(self, request, obj=None):
        return False  # a station exits; its code and history stay

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
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        services.refresh_index(Station.objects.get(pk=form.instance.pk))


class AspectInline(admin.TabularInline):
    model = EvaluationAspect
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
    list_display = ["title", "org", "year"]
    list_filter = ["year"]
    inlines = [AspectInline]


class ScoreInline(ReadOnlyInline):
    model = EvaluationScore
    fields = ["aspect", "score"]
    readonly_fields = fields


class ReadOnlyScopedAdmin(ScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyScopedAdmin):
    list_display = ["station", "year", "total", "stars", "funding_fen", "evaluated_at"]
    list_filter = ["year", "stars"]
    list_select_related = ["station"]
    inlines = [ScoreInline]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyScopedAdmin):
    list_display = ["station", "at"]
    list_select_related = ["station"]
    date_hierarchy = "at"


@admin.register(Activity)
class ActivityAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "station", "starts_at", "is_cancelled"]
    list_select_related = ["station"]
