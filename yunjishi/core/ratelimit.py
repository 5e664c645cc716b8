"""Counting attempts in Django's cache: sign-ups per address, failed logins per address,
one-time codes per person.

A fixed window per key: the first hit of a window creates the counter with the window as
its lifetime, later hits increment it (atomic on Redis and in local memory). Keys are
hashed, so the cache never holds a phone number or an address in clear. A limit only slows
an attacker down; it never decides a business rule (those live in the database).
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per ``seconds`` for one key of ``name``."""

    name: str
    count: int
    seconds: int


def client_address(request) -> str:
    """The caller's address: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies the
    address the outermost trusted proxy saw (counted from the right of X-Forwarded-For,
    since a client can put anything at its left)."""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _key(limit: Limit, ident: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), ident.encode(), hashlib.sha256).hexdigest()
    return f"rl:{limit.name}:{digest[:32]}"


def hit(limit: Limit, ident: str) -> int:
    """Count one attempt for ``ident``; returns the count in the current window."""
    key = _key(limit, ident)
    if cache.add(key, 1, timeout=limit.seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: a new window starts
        cache.add(key, 1, timeout=limit.seconds)
        return 1


def count(limit: Limit, ident: str) -> int:
    """Attempts counted for ``ident`` in the current window."""
    return int(cache.get(_key(limit, ident)) or 0)


def exceeded(limit: Limit, ident: str) -> bool:
    """True once ``ident`` has used up its attempts of the current window."""
    return count(limit, ident) >= limit.count


def take(limit: Limit, ident: str) -> bool:
    """Count one attempt and say whether it is allowed (within the limit)."""
    return hit(limit, ident) <= limit.count


def reset(limit: Limit, ident: str) -> None:
    cache.delete(_key(limit, ident))
