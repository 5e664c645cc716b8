"""What the stations API reads and writes, for the public side (``api``) and the staff side
(``api_staff``). Phones are masked in every answer but the logged reveal (``PhoneOut``)."""

import datetime as dt

from django.utils import timezone
from ninja import Field, Schema

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
    district: str = Field("", max_length=6, description="A district code instead of lat/lon")
    place: str = Field(
        "", max_length=50, description="Or a district's name, a station's name or address"
    )
    services: str = Field("", max_length=300, description="Service codes or names, comma-separated")
    at: dt.datetime | None = Field(None, description="The moment (default now)")
    open_only: bool = True
    k: int = Field(10, ge=1, le=search.K_MAX)


class PhoneOut(Schema):
    phone: str


class CheckInIn(Schema):
    token: str = Field(..., max_length=64)


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
    token: str = Field(..., max_length=64)


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


class StationIn(Schema):
    name: str = Field(..., max_length=100)
    station_type: StationType = StationType.UNION
    co_builder: str = Field("", max_length=100)
    co_builder_kind: CoBuilderKind = CoBuilderKind.NONE
    address: str = Field(..., max_length=200)
    lat: float
    lon: float
    weekly_hours: list[str] = Field(..., min_length=7, max_length=7)
    services: list[str] = Field([], max_length=63)
    facilities: list[str] = Field([], max_length=50)
    description: str = Field("", max_length=2000)
    manager_name: str = Field("", max_length=50)
    manager_phone: str = Field("", max_length=20)


class StationCreateIn(StationIn):
    org_id: int
    district_code: str = Field("", max_length=6)


class StationPatchIn(Schema):
    name: str | None = Field(None, max_length=100)
    station_type: StationType | None = None
    co_builder: str | None = Field(None, max_length=100)
    co_builder_kind: CoBuilderKind | None = None
    address: str | None = Field(None, max_length=200)
    lat: float | None = None
    lon: float | None = None
    weekly_hours: list[str] | None = Field(None, min_length=7, max_length=7)
    services: list[str] | None = Field(None, max_length=63)
    facilities: list[str] | None = Field(None, max_length=50)
    description: str | None = Field(None, max_length=2000)
    manager_name: str | None = Field(None, max_length=50)
    manager_phone: str | None = Field(None, max_length=20)


class StatusIn(Schema):
    to: Status
    reason: str = Field("", max_length=300)
    effective_on: dt.date | None = None


class ChecklistIn(Schema):
    item: ChecklistItem
    ok: bool = True
    note: str = Field("", max_length=200)


class ExceptionIn(Schema):
    hours: str = Field("", max_length=100, description="Empty: closed all day")
    note: str = Field("", max_length=100)


class EvaluationIn(Schema):
    year: int = Field(..., ge=FIRST_YEAR, le=LAST_YEAR)
    scores: dict[str, int] = Field(..., description="Aspect name (or id) → score")
    note: str = Field("", max_length=300)


class EvaluationOut(Schema):
    station_id: int
    year: int
    total: int
    stars: int
    funding_fen: int


class AspectIn(Schema):
    name: str = Field(..., max_length=50)
    max_score: int = Field(..., ge=1, le=evaluation.MAX_ASPECT_SCORE)


class SheetIn(Schema):
    org_id: int
    year: int = Field(..., ge=FIRST_YEAR, le=LAST_YEAR)
    title: str = Field("", max_length=100)
    aspects: list[AspectIn] = Field(
        [], max_length=30, description="Empty: the nine aspects of evaluation.DEFAULT_ASPECTS"
    )
    star_thresholds: list[int] = Field(
        default_factory=default_thresholds,
        description="The least total for 1, 2, 3, 4 and 5 stars",
    )
    funding_fen: list[int] = Field(
        default_factory=default_funding, description="Funding for 1 to 5 stars, in fen"
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
    title: str = Field(..., max_length=100)
    description: str = Field("", max_length=2000)
    starts_at: dt.datetime
    ends_at: dt.datetime
    places: int = Field(..., ge=1, le=10000)


class CancelIn(Schema):
    reason: str = Field("", max_length=300, description="Told to those who had signed up")


class CancelOut(Schema):
    activity_id: int
    released: int


class StaffFilters(Schema):
    status: Status | None = None
    missing: bool = False
    q: str = Field("", max_length=50)
