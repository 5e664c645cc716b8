"""What the stations API reads and writes, for the public side (``api``) and the staff side
(``api_staff``). Phones are masked in every answer but the logged reveal (``PhoneOut``)."""

import datetime as dt
from typing import Annotated

from django.utils import timezone
from ninja import Field, Schema

from yunjishi.core.fields import MAX_INT, Bool, Count, Date, DateTime, Id, Line, Number, Text
from yunjishi.core.masking import mask_phone

from . import activities, checkin_codes, evaluation, geo, hours, search, services
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    ChecklistItem,
    CoBuilderKind,
    ImportStatus,
    StationType,
    Status,
    default_funding,
    default_thresholds,
)

# --- Public -------------------------------------------------------------------------------


def _now(request) -> hours.Moment:
    """The moment of the request: every station of a list is open or not at the same one."""
    if not hasattr(request, "stations_now"):
        request.stations_now = hours.Moment(timezone.now())
    return request.stations_now


class ServiceOut(Schema):
    code: str
    name: str


class DistrictOut(Schema):
    id: int
    code: str
    name: str
    city: str
    province: str
    lat: float
    lon: float


class StationOut(Schema):
    id: int
    code: str
    name: str
    type: str
    type_label: str
    status: str
    address: str
    lat: float
    lon: float
    services: list[ServiceOut]
    open_now: bool
    amap_url: str
    baidu_url: str

    @staticmethod
    def resolve_type(obj) -> str:
        return obj.station_type

    @staticmethod
    def resolve_type_label(obj) -> str:
        return str(obj.get_station_type_display())

    @staticmethod
    def resolve_services(obj) -> list:
        return obj.service_list

    @staticmethod
    def resolve_open_now(obj, context) -> bool:
        return services.open_by_index(obj, _now(context["request"]))

    @staticmethod
    def resolve_amap_url(obj) -> str:
        return geo.amap_url(obj.lat, obj.lon, obj.name)

    @staticmethod
    def resolve_baidu_url(obj) -> str:
        return geo.baidu_url(obj.lat, obj.lon, obj.name)


class HoursExceptionOut(Schema):
    date: dt.date
    hours: str
    note: str


class StationDetailOut(StationOut):
    co_builder: str
    co_builder_kind: str
    district: str
    weekly_hours: list[str]
    exceptions: list[HoursExceptionOut]
    facilities: list[str]
    description: str
    manager_name: str
    manager_phone_masked: str
    status_reason: str
    status_since: dt.date | None

    @staticmethod
    def resolve_district(obj) -> str:
        return str(obj.district)

    @staticmethod
    def resolve_exceptions(obj) -> list:
        return list(obj.exceptions.filter(date__gte=timezone.localdate()))

    @staticmethod
    def resolve_manager_phone_masked(obj) -> str:
        return mask_phone(obj.manager_phone)


class HitOut(Schema):
    distance_m: float
    station: StationOut


class NearestIn(Schema):
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    district: Annotated[str, Line(6)] = Field("", description="A district code instead of lat/lon")
    place: Annotated[str, Line(50)] = Field(
        "", description="Or a district's name, a station's name or address"
    )
    services: Annotated[str, Line(300)] = Field(
        "", description="Service codes or names, comma-separated"
    )
    at: DateTime | None = Field(None, description="The moment (default now)")
    open_only: bool = True
    k: int = Field(10, ge=1, le=search.K_MAX)


class PhoneOut(Schema):
    phone: str


class CheckInIn(Schema):
    token: Annotated[str, Line(64)]


class CheckInOut(Schema):
    station_id: int
    at: dt.datetime
    created: bool


class ActivityOut(Schema):
    id: int
    title: str
    description: str
    station_id: int
    station_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    places: int
    places_left: int
    is_cancelled: bool

    @staticmethod
    def resolve_station_name(obj) -> str:
        return obj.station.name

    @staticmethod
    def resolve_places(obj) -> int:
        return activities.slot_of(obj).places

    @staticmethod
    def resolve_places_left(obj) -> int:
        return activities.slot_of(obj).places_left


class SignUpOut(Schema):
    booking_id: int
    status: str


class AttendIn(Schema):
    token: Annotated[str, Line(64)]


class AttendOut(Schema):
    activity_id: int
    at: dt.datetime
    created: bool


# --- Staff --------------------------------------------------------------------------------


class StaffStationOut(Schema):
    id: int
    code: str
    name: str
    status: str
    org_id: int
    org_name: str
    missing_items: list[str]

    @staticmethod
    def resolve_org_name(obj) -> str:
        return obj.org.name

    @staticmethod
    def resolve_missing_items(obj) -> list[str]:
        return services.missing_items(obj)


class StationEventOut(Schema):
    from_status: str
    to_status: str
    reason: str
    effective_on: dt.date
    created_at: dt.datetime


class CheckOut(Schema):
    item: str
    ok: bool
    note: str
    checked_by: str
    checked_at: dt.datetime

    @staticmethod
    def resolve_checked_by(obj) -> str:
        return str(obj.checked_by)


class StaffStationDetailOut(StaffStationOut):
    station_type: str
    co_builder: str
    co_builder_kind: str
    district_code: str
    address: str
    lat: float
    lon: float
    weekly_hours: list[str]
    services: list[str]
    facilities: list[str]
    manager_name: str
    manager_phone: str
    status_reason: str
    status_since: dt.date | None
    checkin_code: str  # the code the station's screen shows now (it changes)
    checks: list[CheckOut]
    events: list[StationEventOut]

    @staticmethod
    def resolve_district_code(obj) -> str:
        return obj.district.code

    @staticmethod
    def resolve_checkin_code(obj) -> str:
        return checkin_codes.screen_code(obj)

    @staticmethod
    def resolve_manager_phone(obj, context) -> str:
        # In full only to those who may edit the station; anyone else who needs it asks
        # POST .../phone, which is logged (PIPL).
        if services.can_edit(context["request"].auth, obj):
            return obj.manager_phone
        return mask_phone(obj.manager_phone)

    @staticmethod
    def resolve_services(obj) -> list[str]:
        return [s.code for s in obj.service_list]

    @staticmethod
    def resolve_checks(obj) -> list:
        return list(obj.checks.select_related("checked_by"))

    @staticmethod
    def resolve_events(obj) -> list:
        return list(obj.events.all())


# One day's opening hours, a service's code or name, a facility.
Hours = Annotated[str, Line(100)]
Item = Annotated[str, Line(50)]
# Latitude and longitude: finite numbers on the globe (a NaN or 1e308 is no place).
Lat = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Lon = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]


class StationIn(Schema):
    name: Annotated[str, Line(100, min_length=1)]
    station_type: StationType = StationType.UNION
    co_builder: Annotated[str, Line(100)] = ""
    co_builder_kind: CoBuilderKind = CoBuilderKind.NONE
    address: Annotated[str, Line(200)]
    lat: Lat
    lon: Lon
    weekly_hours: list[Hours] = Field(..., min_length=7, max_length=7)
    services: list[Item] = Field([], max_length=63)
    facilities: list[Item] = Field([], max_length=50)
    description: Annotated[str, Text(2000)] = ""
    manager_name: Annotated[str, Line(50)] = ""
    manager_phone: Annotated[str, Line(20)] = ""


class StationCreateIn(StationIn):
    org_id: Id
    district_code: Annotated[str, Line(6)] = ""


class StationPatchIn(Schema):
    name: Annotated[str, Line(100, min_length=1)] | None = None
    station_type: StationType | None = None
    co_builder: Annotated[str, Line(100)] | None = None
    co_builder_kind: CoBuilderKind | None = None
    address: Annotated[str, Line(200)] | None = None
    lat: Lat | None = None
    lon: Lon | None = None
    weekly_hours: list[Hours] | None = Field(None, min_length=7, max_length=7)
    services: list[Item] | None = Field(None, max_length=63)
    facilities: list[Item] | None = Field(None, max_length=50)
    description: Annotated[str, Text(2000)] | None = None
    manager_name: Annotated[str, Line(50)] | None = None
    manager_phone: Annotated[str, Line(20)] | None = None


class StatusIn(Schema):
    to: Status
    reason: Annotated[str, Text(300)] = ""
    effective_on: Date | None = None


class ChecklistIn(Schema):
    item: ChecklistItem
    ok: Bool = True
    note: Annotated[str, Line(200)] = ""


class ExceptionIn(Schema):
    hours: Hours = Field("", description="Empty: closed all day")
    note: Annotated[str, Line(100)] = ""


class EvaluationIn(Schema):
    year: Annotated[int, Number(FIRST_YEAR, LAST_YEAR)]
    scores: dict[Item, Annotated[int, Number(0, MAX_INT)]] = Field(
        ..., max_length=100, description="Aspect name (or id) → score"
    )
    note: Annotated[str, Text(300)] = ""


class EvaluationOut(Schema):
    station_id: int
    year: int
    total: int
    stars: int
    funding_fen: int


class AspectIn(Schema):
    name: Annotated[str, Line(50)]
    max_score: Annotated[int, Number(1, evaluation.MAX_ASPECT_SCORE)]


class SheetIn(Schema):
    org_id: Id
    year: Annotated[int, Number(FIRST_YEAR, LAST_YEAR)]
    title: Annotated[str, Line(100)] = ""
    aspects: list[AspectIn] = Field(
        [], max_length=30, description="Empty: the nine aspects of evaluation.DEFAULT_ASPECTS"
    )
    star_thresholds: list[Count] = Field(
        default_factory=default_thresholds,
        max_length=5,
        description="The least total for 1, 2, 3, 4 and 5 stars",
    )
    funding_fen: list[Count] = Field(
        default_factory=default_funding,
        max_length=5,
        description="Funding for 1 to 5 stars, in fen",
    )


class SheetAspectOut(Schema):
    name: str
    max_score: int


class SheetOut(Schema):
    id: int
    org_id: int
    year: int
    title: str
    aspects: list[SheetAspectOut]
    star_thresholds: list[int]
    funding_fen: list[int]

    @staticmethod
    def resolve_aspects(obj) -> list:
        return list(obj.aspects.all())


class RankedOut(Schema):
    rank: int
    station_id: int
    code: str
    name: str
    total: int
    stars: int
    funding_fen: int


class OrgCountOut(Schema):
    org_id: int
    org_name: str
    stations: int
    visits: int


class RowErrorOut(Schema):
    row: int
    column: str
    message: str


class ImportJobOut(Schema):
    """A stations file being imported in the background: its progress, then what came of
    it (``done`` with ``created``, or ``refused``/``failed`` with ``problem`` or the rows'
    ``errors``, of which there are ``error_count``; nothing is imported then)."""

    id: int
    status: ImportStatus
    filename: str
    rows: int
    checked: int
    created: int
    problem: str
    error_count: int
    errors: list[RowErrorOut]
    created_at: dt.datetime
    finished_at: dt.datetime | None


class ActivityIn(Schema):
    title: Annotated[str, Line(100)]
    description: Annotated[str, Text(2000)] = ""
    starts_at: DateTime
    ends_at: DateTime
    places: Annotated[int, Number(1, 10000)]


class CancelIn(Schema):
    reason: Annotated[str, Text(300)] = Field("", description="Told to those who had signed up")


class CancelOut(Schema):
    activity_id: int
    released: int


class StaffFilters(Schema):
    status: Status | None = None
    missing: bool = False
    q: Annotated[str, Line(50)] = ""
