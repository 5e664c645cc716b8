"""The market over the API (/api/market/): browse and order as a worker, list and fulfil as
a provider; the staff side is ``api_staff``, mounted here under /api/market/staff/.
Handlers only translate; the rules live in ``listings`` and ``orders``, and
their refusals become ``{"code", "message", "fields"}`` in ``yunjishi.api``.

Orders outside the caller's scope are 404. Phones never appear; a provider sees the
worker's name masked."""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Header, Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from yunjishi.booking.models import Slot
from yunjishi.booking.services import IDEMPOTENCY_KEY_RULE
from yunjishi.core.errors import NotAllowed
from yunjishi.core.fields import IdParam, Line
from yunjishi.core.validators import Paging
from yunjishi.people.models import Occupation

from . import listings, orders, queries, search
from .api_staff import router as staff_router
from .models import Listing
from .schemas import (
    AllocateIn,
    ListingDetailOut,
    ListingFilters,
    ListingIn,
    ListingOut,
    MarketReasonIn,
    OrderDetailOut,
    OrderIn,
    OrderOut,
    ProviderListingOut,
    ProviderOrderDetailOut,
    ProviderOrderOut,
    ProviderReviewOut,
    ReviewIn,
)

router = Router(tags=["market"])
router.add_router("/staff", staff_router)


# --- Helpers ---------------------------------------------------------------------------


def _slot(listing: Listing, slot_id: int | None) -> Slot | None:
    if slot_id is None:
        return None
    slot = Slot.objects.filter(pk=slot_id, pool_id=listing.pool_id).first()
    if slot is None:
        raise ValidationError({"slot_id": [_("That session is not part of this service.")]})
    return slot


def _key(value: str | None) -> str | None:
    value = (value or "").strip()
    if len(value) > 64:
        raise ValidationError({"Idempotency-Key": [_("The idempotency key is too long.")]})
    return f"api:{value}" if value else None


def _ordered(order_and_created):
    order, created = order_and_created
    return Status(201 if created else 200, order)


def _my_order(request, pk: IdParam):
    return get_object_or_404(queries.worker_orders(request.auth), pk=pk)


def _provider(request):
    if queries.provider_profile(request.auth) is None:
        raise NotAllowed(_("Only registered providers may do this."))
    return request.auth


def _incoming(request, pk: IdParam):
    return get_object_or_404(queries.provider_orders(_provider(request)), pk=pk)


# --- Workers ---------------------------------------------------------------------------


@router.get("/listings", response=list[ListingOut], summary="Live listings (domain, q, nef)")
@paginate(Paging)
def listing_list(request, filters: Query[ListingFilters]):
    found = queries.market(filters.domain or "", filters.nef)
    return search.search(found, filters.q)


@router.get("/listings/{pk}", response=ListingDetailOut, summary="A listing with its sessions")
def listing_detail(request, pk: IdParam):
    return get_object_or_404(queries.browsable(request.auth), pk=pk)


@router.post(
    "/listings/{pk}/orders",
    response={200: OrderDetailOut, 201: OrderDetailOut},
    summary="Order (201); the same Idempotency-Key returns the first order (200)",
    description=IDEMPOTENCY_KEY_RULE,
)
def place_order(
    request,
    pk: IdParam,
    payload: OrderIn | None = None,
    idempotency_key: Annotated[str, Line(64)] | None = Header(None, alias="Idempotency-Key"),
):
    listing = get_object_or_404(queries.browsable(request.auth), pk=pk)
    slot = _slot(listing, payload.slot_id if payload else None)
    key = _key(idempotency_key)
    return _ordered(orders.place_order(request.auth, listing, slot=slot, idempotency_key=key))


@router.get("/orders", response=list[OrderOut], summary="My orders")
@paginate(Paging)
def order_list(request):
    return queries.worker_orders(request.auth)


@router.get("/orders/{pk}", response=OrderDetailOut, summary="My order with its history")
def order_detail(request, pk: IdParam):
    return _my_order(request, pk)


@router.post("/orders/{pk}/cancel", response=OrderDetailOut, summary="Cancel before it is arranged")
def order_cancel(request, pk: IdParam, payload: MarketReasonIn | None = None):
    reason = payload.reason if payload else ""
    return orders.cancel(request.auth, _my_order(request, pk), reason)


@router.post("/orders/{pk}/confirm", response=OrderDetailOut, summary="签收: confirm receipt")
def order_confirm(request, pk: IdParam):
    return orders.confirm(request.auth, _my_order(request, pk))


@router.post("/orders/{pk}/review", response={201: OrderDetailOut}, summary="评价: 1 to 5 stars")
def order_review(request, pk: IdParam, payload: ReviewIn):
    order = _my_order(request, pk)
    orders.review(request.auth, order, payload.stars, payload.text)
    return Status(201, _my_order(request, pk))


@router.post(
    "/orders/{pk}/reorder",
    response={200: OrderDetailOut, 201: OrderDetailOut},
    summary="复购: order the same service again",
    description=IDEMPOTENCY_KEY_RULE,
)
def order_reorder(
    request,
    pk: IdParam,
    payload: OrderIn | None = None,
    idempotency_key: Annotated[str, Line(64)] | None = Header(None, alias="Idempotency-Key"),
):
    first = _my_order(request, pk)
    slot = _slot(first.listing, payload.slot_id if payload else None)
    key = _key(idempotency_key)
    return _ordered(orders.reorder(request.auth, first, slot=slot, idempotency_key=key))


# --- Providers -------------------------------------------------------------------------


@router.get("/provider/listings", response=list[ProviderListingOut], summary="My listings")
@paginate(Paging)
def provider_listings(request):
    return queries.provider_listings(_provider(request)).order_by("-created_at")


def _provider_listing(request, pk: IdParam) -> Listing:
    return get_object_or_404(queries.provider_listings(_provider(request)), pk=pk)


@router.post("/provider/listings", response={201: ProviderListingOut}, summary="New draft")
def provider_create(request, payload: ListingIn):
    user = _provider(request)
    data = payload.dict(exclude={"places", "sessions", "occupation_ids"})
    data["occupations"] = list(Occupation.objects.filter(pk__in=payload.occupation_ids))
    sessions = [s.dict() for s in payload.sessions] or None
    listing = listings.create_listing(user, data, sessions=sessions, places=payload.places)
    return Status(201, _provider_listing(request, listing.pk))


@router.post(
    "/provider/listings/{pk}/submit", response=ProviderListingOut, summary="Submit for review"
)
def provider_submit(request, pk: IdParam):
    listings.submit(request.auth, _provider_listing(request, pk))
    return _provider_listing(request, pk)


@router.post("/provider/listings/{pk}/delist", response=ProviderListingOut, summary="Take down")
def provider_delist(request, pk: IdParam, payload: MarketReasonIn | None = None):
    listings.delist(request.auth, _provider_listing(request, pk), payload.reason if payload else "")
    return _provider_listing(request, pk)


@router.get("/provider/orders", response=list[ProviderOrderOut], summary="Incoming orders")
@paginate(Paging)
def provider_orders(request, status: Annotated[str, Line(20)] = ""):
    found = queries.provider_orders(_provider(request))
    return found.filter(status=status) if status else found


@router.get("/provider/orders/{pk}", response=ProviderOrderDetailOut, summary="An incoming order")
def provider_order(request, pk: IdParam):
    return _incoming(request, pk)


@router.post(
    "/provider/orders/{pk}/allocate", response=ProviderOrderDetailOut, summary="配货: arrange"
)
def provider_allocate(request, pk: IdParam, payload: AllocateIn):
    return orders.allocate(request.auth, _incoming(request, pk), **payload.dict())


@router.post(
    "/provider/orders/{pk}/deliver", response=ProviderOrderDetailOut, summary="发货: service given"
)
def provider_deliver(request, pk: IdParam):
    return orders.deliver(request.auth, _incoming(request, pk))


@router.post(
    "/provider/orders/{pk}/no-show",
    response=ProviderOrderDetailOut,
    summary="The worker did not come",
)
def provider_no_show(request, pk: IdParam):
    return orders.no_show(request.auth, _incoming(request, pk))


@router.post(
    "/provider/orders/{pk}/cancel", response=ProviderOrderDetailOut, summary="Cancel with a reason"
)
def provider_cancel(request, pk: IdParam, payload: MarketReasonIn):
    return orders.cancel(request.auth, _incoming(request, pk), payload.reason)


@router.get("/provider/reviews", response=list[ProviderReviewOut], summary="Reviews of my services")
@paginate(Paging)
def provider_reviews(request):
    return queries.provider_reviews(_provider(request))
