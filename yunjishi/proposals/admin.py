"""Back office for 云履职: every list scoped to the staffer's subtree and read-only.

Proposals and suggestions move only through ``services`` (the staff pages and the API), so
that every move is checked and logged; here staff look things up with their history.
Visit phones are shown masked.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from yunjishi.people.admin_scope import ScopedAdmin
from yunjishi.people.scope import is_staff_member

from .models import ContactVisit, Proposal, ProposalEvent, Suggestion, SuggestionEvent


class EventInline(admin.TabularInline):
    extra = 0
    can_delete = False
    fields = ["at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProposalEventInline(EventInline):
    model = ProposalEvent


class SuggestionEventInline(EventInline):
    model = SuggestionEvent


class ReadOnlyAdmin(ScopedAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [*(field.name for field in self.model._meta.fields), *self.extra_readonly]

    extra_readonly: tuple[str, ...] = ()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["title", "representative", "org", "handling_org", "status", "submitted_at"]
    list_filter = ["status", "category", "rating"]
    search_fields = ["title", "text", "department"]
    list_select_related = ["representative", "org", "handling_org"]
    date_hierarchy = "submitted_at"
    inlines = [ProposalEventInline]


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    list_display = ["title", "representative", "org", "status", "submitted_at"]
    list_filter = ["status", "category"]
    search_fields = ["title", "text"]
    list_select_related = ["representative", "org"]
    inlines = [SuggestionEventInline]


@admin.register(ContactVisit)
class ContactVisitAdmin(ReadOnlyAdmin):
    list_display = ["masked_person", "representative", "org", "visited_on", "follow_up_status"]
    list_filter = ["follow_up_status"]
    list_select_related = ["representative", "org"]
    date_hierarchy = "visited_on"
    exclude = ["person_phone", "person_name"]
    extra_readonly = ("masked_person", "masked_phone")

    def get_readonly_fields(self, request, obj=None):
        hidden = {"person_phone", "person_name"}
        fields = [f.name for f in self.model._meta.fields if f.name not in hidden]
        return [*fields, *self.extra_readonly]

    @admin.display(description=_("person visited"))
    def masked_person(self, obj):
        return obj.masked_person

    @admin.display(description=_("their phone"))
    def masked_phone(self, obj):
        return obj.masked_phone
