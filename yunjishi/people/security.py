"""Keeping phone numbers out of what axes stores and logs; limits on attempts per address
(sign-ups, failed logins) and per person (one-time codes)."""

import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver

from yunjishi.core import ratelimit
from yunjishi.core.ratelimit import Limit, client_address
from yunjishi.core.validators import normalize_phone

from .scope import Person


def phone_key(phone: str) -> str:
    """A keyed hash standing in for a phone number where one is needed only to compare."""
    try:
        phone = normalize_phone(phone)
    except ValidationError:
        phone = (phone or "").strip()
    digest = hmac.new(settings.SECRET_KEY.encode(), phone.encode(), hashlib.sha256).hexdigest()
    return "h:" + digest[:32]


def axes_username(request, credentials) -> str:
    """What axes keys lockouts by and writes to its tables and logs: never the phone itself."""
    raw = ""
    if credentials:
        raw = credentials.get("username") or credentials.get("phone") or ""
    elif request is not None and hasattr(request, "POST"):
        raw = request.POST.get("username", "")
    return phone_key(raw)


def token_hash(key: str) -> str:
    """API tokens are stored as this hash; the clear token exists only in the client."""
    return hashlib.sha256(key.encode()).hexdigest()


# --- Attempts per address and per person --------------------------------------------------


def signup_limit() -> Limit:
    return Limit("signup-address", settings.SIGNUP_LIMIT_PER_ADDRESS, 3600)


def login_failure_limit() -> Limit:
    return Limit("login-failures-address", settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS, 15 * 60)


def otp_failure_limit() -> Limit:
    return Limit("otp-failures-person", settings.OTP_FAILURE_LIMIT, 15 * 60)


def take_signup_attempt(request) -> bool:
    """Count a sign-up from the caller's address; False once the address is over its limit."""
    return ratelimit.take(signup_limit(), client_address(request))


def address_is_blocked(request) -> bool:
    """Too many failed logins from this address lately: refuse its logins for a while."""
    return request is not None and ratelimit.exceeded(
        login_failure_limit(), client_address(request)
    )


@receiver(user_login_failed)
def count_failure_of_address(sender, credentials=None, request=None, **kwargs) -> None:
    if request is not None:
        ratelimit.hit(login_failure_limit(), client_address(request))


class AddressLimitBackend:
    """First of the authentication backends: refuses any login from an address that failed
    too often lately, whatever the phone (password spraying over many phones), the right
    password included. Per phone, axes locks out after a few failures on its own."""

    def authenticate(self, request, **credentials):
        if address_is_blocked(request):
            # axes' middleware turns this flag into the locked-out page or API error.
            request.axes_locked_out = True
            raise PermissionDenied
        return None

    # No get_user: it logs nobody in, so Django never picks it for a session (force_login
    # takes the first backend that has one).


def otp_attempt_allowed(user: Person) -> bool:
    """Whether ``user`` may try another one-time code now."""
    return not ratelimit.exceeded(otp_failure_limit(), f"user:{user.pk}")


def count_otp_failure(user: Person) -> None:
    ratelimit.hit(otp_failure_limit(), f"user:{user.pk}")
