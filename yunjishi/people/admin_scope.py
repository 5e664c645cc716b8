"""The admin's side of scoped access: every admin page goes through ``visible_to`` and
``changeable_by``, and every org or user a form offers is limited to the staffer's scope.
"""

from typing import cast

from django.contrib import admin
from django.db import models

from .scope import ScopedQuerySet, is_staff_member, orgs_in_scope


class ScopedAdmin(admin.ModelAdmin):
    # Roles that may add rows of this model (inside their subtree).
    add_roles: tuple[str, ...] = ("org_admin",)

    def get_queryset(self, request):
        return cast(ScopedQuerySet, super().get_queryset(request)).visible_to(request.user)

    def has_module_permission(self, request):
        return is_staff_member(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return is_staff_member(request.user)
        return self.model._default_manager.visible_to(request.user).filter(pk=obj.pk).exists()

    def changeable(self, request):
        """The rows this staffer may change: the model's ``changeable_by``."""
        return self.model._default_manager.changeable_by(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return is_staff_member(request.user)
        return self.changeable(request).filter(pk=obj.pk).exists()

    def has_delete_permission(self, request, obj=None):
        if not is_staff_member(request.user, ("org_admin",)):
            return False
        return obj is None or self.has_change_permission(request, obj)

    def has_add_permission(self, request):
        return is_staff_member(request.user, self.add_roles)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        manager = db_field.related_model._default_manager
        if db_field.related_model._meta.label == "orgs.Org":
            # Rows may only be filed under orgs of the staffer's own subtree.
            kwargs["queryset"] = orgs_in_scope(request.user)
        elif hasattr(manager, "visible_to"):
            kwargs["queryset"] = manager.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyAdmin(ScopedAdmin):
    """History and records that only the services write: staff read them in their scope."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """Shown to the staff who may see the parent row; never edited here."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PlatformListAdmin(admin.ModelAdmin):
    """A list the whole platform shares (services, districts): kept by superusers, read by
    staff, never deleted (rows that use an entry keep it; switch it off instead)."""

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


class ThroughParentAdmin(ReadOnlyAdmin):
    """For rows without a scope of their own: visible when their parent row is."""

    parent_lookup = ""
    parent_model: type[models.Model]  # set by each subclass

    def get_queryset(self, request):
        parents = cast(ScopedQuerySet, self.parent_model._default_manager.all()).visible_to(
            request.user
        )
        return admin.ModelAdmin.get_queryset(self, request).filter(
            **{f"{self.parent_lookup}__in": parents}
        )

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return is_staff_member(request.user)
        return self.get_queryset(request).filter(pk=obj.pk).exists()
