"""The staff side of membership over the API (/api/membership/staff/): the pending join
applications and transfers in the staffer's part of the union, approved or declined."""

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from yunjishi.core.errors import NotAllowed
from yunjishi.core.fields import IdParam
from yunjishi.core.validators import Paging
from yunjishi.people.scope import is_staff_member

from . import services
from .models import JoinApplication, TransferRequest
from .schemas import ApplicationOut, MembershipReasonIn, TransferOut

router = Router(tags=["membership staff"])

APPLICATION_RELATED = ("org", "area", "occupation")
TRANSFER_RELATED = ("from_org", "to_org", "member__member_profile")


def _staff(request):
    if not is_staff_member(request.auth):
        raise NotAllowed()
    return request.auth


@router.get("/applications", response=list[ApplicationOut], summary="Pending applications")
@paginate(Paging)
def staff_applications(request):
    user = _staff(request)
    return JoinApplication.objects.pending().visible_to(user).select_related(*APPLICATION_RELATED)


def _application(request, pk: IdParam) -> JoinApplication:
    queryset = JoinApplication.objects.visible_to(_staff(request))
    return get_object_or_404(queryset.select_related(*APPLICATION_RELATED), pk=pk)


@router.post("/applications/{pk}/approve", response=ApplicationOut, summary="Approve")
def approve(request, pk: IdParam):
    return services.approve(request.auth, _application(request, pk))


@router.post("/applications/{pk}/decline", response=ApplicationOut, summary="Decline")
def decline(request, pk: IdParam, payload: MembershipReasonIn):
    return services.decline(request.auth, _application(request, pk), payload.reason)


@router.get("/transfers", response=list[TransferOut], summary="Pending transfers")
@paginate(Paging)
def staff_transfers(request):
    user = _staff(request)
    return TransferRequest.objects.pending().visible_to(user).select_related(*TRANSFER_RELATED)


def _transfer(request, pk: IdParam) -> TransferRequest:
    queryset = TransferRequest.objects.visible_to(_staff(request))
    return get_object_or_404(queryset.select_related(*TRANSFER_RELATED), pk=pk)


@router.post("/transfers/{pk}/approve", response=TransferOut, summary="Approve a transfer")
def approve_transfer(request, pk: IdParam):
    return services.approve_transfer(request.auth, _transfer(request, pk))


@router.post("/transfers/{pk}/decline", response=TransferOut, summary="Decline a transfer")
def decline_transfer(request, pk: IdParam, payload: MembershipReasonIn):
    return services.decline_transfer(request.auth, _transfer(request, pk), payload.reason)
