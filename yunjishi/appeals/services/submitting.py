"""提交: a worker's appeal, routed to the level that should solve it, its deadlines set and
its three responsible people told (待办); more photos until it is accepted."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict, ServiceError
from yunjishi.orgs.models import Level, Org
from yunjishi.people.models import MemberProfile, User

from .. import similar
from ..identity import is_small
from ..models import Appeal, Category, Complexity, Event, EventKind, Photo, Severity, Status
from ..photos import check_count, clean_photos
from ..routing import Responsible, responsible, route
from ..telling import message_names, tell_staff, tell_worker
from .clocks import accept_due, clock_fields, handling_due
from .lifecycle import APPEAL_LIFECYCLE, check_sender, clean_text, lock

S = Status
TITLE_LENGTH = (4, 100)
TEXT_LENGTH = (10, 2000)


def new_tracking_number(now: dt.datetime) -> str:
    """``SQ`` + local date + six random digits: unguessable, and says nothing of volume."""
    return f"SQ{timezone.localtime(now):%y%m%d}{secrets.randbelow(10**6):06d}"


def default_org(user: User) -> Org | None:
    profile = MemberProfile.objects.filter(user=user).select_related("org").first()
    return profile.org if profile else None


def filing_orgs(user: User) -> list[Org]:
    """Where a member may address an appeal: their union, the unions above it up to the
    city, and the units beside it (a canteen, another department). Empty for someone who
    is not a member yet: they name the union themselves, any active one.

    The one rule for the page (its choices) and the API (``_check_draft``)."""
    own = default_org(user)
    if own is None:
        return []
    paths = set(own.ancestor_paths())
    parent = own.path[: -Org.steplen]
    near = Org.objects.filter(is_active=True).exclude(level__in=(Level.NATIONAL, Level.PROVINCE))
    chosen = near.filter(path__in=paths)
    if parent:
        chosen = chosen | near.filter(path__startswith=parent, depth=own.depth)
    return list(chosen.order_by("path"))


def _filing_org(user: User, org: Org | None) -> Org | None:
    """The union the appeal is about: the one named if this person may file there, else
    None. Named none: a member's own union."""
    own = default_org(user)
    if org is None:
        return own if own is not None and own.is_active else None
    if not org.is_active:
        return None
    if own is None:  # not a member yet: any active union (the page asks for its code)
        return org
    return org if org.pk in {o.pk for o in filing_orgs(user)} else None


def _check_draft(user: User, *, category, title, text, org, severity) -> dict:
    errors: dict[str, list[str]] = {}
    title, text = (title or "").strip(), (text or "").strip()
    if not TITLE_LENGTH[0] <= len(title) <= TITLE_LENGTH[1]:
        errors["title"] = [
            _("Give a title of %(min)d to %(max)d characters.")
            % {"min": TITLE_LENGTH[0], "max": TITLE_LENGTH[1]}
        ]
    if not TEXT_LENGTH[0] <= len(text) <= TEXT_LENGTH[1]:
        errors["text"] = [
            _("Describe it in %(min)d to %(max)d characters.")
            % {"min": TEXT_LENGTH[0], "max": TEXT_LENGTH[1]}
        ]
    if category is None or not category.is_active:
        errors["category"] = [_("Choose a category.")]
    org = _filing_org(user, org)
    if org is None:
        errors["org"] = [
            _("Choose the union this appeal is about: yours, one above it or one beside it.")
        ]
    if severity and severity not in Severity.values:
        errors["severity"] = [_("Choose one of the allowed values.")]
    if errors:
        raise ValidationError(errors)
    return {"title": title, "text": text, "org": org}


def submit(
    user: User,
    *,
    category: Category | None,
    title: str,
    text: str,
    org: Org | None = None,
    place: str = "",
    severity: str = "",
    anonymous: bool = False,
    photos=(),
) -> Appeal:
    """A worker's appeal: routed, deadlines set, the three responsible people told (待办).

    Checked and prepared here, outside the transaction (the photos read and stripped, the
    text indexed, the union routed, the deadlines computed): only ``_write_appeal`` holds
    the database's write lock."""
    draft = _check_draft(
        user, category=category, title=title, text=text, org=org, severity=severity
    )
    assert category is not None  # refused by _check_draft otherwise
    stored_photos = clean_photos(photos)
    severity = severity or category.default_severity
    handling_org, rule = route(draft["org"], category, severity)
    if anonymous and draft["org"].contains(handling_org) and is_small(draft["org"]):
        # Handled inside a union too small to hide in, it would name the sender to the
        # staff who see where it is handled: routed from the union directly above instead.
        above = draft["org"].parent_org()
        if above is not None:
            handling_org, rule = route(above, category, severity)
    people = responsible(handling_org, exclude_user_id=user.pk)
    now = timezone.now()
    fields = {
        "submitter": user,
        "is_anonymous": bool(anonymous),
        "category": category,
        "severity": severity,
        "title": draft["title"],
        "text": draft["text"],
        "org": draft["org"],
        "place": clean_text(place, "place", required=False, limit=200),
        "terms": similar.index_text(draft["title"], draft["text"]),
        "handling_org": handling_org,
        "routing_rule": rule,
        "handler": people.handler,
        "tracker": people.tracker,
        "supervisor": people.supervisor,
        "submitted_at": now,
        "clock_started_at": now,
        "accept_due_at": accept_due(now),
        "due_at": handling_due(now, Complexity.NORMAL),
        **clock_fields(S.SUBMITTED, now),
    }
    return _write_appeal(user, fields, stored_photos, people, now)


@write_service
def _write_appeal(
    user: User, fields: dict, stored_photos, people: Responsible, now: dt.datetime
) -> Appeal:
    """The prepared appeal, its photos, its first history rows and its notices."""
    appeal = _create_with_number(fields, now)
    for stored, kind in stored_photos:
        Photo.objects.create(appeal=appeal, file=stored, content_type=kind, size=stored.size)
    APPEAL_LIFECYCLE.begin(appeal, actor=user, record={"kind": EventKind.SUBMITTED, "at": now})
    Event.objects.create(
        appeal=appeal,
        kind=EventKind.ROUTED,
        note=_("Handled by %(org)s.") % {"org": appeal.handling_org.name},
        at=now,
    )
    tell_staff(appeal, people, "new")
    tell_worker(
        appeal,
        _("Appeal received: %(number)s"),
        _("We will accept it by %(accept_by)s and handle it by %(due)s.") % message_names(appeal),
        key="received",
    )
    return appeal


def _create_with_number(fields: dict, now: dt.datetime) -> Appeal:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Appeal.objects.create(tracking_number=new_tracking_number(now), **fields)
        except IntegrityError:
            continue  # the same random number the same day: draw again
    raise ServiceError(_("Please try again."), code="busy")


def _store_photos(locked: Appeal, stored) -> list[Photo]:
    """Store checked photos on an appeal whose row this transaction has locked: two
    uploads at once are counted one after the other, never both against the old count."""
    check_count(Photo.objects.filter(appeal=locked).count(), len(stored))
    return [
        Photo.objects.create(appeal=locked, file=file, content_type=kind, size=file.size)
        for file, kind in stored
    ]


def add_photos(worker: User, appeal: Appeal, files) -> list[Photo]:
    """More photos for one's own appeal, until it is accepted. The photos are read and
    stripped here, outside the transaction; ``_store_new_photos`` stores them."""
    check_sender(worker, appeal)
    return _store_new_photos(appeal, clean_photos(files))


@write_service
def _store_new_photos(appeal: Appeal, stored) -> list[Photo]:
    locked = lock(appeal)
    if locked.status not in (S.SUBMITTED, S.NEEDS_INFO):
        raise Conflict(_("Photos can be added only before the appeal is accepted."))
    return _store_photos(locked, stored)
