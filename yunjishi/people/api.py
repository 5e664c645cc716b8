"""Accounts over the API: sign-up, token login, who am I."""

from typing import Annotated

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from yunjishi.core.errors import ServiceError
from yunjishi.core.fields import Line, Secret
from yunjishi.core.validators import normalize_phone

from . import services
from .models import MemberProfile, StaffAssignment, User

router = Router(tags=["accounts"])


class SignupIn(Schema):
    phone: Annotated[str, Line(20)]
    password: Annotated[str, Secret(128)]
    real_name: Annotated[str, Line(50)]


class TokenIn(Schema):
    phone: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str


class AssignmentOut(Schema):
    org_id: int
    org_name: str
    role: str


class MeOut(Schema):
    id: int
    phone: str
    name: str
    real_name: str
    id_number: str
    membership_status: str
    org_id: int | None
    membership_number: str | None
    is_staff: bool
    assignments: list[AssignmentOut]


def _me(user: User) -> dict:
    profile = MemberProfile.objects.filter(user=user).first()
    assignments = StaffAssignment.objects.filter(user=user).select_related("org")
    return {
        "id": user.pk,
        "phone": user.masked_phone,
        "name": str(user),
        "real_name": profile.real_name if profile else "",
        "id_number": profile.masked_id_number if profile else "",
        "membership_status": profile.membership_status if profile else "none",
        "org_id": profile.org_id if profile else None,
        "membership_number": profile.membership_number if profile else None,
        "is_staff": user.is_union_staff,
        "assignments": [
            {"org_id": a.org_id, "org_name": a.org.name, "role": a.role} for a in assignments
        ],
    }


@router.post("/signup", response={201: MeOut}, auth=None, summary="Register a worker account")
def signup(request, payload: SignupIn):
    user = services.register_worker(
        phone=payload.phone, password=payload.password, real_name=payload.real_name
    )
    return Status(201, _me(user))


@router.post("/token", response={201: TokenOut}, auth=None, summary="Log in and get a bearer token")
def token(request, payload: TokenIn):
    try:
        phone = normalize_phone(payload.phone)
    except Exception:
        phone = payload.phone
    user = authenticate(request, username=phone, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        raise ServiceError(
            _("Too many failed logins. Try again later."), code="locked_out", status=429
        )
    if user is None:
        raise ServiceError(_("Wrong mobile number or password."), code="invalid_login", status=401)
    return Status(201, {"token": services.issue_token(user, payload.name)})


@router.get("/me", response=MeOut, summary="The logged-in person")
def me(request):
    return _me(request.auth)
