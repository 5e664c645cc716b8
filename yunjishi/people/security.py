"""Keeping phone numbers out of what axes stores and logs."""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError

from yunjishi.core.validators import normalize_phone


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
