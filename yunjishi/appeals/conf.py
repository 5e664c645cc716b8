"""The appeals module's settings, each with its default.

They are read on every use (so tests can override them) and checked: a bad value raises
``ImproperlyConfigured`` instead of being silently replaced. The environment variables
that set them are listed in README.md.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from yunjishi.core.calendar import Windows, parse_business_hours

CLOCKS = ("wall", "working")
DEFAULT_DEADLINE_DAYS = {"normal": 7, "difficult": 15, "complex": 30}


def _positive(name: str, default: int) -> int:
    value = getattr(settings, name, default)
    if not isinstance(value, int) or value <= 0:
        raise ImproperlyConfigured(f"{name} must be a positive integer, not {value!r}")
    return value


def overdue_hours() -> int:
    """Hours without a status change before an appeal is overdue (超期), 72 by default."""
    return _positive("APPEALS_OVERDUE_HOURS", 72)


def overdue_clock() -> str:
    """``wall``: every hour counts; ``working``: only business hours of working days."""
    value = getattr(settings, "APPEALS_OVERDUE_CLOCK", "wall")
    if value not in CLOCKS:
        raise ImproperlyConfigured(f"APPEALS_OVERDUE_CLOCK must be wall or working, not {value!r}")
    return value


def business_hours() -> Windows:
    raw = getattr(settings, "APPEALS_BUSINESS_HOURS", "09:00-12:00,13:00-18:00")
    try:
        return parse_business_hours(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"APPEALS_BUSINESS_HOURS: {error}") from None


def deadline_days(complexity: str) -> int:
    """Working days to handle an appeal of this complexity (一般 7, 疑难 15, 复杂 30)."""
    days = {**DEFAULT_DEADLINE_DAYS, **getattr(settings, "APPEALS_DEADLINE_DAYS", {})}
    value = days.get(complexity)
    if not isinstance(value, int) or value <= 0:
        raise ImproperlyConfigured(f"APPEALS_DEADLINE_DAYS[{complexity!r}] must be positive")
    return value


def accept_days() -> int:
    """Working days to accept (受理) a new appeal."""
    return _positive("APPEALS_ACCEPT_DAYS", 1)


def rating_days() -> int:
    """Days a solved appeal waits for the worker's rating before it closes by itself."""
    return _positive("APPEALS_RATING_DAYS", 7)


def public_minimum() -> int:
    """Public figures show an org only from this many appeals on (fewer could identify)."""
    return _positive("APPEALS_PUBLIC_MINIMUM", 5)


def anonymity_min_members() -> int:
    """An anonymous appeal names its sender's union to staff only from this many members
    on; a smaller union would name the sender (the union above it is shown instead)."""
    return _positive("APPEALS_ANONYMITY_MIN_MEMBERS", 10)


MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024
