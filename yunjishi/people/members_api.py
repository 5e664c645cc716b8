"""Members of a staffer's part of the union, over the API (/api/members/). Phones are always
masked."""

from datetime import date
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from yunjishi.core.errors import NotAllowed
from yunjishi.core.fields import Bool, IdParam, Line
from yunjishi.core.validators import Paging

from . import services
from .auditing import record_member_list, record_member_view
from .models import MemberProfile
from .scope import is_staff_member

router = Router(tags=["members"])


class MemberOut(Schema):
    id: int
    real_name: str
    phone: str
    id_number: str
    org_id: int | None
    org_name: str
    membership_status: str
    membership_number: str | None
    joined_on: date | None
    is_new_employment_form: bool
    is_migrant: bool
    is_hardship: bool
    is_veteran: bool
    is_disabled: bool
    is_representative: bool

    @staticmethod
    def resolve_phone(member) -> str:
        return member.user.masked_phone

    @staticmethod
    def resolve_id_number(member) -> str:
        return member.masked_id_number

    @staticmethod
    def resolve_org_name(member) -> str:
        return member.org.name if member.org else ""


class MemberFlagsIn(Schema):
    is_new_employment_form: Bool | None = None
    is_migrant: Bool | None = None
    is_hardship: Bool | None = None
    is_veteran: Bool | None = None
    is_disabled: Bool | None = None
    is_representative: Bool | None = None


def _staff(request):
    if not is_staff_member(request.auth):
        raise NotAllowed()
    return request.auth


@router.get("/", response=list[MemberOut], summary="Members I may see (staff)")
@paginate(Paging, max_limit=200)
def list_members(request, q: Annotated[str, Line(50)] = "", status: Annotated[str, Line(20)] = ""):
    user = _staff(request)
    members = services.search_members(user, query=q, status=status)
    count = members.count()
    only = members.first() if count == 1 else None
    record_member_list(request, user, query=q, status=status, count=count, only=only)
    return members


@router.get("/{member_id}", response=MemberOut)
def get_member(request, member_id: IdParam):
    user = _staff(request)
    member = get_object_or_404(
        MemberProfile.objects.visible_to(user).select_related("user", "org"), pk=member_id
    )
    record_member_view(request, user, member)
    return member


@router.patch("/{member_id}", response=MemberOut, summary="Change a member's flags (org admin)")
def update_member(request, member_id: IdParam, payload: MemberFlagsIn):
    user = _staff(request)
    member = get_object_or_404(
        MemberProfile.objects.visible_to(user).select_related("user", "org"), pk=member_id
    )
    return services.update_member_flags(user, member, request=request, **payload.dict())
