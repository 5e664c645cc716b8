"""Joining, transfers and leaving over the API (/api/membership/)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from yunjishi.core.errors import NotAllowed
from yunjishi.core.validators import Paging
from yunjishi.orgs.models import Org
from yunjishi.orgs.schemas import OrgRef
from yunjishi.people.models import Occupation
from yunjishi.people.scope import is_staff_member

from . import services
from .models import JoinApplication, TransferRequest

router = Router(tags=["membership"])


class ApplicationOut(Schema):
    id: int
    status: str
    real_name: str
    occupation: str
    employer_name: str
    is_new_employment_form: bool
    area: OrgRef
    org: OrgRef
    routed_by: str
    submitted_at: dt.datetime
    due_at: dt.datetime
    overdue: bool
    escalations: int
    decline_reason: str

    @staticmethod
    def resolve_occupation(obj) -> str:
        return obj.occupation.name

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.status == "pending" and obj.due_at < timezone.now()


class TransferOut(Schema):
    id: int
    status: str
    member_name: str
    membership_number: str | None
    from_org: OrgRef
    to_org: OrgRef
    new_employer_name: str
    routed_by: str
    reason: str
    submitted_at: dt.datetime
    due_at: dt.datetime
    overdue: bool
    decline_reason: str

    @staticmethod
    def resolve_member_name(obj) -> str:
        return obj.member.member_profile.real_name

    @staticmethod
    def resolve_membership_number(obj) -> str | None:
        return obj.member.member_profile.membership_number

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.status == "pending" and obj.due_at < timezone.now()


class MembershipEventOut(Schema):
    kind: str
    label: str
    org: OrgRef
    from_org: OrgRef | None
    note: str
    at: dt.datetime

    @staticmethod
    def resolve_label(obj) -> str:
        return obj.get_kind_display()


class StatusOut(Schema):
    membership_status: str
    org: OrgRef | None
    membership_number: str | None
    joined_on: dt.date | None
    application: ApplicationOut | None
    transfer: TransferOut | None
    history: list[MembershipEventOut]


class ApplyIn(Schema):
    real_name: str
    occupation_id: int
    area_id: int
    employer_name: str = ""
    credit_code: str = ""
    new_employment_form: bool = False


class TransferIn(Schema):
    to_org_id: int | None = None
    area_id: int | None = None
    new_employer_name: str = ""
    credit_code: str = ""
    reason: str = ""


class MembershipReasonIn(Schema):
    reason: str = ""


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


def _staff(request):
    if not is_staff_member(request.auth):
        raise NotAllowed()
    return request.auth


APPLICATION_RELATED = ("org", "area", "occupation")
TRANSFER_RELATED = ("from_org", "to_org", "member__member_profile")


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
def withdraw(request, pk: int):
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
def withdraw_transfer(request, pk: int):
    transfer = get_object_or_404(TransferRequest.objects.filter(member=request.auth), pk=pk)
    return services.withdraw_transfer(request.auth, transfer)


@router.post("/leave", response=StatusOut, summary="Leave the union")
def leave(request, payload: MembershipReasonIn):
    services.leave(request.auth, payload.reason)
    return _status(request.auth)


# --- Staff ------------------------------------------------------------------------------


@router.get("/staff/applications", response=list[ApplicationOut], summary="Pending applications")
@paginate(Paging)
def staff_applications(request):
    user = _staff(request)
    return JoinApplication.objects.pending().visible_to(user).select_related(*APPLICATION_RELATED)


def _application(request, pk: int) -> JoinApplication:
    queryset = JoinApplication.objects.visible_to(_staff(request))
    return get_object_or_404(queryset.select_related(*APPLICATION_RELATED), pk=pk)


@router.post("/staff/applications/{pk}/approve", response=ApplicationOut, summary="Approve")
def approve(request, pk: int):
    return services.approve(request.auth, _application(request, pk))


@router.post("/staff/applications/{pk}/decline", response=ApplicationOut, summary="Decline")
def decline(request, pk: int, payload: MembershipReasonIn):
    return services.decline(request.auth, _application(request, pk), payload.reason)


@router.get("/staff/transfers", response=list[TransferOut], summary="Pending transfers")
@paginate(Paging)
def staff_transfers(request):
    user = _staff(request)
    return TransferRequest.objects.pending().visible_to(user).select_related(*TRANSFER_RELATED)


def _transfer(request, pk: int) -> TransferRequest:
    queryset = TransferRequest.objects.visible_to(_staff(request))
    return get_object_or_404(queryset.select_related(*TRANSFER_RELATED), pk=pk)


@router.post("/staff/transfers/{pk}/approve", response=TransferOut, summary="Approve a transfer")
def approve_transfer(request, pk: int):
    return services.approve_transfer(request.auth, _transfer(request, pk))


@router.post("/staff/transfers/{pk}/decline", response=TransferOut, summary="Decline a transfer")
def decline_transfer(request, pk: int, payload: MembershipReasonIn):
    return services.decline_transfer(request.auth, _transfer(request, pk), payload.reason)
