"""The provider's market pages: my listings (备货), incoming orders (配货, 发货), reviews.

Only a person with an active provider profile gets in (``provider_required``: 403), and
every list is narrowed to their own listings through the scoped querysets."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yunjishi.core.views import act, submit

from . import listings, orders, queries
from .forms import AllocateForm, ListingForm, ReasonForm, SessionFormSet, capacity
from .models import OrderStatus
from .views import form_error, provider_required


@provider_required
def home(request):
    mine = queries.provider_listings(request.user).order_by("-created_at")
    page = Paginator(mine, 20).get_page(request.GET.get("page"))
    pending = queries.provider_orders(request.user).filter(status=OrderStatus.PLACED).count()
    return render(request, "market/provider/home.html", {"page": page, "pending": pending})


def _create(request, form, sessions):
    if not (form.is_valid() and sessions.is_valid()):
        return None
    try:
        places = capacity(form, sessions)
    except ValidationError as error:
        form.add_error("places", error.messages[0])
        return None
    return submit(form, listings.create_listing, request.user, form.data_for_service(), **places)


@provider_required
def listing_create(request):
    data = request.POST if request.method == "POST" else None
    form, sessions = ListingForm(data), SessionFormSet(data, prefix="sessions")
    listing = _create(request, form, sessions) if data is not None else None
    if listing is not None:
        messages.success(request, _("Saved as a draft. Submit it for review when it is ready."))
        return redirect("market:provider_listing", pk=listing.pk)
    context = {"form": form, "sessions": sessions}
    return render(request, "market/provider/listing_form.html", context)


def _own_listing(request, pk):
    return get_object_or_404(queries.provider_listings(request.user), pk=pk)


@provider_required
def listing_detail(request, pk):
    listing = _own_listing(request, pk)
    context = {
        "listing": listing,
        "slots": listing.pool.slots.all(),
        "eligibility": queries.eligibility_words(listing),
        "timeline": queries.listing_timeline(listing, request.user),
    }
    return render(request, "market/provider/listing.html", context)


@require_POST
@provider_required
def listing_submit(request, pk):
    listing = _own_listing(request, pk)
    act(request, listings.submit, request.user, listing, done=_("Submitted for review."))
    return redirect("market:provider_listing", pk=pk)


@require_POST
@provider_required
def listing_delist(request, pk):
    listing = _own_listing(request, pk)
    act(request, listings.delist, request.user, listing, done=_("The listing is taken down."))
    return redirect("market:provider_listing", pk=pk)


@provider_required
def order_list(request):
    found = queries.provider_orders(request.user)
    status = request.GET.get("status", "")
    if status in OrderStatus.values:
        found = found.filter(status=status)
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    for order in page:
        order.worker_name = queries.worker_name(order.worker)
    context = {
        "page": page,
        "statuses": OrderStatus.choices,
        "status": status,
    }
    return render(request, "market/provider/orders.html", context)


def _order(request, pk):
    return get_object_or_404(queries.provider_orders(request.user), pk=pk)


@provider_required
def order_detail(request, pk, allocate_form=None):
    order = _order(request, pk)
    context = {
        "order": order,
        "worker_name": queries.worker_name(order.worker),
        "timeline": queries.timeline(order, request.user),
        "allocate_form": allocate_form or AllocateForm(order=order),
        "cancel_form": ReasonForm(),
    }
    return render(request, "market/provider/order.html", context)


@require_POST
@provider_required
def order_allocate(request, pk):
    order, form = _order(request, pk), AllocateForm(request.POST)
    if form.is_valid() and submit(form, orders.allocate, request.user, order, **form.cleaned_data):
        messages.success(request, _("Arranged. The worker has been told."))
        return redirect("market:provider_order", pk=pk)
    return order_detail(request, pk, allocate_form=form)


@require_POST
@provider_required
def order_deliver(request, pk):
    act(request, orders.deliver, request.user, _order(request, pk), done=_("Marked as given."))
    return redirect("market:provider_order", pk=pk)


@require_POST
@provider_required
def order_no_show(request, pk):
    act(request, orders.no_show, request.user, _order(request, pk), done=_("Marked as not come."))
    return redirect("market:provider_order", pk=pk)


@require_POST
@provider_required
def order_cancel(request, pk):
    order, form = _order(request, pk), ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error(form))
    else:
        reason = form.cleaned_data["reason"]
        act(request, orders.cancel, request.user, order, reason, done=_("Order cancelled."))
    return redirect("market:provider_order", pk=pk)


@provider_required
def reviews(request):
    page = Paginator(queries.provider_reviews(request.user), 30).get_page(request.GET.get("page"))
    for review in page:
        review.worker_name = queries.worker_name(review.order.worker)
    return render(request, "market/provider/reviews.html", {"page": page})
