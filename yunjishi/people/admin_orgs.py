"""The union tree in the admin. It lives in ``people`` rather than ``orgs`` because who may
add, move or change an org depends on staff assignments, and ``orgs`` sits below
``people``: the tree is public to read, an org admin changes only their own branch."""

from typing import Any, cast

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from yunjishi.core.fields import model_formfield
from yunjishi.orgs.models import Org

from .admin_scope import ScopedAdmin
from .scope import orgs_in_scope

# Who may change an org: the admins of its branch.
ORG_CHANGE_ROLES = ("org_admin",)


class OrgForm(
    movenodeform_factory(  # type: ignore[misc]
        Org, exclude=["path", "depth", "numchild"], formfield_callback=model_formfield
    )
):
    """Treebeard's form (parent + position) with the parent limited to the staffer's branch."""

    user: Any = None  # the staffer, set by OrgAdmin.get_form

    def clean(self):
        data = super().clean()
        if self.user is None or self.user.is_superuser:
            return data
        ref = data.get("treebeard_ref_node")
        new_parent = (
            ref.parent_org() if ref and data.get("treebeard_position") == "sorted-sibling" else ref
        )
        old_parent = self.instance.parent_org() if self.instance.pk else None
        unchanged = self.instance.pk and getattr(old_parent, "pk", None) == getattr(
            new_parent, "pk", None
        )
        allowed = (
            new_parent is not None and orgs_in_scope(self.user).filter(pk=new_parent.pk).exists()
        )
        if not (unchanged or allowed):
            raise ValidationError(
                _("You may only create or move organisations under the ones you manage.")
            )
        return data


@admin.register(Org)
class OrgAdmin(ScopedAdmin, TreeAdmin):
    form = OrgForm
    list_display = ["name", "code", "level", "region_name", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "code", "region_name", "employer_name"]

    def changeable(self, request):
        return orgs_in_scope(request.user, ORG_CHANGE_ROLES)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = cast(type[OrgForm], super().get_form(request, obj, change, **kwargs))
        form.user = request.user
        return form
