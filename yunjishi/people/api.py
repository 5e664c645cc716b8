"""Accounts over the API: sign-up, token login and logout, my tokens, who am I."""

from datetime import datetime
from typing import Annotated

from django.contrib.auth import authenticate
from django.contrib.auth import logout as session_logout
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from yunjishi.core.errors import ServiceError
from yunjishi.core.fields import IdParam, Line, Secret
from yunjishi.core.validators import normalize_phone

from . import security, services, twofactor
from .models import MemberProfile, StaffAssignment, User

router = Router(tags=["accounts"])


class SignupIn(Schema):
    phone: Annotated[str, Line(20)]
    password: Annotated[str, Secret(128)]
    real_name: Annotated[str, Line(50)]


class SignupOut(Schema):
    message: str


class TokenIn(Schema):
    phone: Annotated[str, Line(20)]
    password: Annotated[str, Secret(128)]
    name: Annotated[str, Line(100)] = ""
    # Staff and superusers: the six digits of their authenticator app.
    otp: Annotated[str, Line(10)] = ""


class TokenOut(Schema):
    token: str
    expires_at: datetime


class TokenInfoOut(Schema):
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime
    current: bool


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


@router.post(
    "/signup",
    response={202: SignupOut},
    auth=None,
    summary="Register a worker account",
    description=(
        "Answers 202 with the same body whether or not the number was registered already "
        "(then no account is created and the owner is told). 429 when the caller's address "
        "signed up too often lately."
    ),
)
def signup(request, payload: SignupIn):
    if not security.take_signup_attempt(request):
        raise ServiceError(
            _("Too many sign-ups from your network. Try again later."),
            code="rate_limited",
            status=429,
        )
    services.register_worker(
        phone=payload.phone, password=payload.password, real_name=payload.real_name
    )
    return Status(202, {"message": str(services.SIGNUP_ACCEPTED)})


@router.post(
    "/token",
    response={201: TokenOut},
    auth=None,
    summary="Log in and get a bearer token",
    description=(
        "The token ends after API_TOKEN_DAYS, at logout or when the password changes. Staff "
        "and superusers add `otp`, the code of their authenticator app (401 `otp_required` "
        "without a right one; 403 `otp_enrolment_required` before they enrolled on the site)."
    ),
)
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
    if twofactor.required() and twofactor.is_staff_account(user):
        _check_second_factor(user, payload.otp)
    key = services.issue_token(user, payload.name)
    return Status(201, {"token": key, "expires_at": services.token_expiry(key)})


def _check_second_factor(user: User, code: str) -> None:
    if not twofactor.has_device(user):
        raise ServiceError(
            _("Turn on two-factor authentication on the website first."),
            code="otp_enrolment_required",
            status=403,
        )
    result = twofactor.token_code_ok(user, code)
    if result is None:
        raise ServiceError(
            _("Too many wrong codes. Wait a few minutes and try again."),
            code="rate_limited",
            status=429,
        )
    if not result:
        raise ServiceError(
            _("Enter the code of your authenticator app."), code="otp_required", status=401
        )


@router.post(
    "/logout",
    response={204: None},
    summary="Log out: the calling token is revoked (or the session ended)",
)
def logout(request):
    row = getattr(request, "api_token", None)
    if row is not None:
        services.revoke_token(request.auth, row.pk, request=request)
    else:
        session_logout(request)
    return Status(204, None)


@router.get("/tokens", response=list[TokenInfoOut], summary="My API tokens that still work")
def tokens(request):
    current = getattr(getattr(request, "api_token", None), "pk", None)
    return [
        {
            "id": row.pk,
            "name": row.name,
            "created_at": row.created_at,
            "last_used_at": row.last_used_at,
            "expires_at": row.expires_at,
            "current": row.pk == current,
        }
        for row in services.active_tokens(request.auth)
    ]


@router.delete(
    "/tokens/current",
    response={204: None},
    summary="Revoke the token of this call",
)
def revoke_current_token(request):
    row = getattr(request, "api_token", None)
    if row is None or not services.revoke_token(request.auth, row.pk, request=request):
        raise ServiceError(_("This call was not made with a token."), code="not_found", status=404)
    return Status(204, None)


@router.delete(
    "/tokens/{int:token_id}",
    response={204: None},
    summary="Revoke one of my tokens",
)
def revoke_token(request, token_id: IdParam):
    if not services.revoke_token(request.auth, token_id, request=request):
        raise ServiceError(_("Not found, or not visible to you."), code="not_found", status=404)
    return Status(204, None)


@router.get("/me", response=MeOut, summary="The logged-in person")
def me(request):
    return _me(request.auth)
