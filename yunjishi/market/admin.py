"""Back office for the market: every list scoped to the staffer's subtree; listings move
only through ``listings`` (approve, reject with a reason) and show their history; orders and
reviews are read-only."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from yunjishi.core.errors import ServiceError, first_message
from yunjishi.core.fields import TextField
from yunjishi.people.admin_scope import (
    ReadOnlyAdmin,
    ReadOnlyInline,
    ScopedAdmin,
    ThroughParentAdmin,
)

from . import listings, search
from .models import Batch, Listing, ListingEvent, Order, OrderEvent, Review

# --- Listings and batches ---------------------------------------------------------------------


class RejectForm(forms.Form):
    reason = TextField(
        max_length=500,
        label=gettext_lazy("Reason (the provider will see it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ListingEventInline(ReadOnlyInline):
    model = ListingEvent
    fields = ["at", "actor", "from_status", "to_status", "note"]


@admin.register(Listing)
class ListingAdmin(ScopedAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "provider", "domain", "status", "org", "published_at"]
    list_filter = ["status", "domain", "format", "for_new_employment_form", "eligibility"]
    search_fields = ["title", "description", "provider__name"]
    list_select_related = ["provider", "org"]
    actions = ["approve_selected", "reject_selected"]
    readonly_fields = [
        "provider",
        "org",
        "pool",
        "status",
        "reject_reason",
        "reviewed_by",
        "reviewed_at",
        "batch",
        "published_at",
    ]
    filter_horizontal = ["occupations"]
    inlines = [ListingEventInline]

    def has_add_permission(self, request):
        return False  # providers list services from their own pages

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        search.index_listing(obj)

    def _run(self, request, queryset, decide) -> None:
        done = 0
        for listing in queryset.select_related("provider"):
            try:
                decide(listing)
            except ValidationError as error:
                self.message_user(request, f"{listing}: {first_message(error)}", messages.ERROR)
            except ServiceError as error:
                self.message_user(request, f"{listing}: {error.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(n)d listing decided.", "%(n)d listings decided.", done) % {"n": done},
                messages.SUCCESS,
            )

    @admin.action(description=gettext_lazy("Approve the selected listings"), permissions=["change"])
    def approve_selected(self, request, queryset):
        self._run(request, queryset, lambda listing: listings.approve(request.user, listing))

    @admin.action(description=gettext_lazy("Reject the selected listings"), permissions=["change"])
    def reject_selected(self, request, queryset):
        form = RejectForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.cleaned_data["reason"]
            self._run(
                request, queryset, lambda listing: listings.reject(request.user, listing, reason)
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject the selected listings"),
            "opts": self.model._meta,
            "form": form,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "market/staff/admin_reject.html", context)


class BatchListingInline(ReadOnlyInline):
    model = Listing
    fields = ["title", "provider", "domain", "status"]
    show_change_link = True


@admin.register(Batch)
class BatchAdmin(ReadOnlyAdmin):
    """Batches are published from the staff pages (listings.publish_batch)."""

    list_display = ["title", "org", "published_at", "published_by", "size"]
    list_select_related = ["org", "published_by"]
    inlines = [BatchListingInline]

    @admin.display(description=gettext_lazy("listings"))
    def size(self, obj):
        return obj.listings.count()


# --- Orders and reviews -------------------------------------------------------------------------


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ["at", "actor", "from_status", "to_status", "note"]


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["listing", "worker", "status", "placed_at", "scheduled_at"]
    list_filter = ["status", "listing__domain"]
    search_fields = ["listing__title"]
    list_select_related = ["listing", "worker"]
    date_hierarchy = "placed_at"
    inlines = [OrderEventInline]


@admin.register(Review)
class ReviewAdmin(ThroughParentAdmin):
    parent_lookup = "listing"
    parent_model = Listing
    list_display = ["listing", "stars", "created_at"]
    list_filter = ["stars"]
    search_fields = ["listing__title", "text"]
    list_select_related = ["listing"]
