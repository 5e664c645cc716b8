"""Joining, transfers and leaving over the API (/api/membership/); the staff side is
``api_staff``, mounted here under /staff/."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import Status

from yunjishi.core.fields import IdParam
from yunjishi.orgs.models import Org
from yunjishi.people.models import Occupation

from . import services
from .api_staff import router as staff_router
from .models import JoinApplication, TransferRequest
from .schemas import (
    ApplicationOut,
    ApplyIn,
    MembershipReasonIn,
    StatusOut,
    TransferIn,
    TransferOut,
)

router = Router(tags=["membership"])
router.add_router("/staff", staff_router)


def _status(user) -> dict:
    data = services.overview(user)
    profile = data["profile"]
    return {
        "membership_status": profile.membership_status,
        "org": profile.org,
        "membership_number": profile.membership_number,
        "joined_on": profile.joined_on,
        "application": data["application"],
        "transfer": data["transfer"],
        "history": data["events"],
    }


# --- The worker's own membership -------------------------------------------------------


@router.get("/me", response=StatusOut, summary="My membership, pending request and history")
def me(request):
    return _status(request.auth)


@router.post("/applications", response={201: ApplicationOut}, summary="Apply to join")
def apply(request, payload: ApplyIn):
    application = services.apply(
        request.auth,
        real_name=payload.real_name,
        occupation=Occupation.objects.filter(pk=payload.occupation_id).first(),
        area=Org.objects.filter(pk=payload.area_id).first(),
        employer_name=payload.employer_name,
        credit_code=payload.credit_code,
        new_employment_form=payload.new_employment_form,
    )
    return Status(201, application)


@router.post("/applications/{pk}/withdraw", response=ApplicationOut, summary="Withdraw")
def withdraw(request, pk: IdParam):
    application = get_object_or_404(JoinApplication.objects.filter(applicant=request.auth), pk=pk)
    return services.withdraw(request.auth, application)


@router.post("/transfers", response={201: TransferOut}, summary="Ask to transfer")
def request_transfer(request, payload: TransferIn):
    to_org = area = None
    if payload.to_org_id is not None:
        to_org = Org.objects.filter(pk=payload.to_org_id).first()
        if to_org is None:
            raise ValidationError({"to_org_id": [_("There is no such union.")]})
    if payload.area_id is not None:
        area = Org.objects.filter(pk=payload.area_id).first()
    transfer = services.request_transfer(
        request.auth,
        to_org=to_org,
        area=area,
        new_employer_name=payload.new_employer_name,
        credit_code=payload.credit_code,
        reason=payload.reason,
    )
    return Status(201, transfer)


@router.post("/transfers/{pk}/withdraw", response=TransferOut, summary="Withdraw a transfer")
def withdraw_transfer(request, pk: IdParam):
    transfer = get_object_or_404(TransferRequest.objects.filter(member=request.auth), pk=pk)
    return services.withdraw_transfer(request.auth, transfer)


@router.post("/leave", response=StatusOut, summary="Leave the union")
def leave(request, payload: MembershipReasonIn):
    services.leave(request.auth, payload.reason)
    return _status(request.auth)
