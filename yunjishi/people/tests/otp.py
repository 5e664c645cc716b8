"""Helpers of the two-factor tests: the code an authenticator app would show now."""

import re

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_now(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def key_from_page(html: str) -> bytes:
    """The base32 key the enrolment page shows for typing in, as bytes."""
    import base64

    secret = re.search(r"<code>([A-Z2-7]+)</code>", html).group(1)
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
