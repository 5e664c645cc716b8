"""What a representative or a staffer writes, checked once: lengths, required notes, and a
proposal's or a suggestion's title, text, category and union."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yunjishi.orgs.models import Org
from yunjishi.people.models import MemberProfile

from ..models import Category
from .who import default_org, submission_orgs

MAX_TITLE, MAX_TEXT, MAX_NOTE = 100, 5000, 2000


def clean_text(value, field: str, *, required: bool, limit: int, errors: dict, message: str) -> str:
    """``value`` stripped; a missing or too long one adds to ``errors`` under ``field``."""
    value = (value or "").strip()
    if required and not value:
        errors[field] = [message]
    elif len(value) > limit:
        errors[field] = [_("Keep this under %(n)d characters.") % {"n": limit}]
    return value


def required_note(note: str, field: str, message: str) -> str:
    errors: dict = {}
    note = clean_text(note, field, required=True, limit=MAX_NOTE, errors=errors, message=message)
    if errors:
        raise ValidationError(errors)
    return note


def optional_note(note: str, field: str = "note") -> str:
    errors: dict = {}
    note = clean_text(note, field, required=False, limit=MAX_NOTE, errors=errors, message="")
    if errors:
        raise ValidationError(errors)
    return note


def check_item(profile: MemberProfile, title, body, category, org: Org | None) -> tuple:
    """Check what a proposal or a suggestion says; returns (title, text, category, org)."""
    errors: dict = {}
    title = clean_text(
        title, "title", required=True, limit=MAX_TITLE, errors=errors, message=_("Give a title.")
    )
    body = clean_text(
        body,
        "text",
        required=True,
        limit=MAX_TEXT,
        errors=errors,
        message=_("Say what the matter is and what you propose."),
    )
    if category not in Category.values:
        errors["category"] = [_("Choose a category.")]
    allowed = submission_orgs(profile)
    if org is None:
        org = default_org(profile)
    elif org.pk not in {o.pk for o in allowed}:
        errors["org"] = [_("Choose your own union or one above it.")]
    if errors:
        raise ValidationError(errors)
    return title, body, category, org
