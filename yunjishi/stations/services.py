"""The station registry's rules: codes, validation, the search index, the lifecycle, the
六有 checklist, hours exceptions, check-ins and the logged phone reveal.

Pages, the API, the admin, the importer and the demo all call these functions.
"""

import datetime as dt

import phonenumbers
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.audit.services import Action, record
from yunjishi.core.db import require_transaction, write_service
from yunjishi.core.errors import Conflict, NotAllowed, ServiceError
from yunjishi.core.transitions import Lifecycle
from yunjishi.people.models import StationManagerProfile, User
from yunjishi.people.scope import Person, is_staff_member, works_at

from . import checkin_codes, geo, hours
from .models import (
    CheckIn,
    ChecklistCheck,
    ChecklistItem,
    CodeCounter,
    District,
    HoursException,
    PhoneReveal,
    Service,
    Station,
    StationEvent,
    Status,
)

# Who does what, by staff role, inside their subtree.
EDIT_ROLES = ("handler", "org_admin")
LIFECYCLE_ROLES = ("handler", "org_admin")
CHECK_ROLES = ("handler", "supervisor", "org_admin")

# China's bounding box: a point outside it is a typo or swapped coordinates.
DEFAULT_BOUNDS = (3.8, 53.6, 73.5, 135.1)  # south, north, west, east

# (from, to): the moves of the lifecycle; staff with LIFECYCLE_ROLES make all of them.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.PLANNING, Status.RUNNING): "open",
    (Status.PLANNING, Status.EXITED): "exit",
    (Status.RUNNING, Status.PAUSED): "pause",
    (Status.RUNNING, Status.EXITED): "exit",
    (Status.PAUSED, Status.RUNNING): "open",
    (Status.PAUSED, Status.EXITED): "exit",
}
NEEDS_REASON = {Status.PAUSED, Status.EXITED}

STATION_LIFECYCLE = Lifecycle(
    model=Station,
    moves=TRANSITIONS,
    history=StationEvent,
    subject="station",
    illegal=gettext_lazy("A station that is %(now)s cannot become %(to)s."),
    changed=gettext_lazy("Someone else changed this station just now; reload and try again."),
)


# --- Validation ---------------------------------------------------------------------------


def service_bounds() -> tuple[float, float, float, float]:
    return getattr(settings, "STATIONS_BOUNDS", DEFAULT_BOUNDS)


def check_coordinates(lat, lon, bounds=None) -> tuple[float, float]:
    """Floats inside the service area, or ValidationError naming what is wrong."""
    errors = {}
    values = {}
    for name, value in (("lat", lat), ("lon", lon)):
        try:
            values[name] = float(value)
        except (TypeError, ValueError):
            errors[name] = [_("Enter the coordinate as a decimal number, such as 24.4798.")]
    if errors:
        raise ValidationError(errors)
    lat, lon = values["lat"], values["lon"]
    if not -90 <= lat <= 90:
        errors["lat"] = [_("A latitude lies between -90 and 90.")]
    if not -180 <= lon <= 180:
        errors["lon"] = [_("A longitude lies between -180 and 180.")]
    if not errors:
        south, north, west, east = bounds or service_bounds()
        if not (south <= lat <= north and west <= lon <= east):
            errors["lat"] = [
                _(
                    "The point %(lat).4f, %(lon).4f lies outside the service area: "
                    "check that latitude and longitude are not swapped."
                )
                % {"lat": lat, "lon": lon}
            ]
    if errors:
        raise ValidationError(errors)
    return lat, lon


def normalize_contact_phone(value: str) -> str:
    """A mainland mobile or landline number as digits (landlines with their leading 0)."""
    raw = (value or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or number.country_code != 86 or not phonenumbers.is_valid_number(number):
        raise ValidationError({"manager_phone": [_("Enter a mainland mobile or landline number.")]})
    digits = str(number.national_number)
    return digits if len(digits) == 11 and digits.startswith("1") else "0" + digits


# The free services the seeds name, as (code, name); the union may rename them or add more
# in the back office. Installed by migration 0002 and again by seed_demo, so a flushed
# database (``manage.py flush``, transactional tests) gets them back.
DEFAULT_SERVICES = [
    ("heating", "取暖"),
    ("cooling", "避暑"),
    ("rest", "休息"),
    ("hot-meal", "热饭"),
    ("water", "饮水"),
    ("wifi", "无线上网"),
    ("first-aid", "应急救治"),
    ("umbrella", "借伞"),
    ("charging", "充电"),
    ("toilet", "如厕"),
]


def ensure_default_services(model=Service) -> int:
    """Create the default services that are missing (by code); how many were created.

    ``model`` is the historical model when a migration calls this. A bit already taken by a
    service the union added is left to it; the default then takes the next free bit.
    """
    taken = set(model.objects.values_list("bit", flat=True))
    created = 0
    for position, (code, name) in enumerate(DEFAULT_SERVICES):
        if model.objects.filter(code=code).exists():
            continue
        bit = position
        while bit in taken:
            bit += 1
        model.objects.create(code=code, name=name, bit=bit, sort=(position + 1) * 10)
        taken.add(bit)
        created += 1
    return created


def services_by_name() -> dict[str, Service]:
    """Active services by code and by name, for parsing what people type."""
    found = {}
    for service in Service.objects.filter(is_active=True):
        found[service.code] = service
        found[service.name] = service
    return found


def with_services(stations):
    """``stations`` (a list), each given the services read once, so that
    ``Station.service_list`` asks no query per row."""
    stations = list(stations)
    if stations:
        known = list(Service.objects.all())
        for station in stations:
            station._services = known
    return stations


def service_mask(services) -> int:
    mask = 0
    for service in services:
        mask |= 1 << service.bit
    return mask


def mask_for_codes(codes) -> int:
    """The search mask of service codes or names; ValidationError names an unknown one."""
    errors: dict[str, list[str]] = {}
    mask = _mask_of([c.strip() for c in codes if c and c.strip()], errors)
    if errors:
        raise ValidationError(errors)
    return mask


# --- Codes --------------------------------------------------------------------------------


def take_codes(prefix: str, count: int = 1) -> list[str]:
    """``count`` new codes under ``prefix``, e.g. ``FJ-XM-HC-0001``: the counter row moves
    by a conditional update, so two imports at once never get the same numbers."""
    CodeCounter.objects.get_or_create(prefix=prefix)
    for _attempt in range(20):
        last = CodeCounter.objects.filter(prefix=prefix).values_list("last", flat=True).get()
        moved = CodeCounter.objects.filter(prefix=prefix, last=last).update(last=last + count)
        if moved:
            return [f"{prefix}-{n:04d}" for n in range(last + 1, last + count + 1)]
    raise Conflict(_("Station codes are being given out elsewhere; try again."))


def district_for(org, district=None) -> District:
    """The district given, else the one whose code starts the org's (or an ancestor's)
    region code."""
    if district is not None:
        return district
    for candidate in reversed(org.ancestors_and_self()):
        code = (candidate.region_code or "")[:6]
        if len(code) == 6:
            found = District.objects.filter(code=code).first()
            if found is not None:
                return found
    raise ValidationError(
        {"district": [_("Choose the district: the union's region has none on file.")]}
    )


# --- The search index ---------------------------------------------------------------------


def exceptions_of(station: Station) -> dict:
    return {e.date: hours.parse_day(e.hours) for e in station.exceptions.all()}


def index_fields(station: Station, exceptions=None) -> dict:
    """The derived columns of ``station``, from its status, place, hours and exceptions."""
    week = hours.week_spans(station.weekly_hours)
    if exceptions is None:
        exceptions = exceptions_of(station) if station.pk else {}
    running = station.status == Status.RUNNING
    return {
        "search_cell": geo.cell_of(station.lat, station.lon) if running else None,
        "hours_index": hours.encode_week(week),
        "exceptions_index": hours.encode_exceptions(exceptions),
    }


def lock(station: Station) -> Station:
    """The station's row, locked until the transaction ends: every write that derives the
    search index from the row (edits, special days, the lifecycle) takes this lock first,
    so none of them computes the index from a row another one is changing."""
    require_transaction("lock()")
    return Station.objects.select_for_update().get(pk=station.pk)


def refresh_index(station: Station) -> Station:
    """Rebuild the derived columns from the row as it is now (locked)."""
    with transaction.atomic():
        fields = index_fields(lock(station))
        Station.objects.filter(pk=station.pk).update(**fields)
    for name, value in fields.items():
        setattr(station, name, value)
    return station


# --- Create and edit ----------------------------------------------------------------------


STATION_FIELDS = (
    "name",
    "station_type",
    "co_builder",
    "co_builder_kind",
    "address",
    "lat",
    "lon",
    "weekly_hours",
    "facilities",
    "description",
    "manager_name",
    "manager_phone",
    "manager",
)


def prepare(station: Station, data: dict) -> None:
    """Copy ``data`` onto ``station`` and check it; every problem in one ValidationError."""
    errors: dict[str, list[str]] = {}
    for name in STATION_FIELDS:
        if name not in data:
            continue
        # An explicit null (a PATCH's "co_builder_kind": null) would reach a NOT NULL column:
        # full_clean skips empty values of blank fields, so say it here.
        if data[name] is None and not getattr(Station._meta.get_field(name), "null", False):
            errors[name] = [_("This field cannot be null: leave it out to keep its value.")]
            continue
        setattr(station, name, data[name])
    try:
        station.lat, station.lon = check_coordinates(station.lat, station.lon)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        station.weekly_hours = hours.normalize_week(station.weekly_hours or [])
    except ValidationError as error:
        errors["weekly_hours"] = error.messages
    try:
        station.manager_phone = normalize_contact_phone(station.manager_phone)
    except ValidationError as error:
        errors.update(error.message_dict)
    if isinstance(station.facilities, str):
        station.facilities = [f.strip() for f in station.facilities.split(",") if f.strip()]
    if "services" in data:
        station.service_mask = _mask_of(data["services"] or [], errors)
    try:
        station.full_clean(exclude=["org", "district", "code", "lat", "lon"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _mask_of(items, errors) -> int:
    """The mask of Service rows, codes or names; unknown names are reported in ``errors``."""
    known = services_by_name() if any(not isinstance(i, Service) for i in items) else {}
    mask = 0
    for item in items:
        if isinstance(item, Service):
            mask |= 1 << item.bit
        elif item in known:
            mask |= 1 << known[item].bit
        else:
            errors.setdefault("services", []).append(
                _("Unknown service: %(name)s.") % {"name": item}
            )
    return mask


def manages_a_station(user: User) -> bool:
    """A station manager: may open the staff pages, which show them their own stations."""
    return StationManagerProfile.objects.filter(user=user).exists()


def can_edit(user: User, station: Station) -> bool:
    return Station.objects.changeable_by(user).filter(pk=station.pk).exists()


@write_service
def create_station(
    actor: User, org, data: dict, *, district=None, status=Status.PLANNING
) -> Station:
    """A new station under ``org`` with a fresh code; starts 筹建 unless told otherwise."""
    if actor is not None and not (is_staff_member(actor) and works_at(actor, org, EDIT_ROLES)):
        raise NotAllowed(_("You may add stations only in your own part of the union."))
    district = district_for(org, district)
    station = Station(org=org, district=district, status=status)
    prepare(station, data)
    station.status_since = timezone.localdate()
    station.__dict__.update(index_fields(station, exceptions={}))
    (station.code,) = take_codes(district.prefix)
    station.save()
    return station


# What ``update_station`` writes: the fields people keep current and the index derived
# from them, never the lifecycle's columns (status, reason, since), which only
# ``change_status`` writes.
UPDATE_COLUMNS = [
    *STATION_FIELDS,
    "service_mask",
    "search_cell",
    "hours_index",
    "exceptions_index",
    "updated_at",
]


@write_service
def update_station(actor: User, station: Station, data: dict) -> Station:
    """Change what staff or the station's manager may keep current (not code nor status)."""
    if actor is not None and not can_edit(actor, station):
        raise NotAllowed()
    station = lock(station)
    prepare(station, data)
    station.__dict__.update(index_fields(station))
    station.save(update_fields=UPDATE_COLUMNS)
    return station


@write_service
def set_exception(actor: User, station: Station, date: dt.date, hours_text: str, note: str = ""):
    """Different hours on ``date`` (``""`` = closed all day)."""
    if actor is not None and not can_edit(actor, station):
        raise NotAllowed()
    try:
        spans = hours.parse_day(hours_text)
    except ValidationError as error:
        raise ValidationError({"hours": error.messages}) from None
    lock(station)
    exception, _created = HoursException.objects.update_or_create(
        station=station,
        date=date,
        defaults={"hours": hours.format_day(spans), "note": note},
    )
    refresh_index(station)
    return exception


@write_service
def remove_exception(actor: User, station: Station, date: dt.date) -> None:
    if actor is not None and not can_edit(actor, station):
        raise NotAllowed()
    lock(station)
    HoursException.objects.filter(station=station, date=date).delete()
    refresh_index(station)


# --- Lifecycle ----------------------------------------------------------------------------


@write_service
def change_status(
    actor: User, station: Station, to: str, *, reason: str = "", effective_on: dt.date | None = None
) -> Station:
    """Move the station along 筹建 → 运行 → 暂停 → 退出; pausing and exiting need a reason.
    An exited station leaves the search but keeps its code and history."""
    if (
        actor is not None
        and not Station.objects.managed_by(actor, LIFECYCLE_ROLES).filter(pk=station.pk).exists()
    ):
        raise NotAllowed()
    if to not in Status.values:
        raise ValidationError({"to": [_("Choose one of the allowed values.")]})
    reason = (reason or "").strip()
    effective_on = effective_on or timezone.localdate()
    # The row lock first: an edit or a special day recomputing the index waits for the move.
    locked = lock(station)
    STATION_LIFECYCLE.rule(locked, to)
    if to in NEEDS_REASON and not reason:
        raise ValidationError({"reason": [_("Give the reason for this change.")]})
    STATION_LIFECYCLE.move(
        locked,
        to,
        actor=actor,
        record={"reason": reason, "effective_on": effective_on},
        after=refresh_index,
        status_reason=reason,
        status_since=effective_on,
        updated_at=timezone.now(),
    )
    station.refresh_from_db()
    return station


# --- 六有 ---------------------------------------------------------------------------------


@write_service
def check_item(actor: User, station: Station, item: str, *, ok: bool = True, note: str = ""):
    """Record who found ``item`` of the 六有 standard met (or not) and when."""
    if not Station.objects.managed_by(actor, CHECK_ROLES).filter(pk=station.pk).exists():
        raise NotAllowed()
    if item not in ChecklistItem.values:
        raise ValidationError({"item": [_("Choose one of the allowed values.")]})
    check, _created = ChecklistCheck.objects.update_or_create(
        station=station,
        item=item,
        defaults={"ok": ok, "note": note, "checked_by": actor, "checked_at": timezone.now()},
    )
    return check


def staff_stations(user: User, status: str, query: str, missing_only: bool):
    """The staffer's stations by status, name or code, and missing 六有 items: the list
    page, its export and the API filter alike."""
    found = Station.objects.visible_to(user)
    if status in Status.values:
        found = found.filter(status=status)
    if query:
        found = found.filter(Q(name__contains=query) | Q(code__icontains=query))
    if missing_only:
        found = found.missing_standard_items()
    return found.order_by("code")


def missing_items(station: Station) -> list[str]:
    """Items of the 六有 standard not (yet) found met, in the standard's order."""
    met = {c.item for c in station.checks.all() if c.ok}
    return [item for item in ChecklistItem.values if item not in met]


# --- A place typed by the worker ----------------------------------------------------------


def find_place(text: str) -> tuple[float, float, str] | None:
    """(lat, lon, label) of what a worker typed instead of sharing their position: a
    district whose name (or city) contains it, else a running station whose name or
    address does. Without a geocoder (none works offline) this is a plain text match."""
    text = (text or "").strip()[:50]
    if not text:
        return None
    district = (
        District.objects.filter(name__icontains=text).order_by("code").first()
        or District.objects.filter(city__icontains=text).order_by("code").first()
    )
    if district is not None:
        return district.lat, district.lon, f"{district.city}{district.name}"
    station = (
        Station.objects.running()
        .filter(Q(name__icontains=text) | Q(address__icontains=text))
        .order_by("code")
        .first()
    )
    if station is not None:
        return station.lat, station.lon, station.address or station.name
    return None


def no_place_message(text: str) -> str:
    return _("Nothing matches “%(text)s”: type a district's name, or choose it below.") % {
        "text": text.strip()
    }


# --- Open now, check-ins, phone -----------------------------------------------------------


def open_by_index(station: Station, moment: hours.Moment) -> bool:
    """Open at ``moment`` by the search index: what the list, the map and the API show."""
    return station.status == Status.RUNNING and moment.open(
        station.hours_index, station.exceptions_index
    )


def is_open_at(station: Station, moment: dt.datetime | None = None) -> bool:
    """Open at ``moment`` (default now), by the day-by-day rule in Beijing time."""
    if station.status != Status.RUNNING:
        return False
    moment = moment or timezone.now()
    return hours.is_open(hours.week_spans(station.weekly_hours), exceptions_of(station), moment)


# A second scan within this time of a visit is the same visit (服务人次 counts people who
# came, not taps): a rolling window, so 10:59 and 11:00 are one visit, not two.
VISIT_GAP = dt.timedelta(minutes=60)


@write_service
def check_in(user: User, station: Station, token: str, *, at: dt.datetime | None = None):
    """Record a visit from the station's current QR code (``checkin_codes``: a code that
    changes, so a photo of it does not count as a visit later). Returns (check-in,
    created): a scan within ``VISIT_GAP`` of this person's visit there returns that visit."""
    at = at or timezone.now()
    checkin_codes.check(station, token, at)
    if station.status != Status.RUNNING:
        raise ServiceError(_("This station is not open for visits."), code="not_running")
    hour = CheckIn.hour_of(at)
    # One scan of this person's at a time, so the look-up below sees every visit before it
    # (SQLite's IMMEDIATE transactions already serialise writers).
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    recent = (
        CheckIn.objects.filter(
            station=station,
            user=user,
            hour__in=(hour - 1, hour, hour + 1),  # the unique index finds them
            at__gt=at - VISIT_GAP,
            at__lt=at + VISIT_GAP,
        )
        .order_by("at")
        .first()
    )
    if recent is not None:
        return recent, False
    # Visits are at least VISIT_GAP apart, so never two in one clock hour: the unique
    # constraint on the hour is the last line of defence.
    try:
        with transaction.atomic():
            return CheckIn.objects.create(station=station, user=user, at=at, hour=hour), True
    except IntegrityError:
        return CheckIn.objects.get(station=station, user=user, hour=hour), False


@write_service
def reveal_phone(user: Person | None, station: Station) -> str:
    """The manager's full number for a logged-in person; every reveal is logged."""
    if not isinstance(user, User):  # a visitor, or nobody
        raise NotAllowed(_("Log in to see the phone number."))
    PhoneReveal.objects.create(station=station, user=user)
    record(
        user,
        Action.REVEAL,
        subject=station.manager.user if station.manager is not None else None,
        org=station.org,
        target=f"stations.station:{station.pk}",
        detail=_("the manager's phone number"),
    )
    return station.manager_phone
