"""The worker's market pages: browse and search, one-tap order, my orders, 签收, 评价, 复购."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yunjishi.core.errors import ServiceError
from yunjishi.core.fields import scrub
from yunjishi.core.views import act, message_of

from . import listings, orders, queries, search
from .forms import OrderForm, ReasonForm, ReviewForm
from .models import Domain, Follow, Review
from .views import form_error


def home(request):
    domain = request.GET.get("domain", "")
    domain = domain if domain in Domain.values else ""
    nef = request.GET.get("nef") == "1"
    query = scrub(request.GET.get("q"), 100)
    found = search.search(queries.market(domain, nef), query)
    follows = set()
    if request.user.is_authenticated:
        follows = set(Follow.objects.visible_to(request.user).values_list("domain", flat=True))
    context = {
        "page": Paginator(found, 20).get_page(request.GET.get("page")),
        "domains": Domain.choices,
        "domain": domain,
        "domain_label": Domain(domain).label if domain else "",
        "nef": nef,
        "query": query,
        "follows": follows,
        "provider": queries.provider_profile(request.user),
    }
    return render(request, "market/home.html", context)


def listing_detail(request, pk):
    listing = get_object_or_404(queries.browsable(request.user), pk=pk)
    user = request.user
    context = {
        "listing": listing,
        "slots": list(listings.upcoming_slots(listing)),
        "places_left": listings.places_left(listing),
        "eligibility": queries.eligibility_words(listing),
        "not_eligible": user.is_authenticated and orders.eligible(user, listing),
        "rating": queries.rating(listing),
        "reviews": Review.objects.filter(listing=listing)[:5],
        "form": OrderForm(listing=listing),
        "following": user.is_authenticated
        and Follow.objects.filter(user=user, domain=listing.domain).exists(),
    }
    return render(request, "market/listing.html", context)


def _place(request, listing, form, *, reorder_of=None):
    """Order with the form's one-time token: a repeated submit returns the first order."""
    if not form.is_valid():
        messages.error(request, form_error(form))
        return None
    slot, key = form.cleaned_data["slot"], form.idempotency_key
    try:
        if reorder_of is not None:
            order, created = orders.reorder(
                request.user, reorder_of, slot=slot, idempotency_key=key
            )
        else:
            order, created = orders.place_order(
                request.user, listing, slot=slot, idempotency_key=key
            )
    except (ServiceError, ValidationError) as error:
        messages.error(request, message_of(error))
        return None
    if created:
        messages.success(request, _("Ordered. The provider will arrange the service."))
    else:
        messages.info(request, _("You had already placed this order; here it is."))
    return order


@require_POST
@login_required
def place(request, pk):
    listing = get_object_or_404(queries.browsable(request.user), pk=pk)
    order = _place(request, listing, OrderForm(request.POST, listing=listing))
    if order is None:
        return redirect("market:listing", pk=pk)
    return redirect("market:order", pk=order.pk)


@require_POST
@login_required
def follow(request):
    domain = request.POST.get("domain", "")
    if domain in Domain.values:
        on = request.POST.get("on") == "1"
        listings.follow(request.user, domain, on=on)
        label = Domain(domain).label
        messages.success(
            request,
            (
                _("You will hear of new services in %(domain)s.")
                if on
                else _("Unfollowed %(domain)s.")
            )
            % {"domain": label},
        )
    back = request.POST.get("next", "")
    # Only a path on this site: redirect() would take a bare word for a URL name.
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, {request.get_host()}, request.is_secure()
    ):
        return HttpResponseRedirect(back)
    return redirect("market:home")


@login_required
def my_orders(request):
    found = queries.worker_orders(request.user)
    page = Paginator(found, 20).get_page(request.GET.get("page"))
    return render(request, "market/orders.html", {"page": page})


@login_required
def order_detail(request, pk):
    order = get_object_or_404(queries.worker_orders(request.user), pk=pk)
    context = {
        "order": order,
        "timeline": queries.timeline(order, request.user),
        "review": Review.objects.filter(order=order).first(),
        "may_review": queries.may_review(order),
        "may_reorder": queries.may_reorder(order),
        "review_form": ReviewForm(),
        "cancel_form": ReasonForm(),
        "reorder_form": OrderForm(listing=order.listing),
        "slots": list(listings.upcoming_slots(order.listing)),
    }
    return render(request, "market/order.html", context)


def _mine(request, pk):
    return get_object_or_404(queries.worker_orders(request.user), pk=pk)


@require_POST
@login_required
def cancel(request, pk):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    act(
        request, orders.cancel, request.user, _mine(request, pk), reason, done=_("Order cancelled.")
    )
    return redirect("market:order", pk=pk)


@require_POST
@login_required
def confirm(request, pk):
    act(request, orders.confirm, request.user, _mine(request, pk), done=_("Thank you, received."))
    return redirect("market:order", pk=pk)


@require_POST
@login_required
def review(request, pk):
    order, form = _mine(request, pk), ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error(form))
    else:
        stars, text = form.cleaned_data["stars"], form.cleaned_data["text"]
        act(
            request,
            orders.review,
            request.user,
            order,
            stars,
            text,
            done=_("Thank you for your review."),
        )
    return redirect("market:order", pk=pk)


@require_POST
@login_required
def reorder(request, pk):
    first = _mine(request, pk)
    form = OrderForm(request.POST, listing=first.listing)
    order = _place(request, first.listing, form, reorder_of=first)
    return redirect("market:order", pk=order.pk if order else pk)
