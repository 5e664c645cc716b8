"""The admin and the audit trail: the trail itself, read-only (supervisors in their subtree,
superusers), and the records of the admin pages that show or change people's data."""

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yunjishi.audit.models import Entry
from yunjishi.audit.services import Action, record
from yunjishi.core.masking import mask_text

from .auditing import may_read_trail, person_q, subject_of, trail_visible_to


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
                target=f"{self.model._meta.label_lower} list",
                detail="; ".join(parts),
                request=request,
            )
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [str(form.fields[name].label or name) for name in form.changed_data]
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
        term = search_term.strip()
        if term.removeprefix("#").isdigit():
            return queryset.filter(person_q(term)), False
        return super().get_search_results(request, queryset, mask_text(term))

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
