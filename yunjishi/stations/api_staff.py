"""The staff side of stations over the API (/api/stations/staff/): the registry, the
lifecycle, the 六有 checklist, special days, evaluation and ranking, visit counts, the
import and activities. A station outside the caller's scope is 404; the rules are in
``services``, ``evaluation``, ``activities`` and ``imports``. The manager's phone is
masked for those who may not edit the station, unless they ask for it (logged)."""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import ngettext
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status as HttpStatus

from yunjishi.core.masking import mask_phone
from yunjishi.core.validators import Paging
from yunjishi.orgs.models import Org
from yunjishi.people.scope import is_staff_member, orgs_in_scope

from . import activities, evaluation, imports, services, stats
from .api import ActivityOut, PhoneOut
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    Activity,
    ChecklistItem,
    CoBuilderKind,
    District,
    EvaluationSheet,
    Station,
    StationType,
    Status,
    default_funding,
    default_thresholds,
)

router = Router(tags=["stations staff"])


def _staff(request):
    user = request.auth
    if not (is_staff_member(user) or services.manages_a_station(user)):
        raise PermissionDenied
    return user


def _station(request, pk: int) -> Station:
    return get_object_or_404(Station.objects.visible_to(_staff(request)), pk=pk)


def _org(request, pk: int) -> Org:
    return get_object_or_404(orgs_in_scope(_staff(request)), pk=pk)


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
    checkin_token: str
    checks: list[CheckOut]
    events: list[StationEventOut]

    @staticmethod
    def resolve_district_code(obj) -> str:
        return obj.district.code

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


class ImportOut(Schema):
    created: int
    errors: list[RowErrorOut]


class ImportRefusedOut(Schema):
    """The API's error shape, with the rows' problems: nothing was imported. A request the
    import never read (no file) answers 422 in the plain error shape, so the rows are optional."""

    code: str
    message: str
    fields: dict[str, list[str]]
    created: int = 0
    errors: list[RowErrorOut] = []


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


@router.get("/stations", response=list[StaffStationOut], summary="Stations in my scope")
@paginate(Paging)
def station_list(request, filters: Query[StaffFilters]):
    found = services.staff_stations(
        _staff(request), filters.status or "", filters.q, filters.missing
    )
    return found.select_related("org").prefetch_related("checks")


@router.get(
    "/export",
    summary="My stations (same filters) in the import's columns, as .xlsx or CSV",
)
def export(request, filters: Query[StaffFilters], format: Literal["xlsx", "csv"] = "xlsx"):
    from .staff_views import registry_response

    user = _staff(request)
    stations = services.staff_stations(user, filters.status or "", filters.q, filters.missing)
    return registry_response(user, stations, format)


@router.post("/stations", response={201: StaffStationDetailOut}, summary="Register a station")
def station_create(request, payload: StationCreateIn):
    org = _org(request, payload.org_id)
    district = None
    if payload.district_code:
        district = get_object_or_404(District, code=payload.district_code)
    data = payload.model_dump(exclude={"org_id", "district_code"})
    return HttpStatus(201, services.create_station(request.auth, org, data, district=district))


@router.get("/stations/{pk}", response=StaffStationDetailOut, summary="A station, in full")
def station_detail(request, pk: int):
    return _station(request, pk)


@router.patch("/stations/{pk}", response=StaffStationDetailOut, summary="Change a station")
def station_update(request, pk: int, payload: StationPatchIn):
    station = _station(request, pk)
    data = payload.model_dump(exclude_unset=True)
    return services.update_station(request.auth, station, data)


@router.post(
    "/stations/{pk}/phone", response=PhoneOut, summary="The manager's full number (logged)"
)
def station_phone(request, pk: int):
    return {"phone": services.reveal_phone(request.auth, _station(request, pk))}


@router.post("/stations/{pk}/status", response=StaffStationDetailOut, summary="Lifecycle move")
def station_status(request, pk: int, payload: StatusIn):
    station = _station(request, pk)
    return services.change_status(
        request.auth, station, payload.to, reason=payload.reason, effective_on=payload.effective_on
    )


@router.post("/stations/{pk}/checks", response=CheckOut, summary="Check a 六有 item")
def station_check(request, pk: int, payload: ChecklistIn):
    station = _station(request, pk)
    return services.check_item(
        request.auth, station, payload.item, ok=payload.ok, note=payload.note
    )


@router.put("/stations/{pk}/exceptions/{date}", response={204: None}, summary="Hours on one date")
def station_exception(request, pk: int, date: dt.date, payload: ExceptionIn):
    station = _station(request, pk)
    services.set_exception(request.auth, station, date, payload.hours, payload.note)
    return HttpStatus(204, None)


@router.delete("/stations/{pk}/exceptions/{date}", response={204: None})
def station_exception_delete(request, pk: int, date: dt.date):
    services.remove_exception(request.auth, _station(request, pk), date)
    return HttpStatus(204, None)


@router.post("/stations/{pk}/evaluations", response=EvaluationOut, summary="Evaluate a year")
def station_evaluate(request, pk: int, payload: EvaluationIn):
    station = _station(request, pk)
    return evaluation.evaluate(
        request.auth, station, payload.year, payload.scores, note=payload.note
    )


@router.post(
    "/stations/{pk}/activities", response={201: ActivityOut}, summary="Publish an activity"
)
def station_activity(request, pk: int, payload: ActivityIn):
    station = _station(request, pk)
    return HttpStatus(
        201, activities.create_activity(request.auth, station, **payload.model_dump())
    )


@router.post(
    "/activities/{pk}/cancel",
    response=CancelOut,
    summary="Call an activity off: places given back, those who signed up told",
)
def activity_cancel(request, pk: int, payload: CancelIn):
    activity = get_object_or_404(
        Activity.objects.visible_to(_staff(request)).select_related("station"), pk=pk
    )
    released = activities.cancel_activity(request.auth, activity, payload.reason)
    return {"activity_id": activity.pk, "released": released}


@router.get("/sheets", response=list[SheetOut], summary="Evaluation sheets in my scope")
def sheet_list(request):
    return EvaluationSheet.objects.visible_to(_staff(request)).prefetch_related("aspects")[:200]


@router.post("/sheets", response={201: SheetOut}, summary="A union's evaluation sheet for a year")
def sheet_create(request, payload: SheetIn):
    org = _org(request, payload.org_id)
    sheet = evaluation.create_sheet(
        request.auth,
        org,
        payload.year,
        title=payload.title,
        aspects=[(a.name, a.max_score) for a in payload.aspects],
        thresholds=payload.star_thresholds,
        funding_fen=payload.funding_fen,
    )
    return HttpStatus(201, sheet)


@router.get("/ranking", response=list[RankedOut], summary="Evaluation ranking in a subtree")
def ranking(request, org_id: int, year: int = Query(..., ge=FIRST_YEAR, le=LAST_YEAR)):
    org = _org(request, org_id)
    return [
        {
            "rank": row.rank,
            "station_id": row.evaluation.station_id,
            "code": row.evaluation.station.code,
            "name": row.evaluation.station.name,
            "total": row.evaluation.total,
            "stars": row.evaluation.stars,
            "funding_fen": row.evaluation.funding_fen,
        }
        for row in evaluation.ranking(org, year)
    ]


@router.get("/checkins", response=list[OrgCountOut], summary="Visits per union (days back)")
def checkins(request, org_id: int, days: int = Query(30, ge=1, le=366)):
    org = _org(request, org_id)
    until = timezone.now()
    return [
        {"org_id": r.org.pk, "org_name": r.org.name, "stations": r.stations, "visits": r.visits}
        for r in stats.org_counts(org, until - dt.timedelta(days=days), until)
    ]


@router.post(
    "/import",
    response={200: ImportOut, 422: ImportRefusedOut},
    summary=(
        "Import .xlsx or .csv: all rows, or none when any row has an error (422) or a code "
        "in the file was taken meanwhile (409, code_taken)"
    ),
)
def import_file(request, file: File[UploadedFile], org_id: Form[int | None] = None):
    user = _staff(request)
    if not is_staff_member(user, services.EDIT_ROLES):
        raise PermissionDenied
    default_org = _org(request, org_id) if org_id is not None else None
    result = imports.import_file(user, file, file.name or "", default_org)
    if result.ok:
        return {"created": result.created, "errors": []}
    n = len(result.errors)
    message = ngettext(
        "%(n)s problem found; nothing was imported.",
        "%(n)s problems found; nothing was imported.",
        n,
    ) % {"n": n}
    body = {"code": "import_refused", "message": message, "fields": {}, "errors": result.errors}
    return HttpStatus(422, body)
