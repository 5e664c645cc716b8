from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from yunjishi.people.admin_scope import ScopedAdmin, orgs_in_scope

from .models import Org


class OrgForm(movenodeform_factory(Org, exclude=["path", "depth", "numchild"])):
    """Treebeard's form (parent + position) with the parent limited to the staffer's branch."""

    def clean(self):
        data = super().clean()
        parent_id = data.get("_ref_node_id")
        if self.user is not None and not self.user.is_superuser:
            parent = self.instance.get_parent() if self.instance.pk else None
            unchanged = parent is not None and str(parent.pk) == str(parent_id)
            allowed = orgs_in_scope(self.user).filter(pk=parent_id or 0).exists()
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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form
