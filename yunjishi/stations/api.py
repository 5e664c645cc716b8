"""Stations over the API (/api/stations/): the public search, station pages and activities;
a worker's check-in, sign-up, attendance and the logged phone reveal; the staff side is in
``api_staff``. Handlers only translate; refusals become ``{"code", "message", "fields"}``.

Phones are masked everywhere except in the reply to ``POST /{id}/phone``, which is logged.
"""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Header, Query, Router
from ninja.pagination import paginate
from ninja.responses import Status as HttpStatus

from yunjishi.booking.services import IDEMPOTENCY_KEY_RULE
from yunjishi.core.fields import IdParam, Line
from yunjishi.core.validators import Paging

from . import activities, search, services
from .api_staff import router as staff_router
from .models import PUBLIC_STATUSES, Activity, District, Service, Station, Status
from .schemas import (
    ActivityOut,
    AttendIn,
    AttendOut,
    CheckInIn,
    CheckInOut,
    DistrictOut,
    HitOut,
    NearestIn,
    PhoneOut,
    ServiceOut,
    SignUpOut,
    StationDetailOut,
)

router = Router(tags=["stations"])
router.add_router("/staff", staff_router)


# --- Public -------------------------------------------------------------------------------


@router.get("/services", response=list[ServiceOut], auth=None, summary="The free services")
def service_list(request):
    return Service.objects.filter(is_active=True)


@router.get("/districts", response=list[DistrictOut], auth=None, summary="Districts to choose")
def district_list(request):
    return District.objects.all()


@router.get(
    "/nearest",
    response=list[HitOut],
    auth=None,
    summary="The k nearest running stations, open at a moment, offering the services",
)
def nearest(request, params: Query[NearestIn]):
    if params.lat is not None and params.lon is not None:
        lat, lon = params.lat, params.lon
    elif params.district:
        found = District.objects.filter(code=params.district).first()
        if found is None:
            raise ValidationError({"district": [_("Unknown district code.")]})
        lat, lon = found.lat, found.lon
    elif params.place.strip():
        place = services.find_place(params.place)
        if place is None:
            raise ValidationError({"place": [services.no_place_message(params.place)]})
        lat, lon, _label = place
    else:
        raise ValidationError({"lat": [_("Give lat and lon, or a district.")]})
    mask = services.mask_for_codes(params.services.replace("，", ",").split(","))
    hits = search.nearest(lat, lon, at=params.at, mask=mask, k=params.k, open_only=params.open_only)
    by_id = Station.objects.in_bulk([h.station_id for h in hits])
    services.with_services(by_id.values())
    return [{"distance_m": round(h.distance_m, 1), "station": by_id[h.station_id]} for h in hits]


@router.get("/stations/{pk}", response=StationDetailOut, auth=None, summary="A station")
def station_detail(request, pk: IdParam):
    return get_object_or_404(
        Station.objects.select_related("district"), pk=pk, status__in=PUBLIC_STATUSES
    )


@router.get("/export.geojson", auth=None, summary="Running stations as a GeoJSON FeatureCollection")
def export_geojson(request):
    from .views import geojson_response

    return geojson_response(Station.objects.running())


@router.get("/stations/{pk}/activities", response=list[ActivityOut], auth=None, summary="Upcoming")
def station_activities(request, pk: IdParam):
    station = get_object_or_404(Station, pk=pk, status__in=PUBLIC_STATUSES)
    return activities.upcoming(station)


@router.get("/activities/{pk}", response=ActivityOut, auth=None, summary="一键预览: an activity")
def activity_detail(request, pk: IdParam):
    return get_object_or_404(
        Activity.objects.select_related("station"), pk=pk, station__status__in=PUBLIC_STATUSES
    )


# --- Logged-in workers --------------------------------------------------------------------


@router.post(
    "/stations/{pk}/phone", response=PhoneOut, summary="The manager's full number (logged)"
)
def reveal_phone(request, pk: IdParam):
    station = get_object_or_404(Station, pk=pk, status__in=PUBLIC_STATUSES)
    return {"phone": services.reveal_phone(request.auth, station)}


@router.post(
    "/stations/{pk}/checkins",
    response={200: CheckInOut, 201: CheckInOut},
    summary="Check in with the token of the station's QR code; one visit per 60 minutes",
    description=(
        "The token is the `t` of the code the station shows now: a screen's code changes "
        "every STATIONS_CHECKIN_CODE_MINUTES (the one before is still taken), a printed "
        "code is good on its date only. An old code answers 403 with code `expired`, "
        "any other wrong one 403 `forbidden`; neither records a visit."
    ),
)
def check_in(request, pk: IdParam, payload: CheckInIn):
    station = get_object_or_404(Station, pk=pk, status__in=PUBLIC_STATUSES)
    visit, created = services.check_in(request.auth, station, payload.token)
    return HttpStatus(
        201 if created else 200, {"station_id": station.pk, "at": visit.at, "created": created}
    )


@router.post(
    "/activities/{pk}/sign-up",
    response={200: SignUpOut, 201: SignUpOut},
    summary="一键报名 (201); the same Idempotency-Key returns the first sign-up (200)",
    description=IDEMPOTENCY_KEY_RULE,
)
def sign_up(
    request,
    pk: IdParam,
    idempotency_key: Annotated[str, Line(64)] = Header("", alias="Idempotency-Key"),
):
    activity = get_object_or_404(Activity, pk=pk, station__status=Status.RUNNING)
    key = (idempotency_key or "").strip()
    if len(key) > 64:
        raise ValidationError({"Idempotency-Key": [_("The idempotency key is too long.")]})
    booking, created = activities.sign_up(
        request.auth, activity, idempotency_key=f"api:{key}" if key else None
    )
    return HttpStatus(201 if created else 200, {"booking_id": booking.pk, "status": booking.status})


@router.post("/activities/{pk}/cancel", response={204: None}, summary="Give the place back")
def cancel(request, pk: IdParam):
    activity = get_object_or_404(Activity, pk=pk)
    activities.cancel_sign_up(request.auth, activity)
    return HttpStatus(204, None)


@router.post(
    "/activities/{pk}/attend",
    response={200: AttendOut, 201: AttendOut},
    summary="一键参与: attendance with the token of the activity's QR code",
)
def attend(request, pk: IdParam, payload: AttendIn):
    activity = get_object_or_404(Activity, pk=pk)
    attendance, created = activities.attend(request.auth, activity, payload.token)
    return HttpStatus(
        201 if created else 200,
        {"activity_id": activity.pk, "at": attendance.at, "created": created},
    )


@router.get("/my/activities", response=list[ActivityOut], summary="Activities I signed up for")
@paginate(Paging)
def my_activities(request):
    pools = request.auth.bookings.exclude(status="cancelled").values("pool_id")
    return (
        Activity.objects.filter(pool_id__in=pools)
        .select_related("station", "pool")
        .prefetch_related("pool__slots")
    )
