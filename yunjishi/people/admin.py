from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import admin_orgs  # noqa: F401  (registers the union tree's admin)
from .admin_audit import AuditedPersonAdmin  # (and registers the audit trail's admin)
from .admin_scope import ScopedAdmin
from .models import (
    MemberProfile,
    MerchantProfile,
    Occupation,
    ProviderProfile,
    StaffAssignment,
    StationManagerProfile,
    User,
)
from .scope import is_staff_member


@admin.register(User)
class UserAdmin(AuditedPersonAdmin, ScopedAdmin, BaseUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["masked_phone", "display_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_active"]
    search_fields = ["display_name"]
    readonly_fields = ["masked_phone", "date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["masked_phone", "display_name", "email", "password"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [(None, {"fields": ["phone", "display_name", "password1", "password2"]})]
    filter_horizontal = ()

    @admin.display(description=_("mobile phone"))
    def masked_phone(self, obj):
        return obj.masked_phone

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "is_staff"]
        return fields

    def get_search_results(self, request, queryset, search_term):
        # Staff may look a person up by full phone number, never by a fragment of one.
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        digits = search_term.strip()
        if len(digits) == 11 and digits.isdigit():
            queryset |= self.get_queryset(request).filter(phone=digits)
        return queryset, duplicates


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["name", "is_new_employment_form", "sort"]
    list_editable = ["is_new_employment_form", "sort"]

    def has_module_permission(self, request):
        return is_staff_member(request.user)

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    has_add_permission = has_delete_permission = lambda self, request, obj=None: (
        request.user.is_superuser
    )


@admin.register(MemberProfile)
class MemberProfileAdmin(AuditedPersonAdmin, ScopedAdmin):
    list_display = [
        "real_name",
        "masked_phone",
        "org",
        "membership_status",
        "membership_number",
        "occupation",
    ]
    list_filter = ["membership_status", "occupation", "is_new_employment_form", "is_hardship"]
    search_fields = ["real_name", "membership_number"]
    list_select_related = ["user", "org", "occupation"]
    readonly_fields = [
        "user",
        "masked_phone",
        "masked_id_number",
        "membership_number",
        "joined_on",
        "membership_status",
        "org",
    ]
    fields = [
        "user",
        "masked_phone",
        "real_name",
        "masked_id_number",
        "occupation",
        "employer_name",
        "is_new_employment_form",
        "is_migrant",
        "is_hardship",
        "is_veteran",
        "is_disabled",
        "is_representative",
        "membership_status",
        "org",
        "membership_number",
        "joined_on",
    ]

    @admin.display(description=_("mobile phone"))
    def masked_phone(self, obj):
        return obj.user.masked_phone

    @admin.display(description=_("ID number"))
    def masked_id_number(self, obj):
        return obj.masked_id_number

    def has_add_permission(self, request):
        return False  # profiles come from sign-up and joining the union


@admin.register(ProviderProfile)
class ProviderProfileAdmin(ScopedAdmin):
    list_display = ["name", "title", "org", "is_active"]
    list_filter = ["title", "is_active"]
    search_fields = ["name", "skills"]
    autocomplete_fields = ["user"]


@admin.register(MerchantProfile)
class MerchantProfileAdmin(ScopedAdmin):
    list_display = ["business_name", "org", "is_active"]
    search_fields = ["business_name"]
    autocomplete_fields = ["user"]


@admin.register(StationManagerProfile)
class StationManagerProfileAdmin(ScopedAdmin):
    list_display = ["user", "org"]
    autocomplete_fields = ["user"]


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(ScopedAdmin):
    list_display = ["user", "org", "role", "created_at"]
    list_filter = ["role"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "org"]
