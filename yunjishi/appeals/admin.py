"""Back office for appeals: categories, routing rules, and read-only records.

Appeals move only through the services (the workbench and its actions); here they are
read-only, scoped to the staffer's subtree, and the sender is shown through ``identity``
like everywhere else: never the sender of an anonymous appeal. Followers are not listed.
"""

from django.contrib import admin
from django.db.models import BooleanField, Case, F, When
from django.utils.translation import gettext_lazy as _

from yunjishi.people.admin_scope import (
    PlatformListAdmin,
    ReadOnlyAdmin,
    ReadOnlyInline,
    ScopedAdmin,
)

from .identity import crowd_org, shown_q
from .models import Appeal, Category, Event, IdentityReveal, Rating, RoutingRule, Supervision


class EventInline(ReadOnlyInline):
    model = Event
    fields = ["at", "kind", "to_status", "who", "note", "internal"]

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("actor")
            .annotate(
                sender_shown=Case(
                    When(shown_q(request.user, "appeal__"), then=True),
                    default=False,
                    output_field=BooleanField(),
                ),
                by_sender=Case(
                    When(actor_id=F("appeal__submitter_id"), then=True),
                    default=False,
                    output_field=BooleanField(),
                ),
            )
        )

    @admin.display(description=_("by"))
    def who(self, event):
        if event.actor_id is None:
            return _("System")
        if event.by_sender and not event.sender_shown:
            return _("The worker")
        return str(event.actor)


class RatingInline(ReadOnlyInline):
    model = Rating
    fields = ["round", "satisfaction", "comment", "created_at"]


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = [
        "tracking_number",
        "title",
        "category",
        "status",
        "handling_org",
        "sender",
        "submitted_at",
        "overdue_since",
    ]
    list_filter = ["status", "category", "complexity", "severity", "is_anonymous"]
    search_fields = ["tracking_number", "title"]
    list_select_related = ["category", "handling_org", "submitter"]
    # Never the submitter field itself: ``sender`` goes through identity.
    fields = [
        "tracking_number",
        "sender",
        "is_anonymous",
        "category",
        "severity",
        "complexity",
        "title",
        "text",
        "union",
        "place",
        "status",
        "handling_org",
        "handler",
        "tracker",
        "supervisor",
        "submitted_at",
        "accept_due_at",
        "due_at",
        "overdue_at",
        "overdue_since",
        "overdue_periods",
        "outcome",
        "answer",
        "satisfaction",
        "reopened",
        "merged_into",
    ]
    readonly_fields = fields
    inlines = [EventInline, RatingInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sender_shown=Case(
                    When(shown_q(request.user), then=True),
                    default=False,
                    output_field=BooleanField(),
                )
            )
        )

    @admin.display(description=_("submitted by"))
    def sender(self, appeal):
        if not appeal.sender_shown:
            return _("Anonymous worker")
        return str(appeal.submitter) if appeal.submitter_id else _("Former user")

    @admin.display(description=_("union"))
    def union(self, appeal):
        # As ``identity.union_shown``: an anonymous sender's union only if it is big enough.
        return appeal.org.name if appeal.sender_shown else crowd_org(appeal.org).name

    def lookup_allowed(self, lookup, value, request=None):
        # ``?submitter=<id>`` or ``?org=<id>`` on the list would tell who sent an
        # anonymous appeal, or from which small union: no filter on them at all.
        if lookup.split("__")[0] in ("submitter", "org", "followers"):
            return False
        return super().lookup_allowed(lookup, value, request)


@admin.register(Category)
class CategoryAdmin(PlatformListAdmin):
    list_display = ["name", "default_severity", "sort", "is_active"]
    list_editable = ["sort", "is_active"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(ScopedAdmin):
    list_display = ["org", "category", "severity", "target", "handling_org"]
    list_select_related = ["org", "category", "handling_org"]
    list_filter = ["target", "severity"]


@admin.register(Supervision)
class SupervisionAdmin(ReadOnlyAdmin):
    list_display = ["appeal", "by", "deadline", "reminded_at", "closed_at"]
    list_select_related = ["appeal", "by"]


@admin.register(IdentityReveal)
class IdentityRevealAdmin(ReadOnlyAdmin):
    """Who was shown whose identity, and why: the log itself names nobody's identity."""

    list_display = ["appeal", "supervisor", "reason", "created_at"]
    list_select_related = ["appeal", "supervisor"]
