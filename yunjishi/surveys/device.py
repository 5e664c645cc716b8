"""The device a visitor answers from: a random id in a signed, long-lived cookie.

An anonymous survey takes one answer per link and device. The answer page (and the API's
GET of a survey) gives every browser that has no valid cookie a new one; the answer is
refused without it, so a browser that keeps cookies answers each enterprise's survey once.

What it cannot stop: a client that throws the cookie away and fetches a new one before
every answer (a script, or a person clearing cookies or switching browsers) looks exactly
like a new phone. Nothing short of knowing who answers can tell them apart; a survey that
must not be stuffed switches anonymous answers off, and then one answer per person holds
for certain. The signature only keeps a visitor from choosing their own id (to answer as
another device); the id itself is random and says nothing about the person.
"""

import secrets

from django.conf import settings

COOKIE = "yj_device"
SALT = "yunjishi.surveys.device"
MAX_AGE = 2 * 365 * 24 * 3600  # seconds: two years, one survey season and the next


def device_of(request) -> str | None:
    """The device id of the request's signed cookie; None if it has none or a forged one."""
    return request.get_signed_cookie(COOKIE, default=None, salt=SALT)


def remember_device(request, response, device: str | None = None) -> str:
    """Keep ``device`` (or a new id) in the response's cookie; returns the id."""
    device = device or secrets.token_urlsafe(16)
    response.set_signed_cookie(
        COOKIE,
        device,
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
    )
    return device
