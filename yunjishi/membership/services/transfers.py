"""Moving between unions (会籍转移): the request and the receiving union's decision.

Declining and withdrawing are the same for a transfer as for a join application:
``decline_transfer`` and ``withdraw_transfer`` are ``requests.decline`` and
``requests.withdraw``.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from yunjishi.core.calendar import local_text
from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict
from yunjishi.orgs.models import Org
from yunjishi.people.models import MemberProfile, MembershipStatus, User
from yunjishi.people.services import member_profile

from ..models import EventKind, RequestStatus, TransferRequest
from .requests import (
    TRANSFER,
    TRANSFER_LIFECYCLE,
    clean_reason,
    decide,
    decision_due,
    decline,
    org_staff,
    tell,
    withdraw,
)
from .routing import REGIONAL_LEVELS, clean_credit_code, normalize_employer, route

decline_transfer = decline
withdraw_transfer = withdraw


@write_service
def request_transfer(
    user: User,
    *,
    to_org: Org | None = None,
    area: Org | None = None,
    new_employer_name: str = "",
    credit_code: str = "",
    reason: str = "",
) -> TransferRequest:
    """A member asks to move to another union: named directly, or found like an application."""
    profile = member_profile(user)
    if not profile.is_member or profile.org is None:
        raise Conflict(_("Only a member can transfer their membership."), code="not_member")
    new_employer_name = normalize_employer(new_employer_name)
    errors: dict[str, list[str]] = {}
    if to_org is not None and not to_org.is_active:
        errors["to_org"] = [_("This union does not take members any more.")]
    if to_org is None and (area is None or not area.is_active or area.level not in REGIONAL_LEVELS):
        errors["area"] = [_("Choose the area where you work from the list.")]
    if len(new_employer_name) > 200:
        errors["new_employer_name"] = [_("The employer's name is too long.")]
    try:
        credit_code = clean_credit_code(credit_code)
        reason = clean_reason(reason, required=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    routed = ""
    if to_org is None:
        assert area is not None  # refused above otherwise
        to_org, routed = route(
            profile.occupation,
            area,
            new_employer_name,
            credit_code,
            new_employment_form=profile.is_new_employment_form,
        )
    if to_org.pk == profile.org_id:
        raise ValidationError(_("You are already a member of %(org)s.") % {"org": to_org.name})
    try:
        with transaction.atomic():
            transfer = TransferRequest.objects.create(
                member=user,
                from_org=profile.org,
                to_org=to_org,
                new_employer_name=new_employer_name,
                routed_by=routed,
                reason=reason,
                due_at=decision_due(),
            )
    except IntegrityError:
        raise Conflict(
            _("You already have a transfer waiting for a decision."), code="already_requested"
        ) from None
    TRANSFER_LIFECYCLE.begin(
        transfer, actor=user, record=TRANSFER.history(transfer, EventKind.TRANSFER_REQUESTED)
    )
    _announce_transfer(transfer, profile)
    return transfer


def _announce_transfer(transfer: TransferRequest, profile: MemberProfile) -> None:
    names = {
        "name": profile.real_name,
        "from": transfer.from_org.name,
        "to": transfer.to_org.name,
        "deadline": local_text(transfer.due_at),
    }
    tell(
        org_staff(transfer.to_org),
        _("New membership transfer"),
        _("%(name)s asks to transfer from %(from)s to %(to)s. To be handled by %(deadline)s.")
        % names,
        url=reverse("membership:staff_transfers"),
        key=f"transfer:{transfer.pk}:new",
    )
    tell(
        [transfer.member],
        _("Your transfer request was received"),
        _("%(to)s will decide on your transfer. To be handled by %(deadline)s.") % names,
        url=reverse("membership:home"),
        key=f"transfer:{transfer.pk}:received",
    )


@write_service
def approve_transfer(staff: User, transfer: TransferRequest) -> TransferRequest:
    """Staff of the receiving union approve: number and join date stay, the union changes."""
    transfer = decide(staff, transfer, RequestStatus.APPROVED, note=transfer.reason)
    fields: dict = {"org": transfer.to_org}
    if transfer.new_employer_name:
        fields["employer_name"] = transfer.new_employer_name
    moved = MemberProfile.objects.filter(
        user_id=transfer.member_id,
        membership_status=MembershipStatus.MEMBER,
        org=transfer.from_org_id,
    ).update(**fields)
    if not moved:
        raise Conflict(_("The membership changed meanwhile; this transfer no longer applies."))
    names = {"from": transfer.from_org.name, "to": transfer.to_org.name}
    tell(
        [transfer.member],
        _("Your membership was transferred"),
        _("You are now a member of %(to)s; your membership number stays the same.") % names,
        url=reverse("membership:home"),
        key=f"transfer:{transfer.pk}:approved",
    )
    tell(
        org_staff(transfer.from_org),
        _("A member transferred out"),
        _("%(name)s has moved from %(from)s to %(to)s.")
        % {**names, "name": member_profile(transfer.member).real_name},
        url=reverse("membership:staff_transfers"),
        key=f"transfer:{transfer.pk}:approved",
    )
    return transfer
