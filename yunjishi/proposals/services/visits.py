"""Visits to key contact persons (重点联系人员): what a representative learned, and what was
done about a visit's follow-up."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.core.validators import normalize_phone

from ..models import ContactVisit, FollowUp
from .cleaning import MAX_NOTE, MAX_TEXT, clean_text, required_note
from .who import require_representative


@write_service
def record_visit(
    representative,
    *,
    person_name,
    person_situation,
    visited_on: dt.date | None,
    notes,
    person_phone: str = "",
    follow_up: str = "",
) -> ContactVisit:
    profile = require_representative(representative)
    errors: dict = {}
    person_name = clean_text(
        person_name,
        "person_name",
        required=True,
        limit=50,
        errors=errors,
        message=_("Name the person visited."),
    )
    person_situation = clean_text(
        person_situation,
        "person_situation",
        required=True,
        limit=MAX_NOTE,
        errors=errors,
        message=_("Describe the person's situation."),
    )
    notes = clean_text(
        notes,
        "notes",
        required=True,
        limit=MAX_TEXT,
        errors=errors,
        message=_("Write down what you learned."),
    )
    follow_up = clean_text(
        follow_up, "follow_up", required=False, limit=MAX_NOTE, errors=errors, message=""
    )
    phone = (person_phone or "").strip()
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValidationError as error:
            errors["person_phone"] = error.messages
    today = timezone.localdate()
    if visited_on is None:
        errors["visited_on"] = [_("Give the date of the visit.")]
    elif visited_on > today:
        errors["visited_on"] = [_("The visit cannot be in the future.")]
    elif visited_on < today - dt.timedelta(days=366):
        errors["visited_on"] = [_("Record visits within a year of the day they happened.")]
    if errors:
        raise ValidationError(errors)
    assert visited_on is not None and profile.org is not None  # refused above otherwise
    return ContactVisit.objects.create(
        representative=representative,
        org=profile.org,
        person_name=person_name,
        person_situation=person_situation,
        person_phone=phone,
        visited_on=visited_on,
        notes=notes,
        follow_up=follow_up,
        follow_up_status=FollowUp.OPEN if follow_up else FollowUp.NONE,
    )


@write_service
def complete_follow_up(representative, visit: ContactVisit, note: str) -> ContactVisit:
    """The representative says what was done about a visit's open follow-up."""
    if visit.representative_id != representative.pk:
        raise NotAllowed()
    note = required_note(note, "note", _("Say what was done."))
    done = ContactVisit.objects.filter(pk=visit.pk, follow_up_status=FollowUp.OPEN).update(
        follow_up_status=FollowUp.DONE, follow_up_note=note, followed_up_at=timezone.now()
    )
    if not done:
        raise Conflict(_("This visit has no open follow-up."), code="no_follow_up")
    visit.refresh_from_db()
    return visit
