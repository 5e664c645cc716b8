"""Two-factor authentication for staff and superusers: a TOTP authenticator app
(django-otp's TOTP device), enrolled once, asked after the password at every login."""

import base64

import segno
from django.conf import settings
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from yunjishi.audit.services import Action, record
from yunjishi.core.db import write_service

from . import security
from .models import User
from .scope import Person

DEVICE_NAME = "authenticator"


def required() -> bool:
    return bool(settings.STAFF_REQUIRE_2FA)


def is_staff_account(user: Person) -> bool:
    """Who needs the second factor: anyone with back-office access."""
    return bool(getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))


def is_verified(user: Person) -> bool:
    """Whether this request's session passed a one-time code (django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def has_device(user: Person) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@write_service
def pending_device(user: User) -> TOTPDevice:
    """The device being enrolled: one unconfirmed device per person, kept until confirmed
    so that reloading the page does not change the QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed in (base32)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// link as an SVG QR code in a data: URI (the CSP allows data: images)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)


def check_code(device: TOTPDevice, code: str) -> bool | None:
    """Check a code against ``device``; None when the person has used up their attempts.
    Every wrong code counts (per person, in the cache; django-otp also slows the device)."""
    user = device.user
    if not security.otp_attempt_allowed(user):
        return None
    code = "".join((code or "").split())
    if not (code.isdigit() and len(code) == 6) or not device.verify_token(code):
        security.count_otp_failure(user)
        return False
    return True


@write_service
def confirm(request, device: TOTPDevice) -> None:
    """The first right code from a new device: it becomes the person's only device, and
    this session counts as verified."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
    record(
        device.user,
        Action.CHANGE,
        subject=device.user,
        detail="two-factor enrolled",
        request=request,
    )
    device.confirmed = True
    otp_login(request, device)


def verify(request, code: str) -> bool | None:
    """Check a code from the person's enrolled device; on success the session is verified."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return False
    result = check_code(device, code)
    if result:
        otp_login(request, device)
    return result


def token_code_ok(user: User, code: str) -> bool | None:
    """The API's token login for staff: a code from the enrolled device (None: too many)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return False
    return check_code(device, code)
