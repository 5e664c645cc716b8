"""Staff side of the market over the API (/api/market/staff/): review, batches, statistics."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from yunjishi.core.errors import NotAllowed
from yunjishi.core.fields import IdParam
from yunjishi.core.validators import Paging
from yunjishi.orgs.models import Org
from yunjishi.people.scope import chosen_org, is_staff_member, top_orgs

from . import listings, stats
from .listings import REVIEW_ROLES
from .models import Batch, Listing, ListingStatus
from .schemas import (
    BatchIn,
    BatchOut,
    MarketFiguresOut,
    MarketReasonIn,
    StaffListingOut,
)
from .staff_views import publishable

router = Router(tags=["market staff"])


def _staff(request, roles=None):
    if not is_staff_member(request.auth, roles):
        raise NotAllowed()
    return request.auth


def _listing(request, pk: IdParam) -> Listing:
    queryset = Listing.objects.visible_to(_staff(request)).select_related("provider", "org")
    return get_object_or_404(queryset, pk=pk)


@router.get("/review", response=list[StaffListingOut], summary="Listings waiting for review")
@paginate(Paging)
def review_queue(request):
    user = _staff(request)
    return (
        Listing.objects.visible_to(user)
        .filter(status=ListingStatus.SUBMITTED)
        .select_related("provider", "org")
        .order_by("updated_at", "id")
    )


@router.post("/listings/{pk}/approve", response=StaffListingOut, summary="Approve a listing")
def approve(request, pk: IdParam):
    return listings.approve(request.auth, _listing(request, pk))


@router.post("/listings/{pk}/reject", response=StaffListingOut, summary="Reject with a reason")
def reject(request, pk: IdParam, payload: MarketReasonIn):
    return listings.reject(request.auth, _listing(request, pk), payload.reason)


@router.get("/approved", response=list[StaffListingOut], summary="Approved, not yet published")
@paginate(Paging)
def approved(request):
    return publishable(_staff(request, REVIEW_ROLES))


@router.get("/batches", response=list[BatchOut], summary="Published batches")
@paginate(Paging)
def batches(request):
    user = _staff(request)
    return Batch.objects.visible_to(user).select_related("org").prefetch_related("listings")


@router.post("/batches", response={201: BatchOut}, summary="Publish a batch (批次上新)")
def publish(request, payload: BatchIn):
    user = _staff(request, REVIEW_ROLES)
    orgs = top_orgs(user, REVIEW_ROLES)
    org = orgs.first() if payload.org_id is None else orgs.filter(pk=payload.org_id).first()
    if org is None:
        raise NotAllowed()
    chosen = list(publishable(user).filter(org.subtree_q("org__path"), pk__in=payload.listing_ids))
    if len(chosen) != len(set(payload.listing_ids)):
        raise ValidationError(
            {"listing_ids": [_("Some of these listings are not approved listings of this union.")]}
        )
    batch = listings.publish_batch(user, org, payload.title, chosen)
    return Status(
        201, Batch.objects.prefetch_related("listings").select_related("org").get(pk=batch.pk)
    )


@router.get("/stats", response=MarketFiguresOut, summary="Market figures for an org subtree")
def figures(request, org_id: IdParam | None = None):
    user = _staff(request)
    org: Org = chosen_org(user, org_id)
    return {"org": org, **stats.figures(org)}
