from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yunjishi.core.errors import ServiceError

from . import (
    admin_orgs,  # noqa: F401  (registers the union tree's admin)
    services,
)
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
from .scope import is_staff_member, staff_paths


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
            if obj is not None and obj.pk != request.user.pk:
                # Notices (an anonymous appeal's too) go to this address: staff who could
                # change it would read them.
                fields += ["email"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or services.may_set_password(request.user, obj):
            return fieldsets
        # No link to the password form for who may not use it.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
            for name, options in fieldsets
        ]

    def user_change_password(self, request, id, form_url=""):
        """Only a superuser sets someone else's password; it is recorded and the person
        is told. The page's title names the person by masked phone."""
        user = self.get_object(request, unquote(id))
        if user is not None and not services.may_set_password(request.user, user):
            raise PermissionDenied
        if user is None or request.method != "POST":
            return self._masked_title(super().user_change_password(request, id, form_url), user)
        with transaction.atomic():
            before = user.password
            response = super().user_change_password(request, id, form_url)
            user.refresh_from_db(fields=["password"])
            if user.password != before:
                services.password_was_set(request.user, user, request=request)
        return self._masked_title(response, user)

    @staticmethod
    def _masked_title(response, user: User | None):
        """Django's password page names the user by ``get_username``, the clear phone (in
        the title and a field for password managers): the masked phone instead."""
        if user is not None and isinstance(response, TemplateResponse) and response.context_data:
            if user.has_usable_password():
                title = gettext("Change password: %s")
            else:
                title = gettext("Set password: %s")
            response.context_data["title"] = title % user.masked_phone
            response.context_data["original"] = _MaskedUser(user)
        return response


class _MaskedUser:
    """A user as the password page shows them."""

    def __init__(self, user: User):
        self.pk = user.pk
        self._user = user

    def get_username(self) -> str:
        return self._user.masked_phone

    def __str__(self) -> str:
        return str(self._user)


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

    def changeable(self, request):
        # Never one's own record: owning it gives no right to the staff's flags.
        rows = super().changeable(request)
        return rows if request.user.is_superuser else rows.exclude(user=request.user)


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


class StaffAssignmentForm(forms.ModelForm):
    """A new role: refused here, with the reason, when the admin may not give it."""

    actor = None  # set per request by ``StaffAssignmentAdmin.get_form``

    class Meta:
        model = StaffAssignment
        fields = ["user", "org", "role"]

    def clean(self):
        cleaned = super().clean() or {}
        user, org = cleaned.get("user"), cleaned.get("org")
        if user is not None and org is not None and self.actor is not None:
            try:
                services.check_grant(self.actor, user, org)
            except ServiceError as error:
                raise forms.ValidationError(str(error.message)) from None
        return cleaned


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(ScopedAdmin):
    """Roles are given and removed here, only by an admin above the org (a superuser
    anywhere), never one's own, each in the audit trail; an assignment is never edited
    (remove it and give another)."""

    list_display = ["user", "org", "role", "created_at"]
    list_filter = ["role"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "org"]
    form = StaffAssignmentForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        return type(base.__name__, (base,), {"actor": request.user})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "org" and not request.user.is_superuser:
            # Only the orgs strictly below one the staffer administers.
            below = Q(pk__in=[])
            for path in staff_paths(request.user, ("org_admin",)):
                below |= Q(path__startswith=path) & ~Q(path=path)
            field.queryset = field.queryset.filter(below)
        return field

    def has_change_permission(self, request, obj=None):
        return obj is None and is_staff_member(request.user, ("org_admin",))

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return is_staff_member(request.user, ("org_admin",))
        return obj.user_id != request.user.pk and services.hands_out_roles_at(request.user, obj.org)

    # The admin's own transaction would wrap the services' (each its own outermost one):
    # Django's views without it (``_changeform_view``, ``_delete_view``, not in the stubs).
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        view = self._changeform_view  # type: ignore[attr-defined]
        return self._refusing(request, view, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        view = self._delete_view  # type: ignore[attr-defined]
        return self._refusing(request, view, object_id, extra_context)

    def _refusing(self, request, view, *args):
        try:
            return view(request, *args)
        except ServiceError as error:
            self.message_user(request, str(error.message), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        saved = services.grant_staff(request.user, obj.user, obj.org, obj.role, request=request)
        obj.pk, obj.created_at = saved.pk, saved.created_at

    def save_related(self, request, form, formsets, change):
        pass  # nothing related; the service saved the row

    def delete_model(self, request, obj):
        services.revoke_staff(request.user, obj, request=request)

    def delete_queryset(self, request, queryset):
        for assignment in queryset.select_related("user", "org"):
            try:
                services.revoke_staff(request.user, assignment, request=request)
            except ServiceError as error:
                self.message_user(request, f"{assignment}: {error.message}", messages.ERROR)
