"""What the membership API reads and writes, for the worker (``api``) and for staff (``api_staff``)."""

import datetime as dt
from typing import Annotated

from django.utils import timezone
from ninja import Schema

from yunjishi.core.fields import Bool, Id, Line, Text
from yunjishi.orgs.schemas import OrgRef

from .services import MAX_REASON


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
    real_name: Annotated[str, Line(50)]
    occupation_id: Id
    area_id: Id
    employer_name: Annotated[str, Line(200)] = ""
    credit_code: Annotated[str, Line(30)] = ""
    new_employment_form: Bool = False


class TransferIn(Schema):
    to_org_id: Id | None = None
    area_id: Id | None = None
    new_employer_name: Annotated[str, Line(200)] = ""
    credit_code: Annotated[str, Line(30)] = ""
    reason: Annotated[str, Text(MAX_REASON)] = ""


class MembershipReasonIn(Schema):
    reason: Annotated[str, Text(MAX_REASON)] = ""
