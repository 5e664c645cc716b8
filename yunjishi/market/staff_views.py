"""Staff pages of the market: the review queue, batch publishing (批次上新) and statistics.

Every list goes through ``visible_to``; every decision is made by ``listings``.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from yunjishi.core.fields import LineField, RowsField
from yunjishi.core.views import act, submit
from yunjishi.orgs.models import Org
from yunjishi.people.decorators import staff_required
from yunjishi.people.scope import chosen_org, is_staff_member, orgs_in_scope, top_orgs

from . import listings, stats
from .listings import REVIEW_ROLES
from .models import Batch, Listing, ListingStatus, OrderStatus

# --- Scope helpers shared by the staff and demand pages and their API -----------------------


def publishable(user):
    """Approved listings a reviewer may put into a batch."""
    return (
        Listing.objects.visible_to(user, REVIEW_ROLES)
        .filter(status=ListingStatus.APPROVED)
        .select_related("provider", "org")
    )


# --- Review queue ----------------------------------------------------------------------------


@staff_required
def review(request):
    waiting = (
        Listing.objects.visible_to(request.user)
        .filter(status=ListingStatus.SUBMITTED)
        .select_related("provider", "org")
        .prefetch_related("pool__slots", "occupations")
        .order_by("updated_at", "id")
    )
    page = Paginator(waiting, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "market/staff/review.html",
        {"page": page, "can_review": is_staff_member(request.user, REVIEW_ROLES)},
    )


def _listing(request, pk: int) -> Listing:
    return get_object_or_404(Listing.objects.visible_to(request.user), pk=pk)


@require_POST
@staff_required
def approve(request, pk: int):
    listing = _listing(request, pk)
    act(
        request,
        listings.approve,
        request.user,
        listing,
        done=_("Approved: %(title)s. Publish it in a batch.") % {"title": listing.title},
    )
    return redirect("market:staff_review")


@require_POST
@staff_required
def reject(request, pk: int):
    listing = _listing(request, pk)
    act(
        request,
        listings.reject,
        request.user,
        listing,
        request.POST.get("reason", ""),
        done=_("Rejected: %(title)s. The provider has been told why.") % {"title": listing.title},
    )
    return redirect("market:staff_review")


# --- Batches ---------------------------------------------------------------------------------


class BatchForm(forms.Form):
    title = LineField(
        label=gettext_lazy("Batch title"),
        max_length=100,
        required=False,  # listings.publish_batch says what is missing
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("e.g. Second batch of 2024")}),
    )
    org = forms.ModelChoiceField(
        label=gettext_lazy("Published by"), queryset=Org.objects.none(), empty_label=None
    )
    listings = RowsField(
        label=gettext_lazy("Approved listings"),
        queryset=Listing.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = top_orgs(user, REVIEW_ROLES)
        self.fields["listings"].queryset = publishable(user)
        self.fields["listings"].label_from_instance = lambda listing: (
            f"{listing.title} · {listing.provider.name} · {listing.get_domain_display()}"
        )

    def clean(self):
        data = super().clean()
        org = data.get("org")
        if org and any(not org.contains(listing.org) for listing in data.get("listings") or []):
            self.add_error("listings", _("Every listing must belong to the publishing union."))
        return data


@staff_required
def batches(request):
    if not is_staff_member(request.user, REVIEW_ROLES):
        raise PermissionDenied
    form = BatchForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        batch = submit(
            form, listings.publish_batch, request.user, data["org"], data["title"], data["listings"]
        )
        if batch is not None:
            messages.success(
                request,
                _("Batch %(title)s is live; interested workers have been told.")
                % {"title": batch.title},
            )
            return redirect("market:staff_batches")
    past = (
        Batch.objects.visible_to(request.user)
        .select_related("org", "published_by")
        .prefetch_related("listings")
    )
    page = Paginator(past, 20).get_page(request.GET.get("page"))
    return render(request, "market/staff/batches.html", {"form": form, "page": page})


# --- Statistics ------------------------------------------------------------------------------


@staff_required
def statistics(request):
    org = chosen_org(request.user, request.GET.get("org"))
    figures = stats.figures(org)
    states = list(OrderStatus)
    rows = [
        {
            "label": row["label"],
            "total": row["total"],
            "cells": [row["by_state"].get(state.value, 0) for state in states],
        }
        for row in figures["by_domain"]
    ]
    in_scope = orgs_in_scope(request.user)
    rate = figures["completion_rate"]
    context = {
        "org": org,
        "figures": figures,
        "states": states,
        "rows": rows,
        "totals": [figures["by_state"][state.value] for state in states],
        "completion_percent": None if rate is None else round(rate * 100, 1),
        "parent": in_scope.filter(path=org.path[: -Org.steplen]).first() if org.depth > 1 else None,
        "children": in_scope.filter(org.subtree_q(), depth=org.depth + 1),
        "top_orgs": top_orgs(request.user),
    }
    return render(request, "market/staff/stats.html", context)
