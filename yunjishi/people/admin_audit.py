"""The admin and the audit trail: the trail itself, read-only (supervisors in their subtree,
superusers), and the records of the admin pages that show or change people's data."""

import re

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yunjishi.audit.models import Entry
from yunjishi.audit.services import Action, record
from yunjishi.core.masking import mask_text

from .auditing import home_org, may_read_trail, person_q, subject_of, trail_visible_to


class AuditedPersonAdmin(admin.ModelAdmin):
    """An admin of people's data: its change page is a VIEW, its list a VIEW with the
    search and the row count, a save a CHANGE naming the fields changed."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        shown = _context(response).get("original")
        if request.method == "GET" and response.status_code == 200 and shown is not None:
            subject, org = subject_of(shown)
            record(
                request.user,
                Action.VIEW,
                subject=subject,
                org=org,
                target=_target(shown),
                detail=gettext("in the admin"),
                request=request,
            )
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = _context(response).get("cl")
        if request.method == "GET" and response.status_code == 200 and changelist is not None:
            parts = [gettext("in the admin")]
            if changelist.query:
                parts.append(gettext("search: %(query)s") % {"query": changelist.query})
            parts.append(gettext("%(count)d rows") % {"count": changelist.result_count})
            record(
                request.user,
                Action.VIEW,
                org=home_org(request.user),
                target=f"{self.model._meta.label_lower} list",
                detail="; ".join(parts),
                request=request,
            )
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [_change_text(form, name) for name in form.changed_data]
        if change and not changed:
            return
        if change:
            done = gettext("changed: %(fields)s") % {"fields": ", ".join(changed)}
        else:
            done = gettext("added")
        subject, org = subject_of(obj)
        record(
            request.user,
            Action.CHANGE,
            subject=subject,
            org=org,
            target=_target(obj),
            detail=f"{gettext('in the admin')}; {done}",
            request=request,
        )


def _change_text(form, name: str) -> str:
    """A field's label; for a yes/no field with what it was and is now (在困难中: 否→是)."""
    label = str(form.fields[name].label or name)
    before, after = form.initial.get(name), form.cleaned_data.get(name)
    if isinstance(after, bool):
        return f"{label}: {_yes_no(bool(before))}→{_yes_no(after)}"
    return label


def _yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")


def _context(response) -> dict:
    return getattr(response, "context_data", None) or {}


def _target(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """The trail, to read: nobody adds, changes or deletes an entry here, superusers
    included (entries leave only by expiring)."""

    list_display = ["at", "actor_label", "action", "subject_label", "org_label", "what"]
    list_filter = ["action"]
    date_hierarchy = "at"
    search_fields = ["actor_label", "subject_label", "target"]
    readonly_fields = (
        "at",
        "actor_label",
        "action",
        "subject_label",
        "org_label",
        "target",
        "detail",
        "ip",
    )
    fields = readonly_fields
    show_full_result_count = False

    @admin.display(description=_("what"))
    def what(self, obj):
        return f"{obj.target} {obj.detail}".strip()

    def get_queryset(self, request):
        return trail_visible_to(request.user)

    def get_search_results(self, request, queryset, search_term):
        # A full mobile number or an account id finds the person's entries; the trail
        # itself keeps only masked names.
        if re.fullmatch(r"#?[0-9]+", re.sub(r"[\s-]", "", search_term)):
            return queryset.filter(person_q(search_term)), False
        return super().get_search_results(request, queryset, mask_text(search_term.strip()))

    def has_module_permission(self, request):
        return may_read_trail(request.user)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return may_read_trail(request.user)
        return trail_visible_to(request.user).filter(pk=obj.pk).exists()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
