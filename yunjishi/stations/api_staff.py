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
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status as HttpStatus

from yunjishi.core.fields import Date, IdParam
from yunjishi.core.validators import Paging
from yunjishi.orgs.models import Org
from yunjishi.people.scope import is_staff_member, orgs_in_scope

from . import activities, evaluation, import_jobs, services, stats
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    Activity,
    District,
    EvaluationSheet,
    Station,
)
from .schemas import (
    ActivityIn,
    ActivityOut,
    CancelIn,
    CancelOut,
    ChecklistIn,
    CheckOut,
    EvaluationIn,
    EvaluationOut,
    ExceptionIn,
    ImportJobOut,
    OrgCountOut,
    PhoneOut,
    RankedOut,
    SheetIn,
    SheetOut,
    StaffFilters,
    StaffStationDetailOut,
    StaffStationOut,
    StationCreateIn,
    StationPatchIn,
    StatusIn,
)

router = Router(tags=["stations staff"])


def _staff(request):
    user = request.auth
    if not (is_staff_member(user) or services.manages_a_station(user)):
        raise PermissionDenied
    return user


def _station(request, pk: IdParam) -> Station:
    return get_object_or_404(Station.objects.visible_to(_staff(request)), pk=pk)


def _org(request, pk: IdParam) -> Org:
    return get_object_or_404(orgs_in_scope(_staff(request)), pk=pk)


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
    return registry_response(request, user, stations, format)


@router.post("/stations", response={201: StaffStationDetailOut}, summary="Register a station")
def station_create(request, payload: StationCreateIn):
    org = _org(request, payload.org_id)
    district = None
    if payload.district_code:
        district = get_object_or_404(District, code=payload.district_code)
    data = payload.model_dump(exclude={"org_id", "district_code"})
    return HttpStatus(201, services.create_station(request.auth, org, data, district=district))


@router.get("/stations/{pk}", response=StaffStationDetailOut, summary="A station, in full")
def station_detail(request, pk: IdParam):
    return _station(request, pk)


@router.patch("/stations/{pk}", response=StaffStationDetailOut, summary="Change a station")
def station_update(request, pk: IdParam, payload: StationPatchIn):
    station = _station(request, pk)
    data = payload.model_dump(exclude_unset=True)
    return services.update_station(request.auth, station, data)


@router.post(
    "/stations/{pk}/phone", response=PhoneOut, summary="The manager's full number (logged)"
)
def station_phone(request, pk: IdParam):
    return {"phone": services.reveal_phone(request.auth, _station(request, pk))}


@router.post("/stations/{pk}/status", response=StaffStationDetailOut, summary="Lifecycle move")
def station_status(request, pk: IdParam, payload: StatusIn):
    station = _station(request, pk)
    return services.change_status(
        request.auth, station, payload.to, reason=payload.reason, effective_on=payload.effective_on
    )


@router.post("/stations/{pk}/checks", response=CheckOut, summary="Check a 六有 item")
def station_check(request, pk: IdParam, payload: ChecklistIn):
    station = _station(request, pk)
    return services.check_item(
        request.auth, station, payload.item, ok=payload.ok, note=payload.note
    )


@router.put("/stations/{pk}/exceptions/{date}", response={204: None}, summary="Hours on one date")
def station_exception(request, pk: IdParam, date: Date, payload: ExceptionIn):
    station = _station(request, pk)
    services.set_exception(request.auth, station, date, payload.hours, payload.note)
    return HttpStatus(204, None)


@router.delete("/stations/{pk}/exceptions/{date}", response={204: None})
def station_exception_delete(request, pk: IdParam, date: Date):
    services.remove_exception(request.auth, _station(request, pk), date)
    return HttpStatus(204, None)


@router.post("/stations/{pk}/evaluations", response=EvaluationOut, summary="Evaluate a year")
def station_evaluate(request, pk: IdParam, payload: EvaluationIn):
    station = _station(request, pk)
    return evaluation.evaluate(
        request.auth, station, payload.year, payload.scores, note=payload.note
    )


@router.post(
    "/stations/{pk}/activities", response={201: ActivityOut}, summary="Publish an activity"
)
def station_activity(request, pk: IdParam, payload: ActivityIn):
    station = _station(request, pk)
    return HttpStatus(
        201, activities.create_activity(request.auth, station, **payload.model_dump())
    )


@router.post(
    "/activities/{pk}/cancel",
    response=CancelOut,
    summary="Call an activity off: places given back, those who signed up told",
)
def activity_cancel(request, pk: IdParam, payload: CancelIn):
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
def ranking(request, org_id: IdParam, year: int = Query(..., ge=FIRST_YEAR, le=LAST_YEAR)):
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
def checkins(request, org_id: IdParam, days: int = Query(30, ge=1, le=366)):
    org = _org(request, org_id)
    until = timezone.now()
    return [
        {"org_id": r.org.pk, "org_name": r.org.name, "stations": r.stations, "visits": r.visits}
        for r in stats.org_counts(org, until - dt.timedelta(days=days), until)
    ]


@router.post(
    "/import",
    response={202: ImportJobOut},
    summary=(
        "Upload a stations file (.xlsx or .csv, at most 5 MB and 20 000 rows): it is checked "
        "and imported in the background, all rows or none; follow GET /import/jobs/{id}"
    ),
)
def import_file(request, file: File[UploadedFile], org_id: Form[IdParam | None] = None):
    user = _staff(request)
    if not is_staff_member(user, services.EDIT_ROLES):
        raise PermissionDenied
    default_org = _org(request, org_id) if org_id is not None else None
    job = import_jobs.start(user, file, file.name or "", default_org)
    job.refresh_from_db()  # a worker in the same process (tests, HUEY_IMMEDIATE) is done
    return HttpStatus(202, job)


@router.get("/import/jobs", response=list[ImportJobOut], summary="Imports I may follow")
@paginate(Paging)
def import_job_list(request):
    return import_jobs.visible(_staff(request))


@router.get(
    "/import/jobs/{pk}",
    response=ImportJobOut,
    summary="An import's progress, then its result or its rows' problems",
)
def import_job(request, pk: IdParam):
    return get_object_or_404(import_jobs.visible(_staff(request)), pk=pk)
