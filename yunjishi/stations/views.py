"""The worker's station pages: find the nearest open stations (a list, and a map: on tiles
when they are configured, else on a plain background), a station's page with its hours and
a navigation link, the logged phone reveal, check-in by QR, and activities (preview,
one-tap sign-up, attendance by QR)."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yunjishi.core.errors import ServiceError
from yunjishi.core.masking import mask_phone
from yunjishi.core.views import message_of

from . import activities, checkin_codes, exports, geo, hours, search, services
from .forms import DAYS, FindForm, SignUpForm
from .models import PUBLIC_STATUSES, Activity, Station, Status


def tile_settings() -> dict:
    """The map tiles (settings from the environment, see README): a URL template (empty:
    no tiles, the map shows the stations on a plain background), whether they are in
    GCJ-02 (高德/腾讯 tiles) and their credit."""
    return {
        "url": settings.STATIONS_TILE_URL,
        # No tiles, nothing to line up with: the plain map keeps WGS-84 as stored.
        "gcj02": bool(settings.STATIONS_TILE_URL) and settings.STATIONS_TILE_GCJ02,
        "attribution": settings.STATIONS_TILE_ATTRIBUTION,
    }


def found_stations(form: FindForm, k: int = 10) -> list[dict] | None:
    """The search behind the list and the map; None until a position is known."""
    if not form.is_valid():
        return None
    position = form.position()
    if position is None:
        return None
    mask = services.service_mask(form.cleaned_data.get("services") or [])
    open_only = form.cleaned_data.get("open_now", False)
    now = timezone.now()
    hits = search.nearest(*position, at=now, mask=mask, k=k, open_only=open_only)
    by_id = Station.objects.in_bulk([h.station_id for h in hits])
    services.with_services(by_id.values())
    moment = hours.Moment(now)
    return [card(by_id[h.station_id], h.distance_m, moment) for h in hits if h.station_id in by_id]


def card(station: Station, distance_m: float | None, moment: hours.Moment) -> dict:
    return {
        "station": station,
        "distance": geo.format_distance(distance_m) if distance_m is not None else "",
        "distance_m": distance_m,
        "open": services.open_by_index(station, moment),
        "amap": geo.amap_url(station.lat, station.lon, station.name),
        "baidu": geo.baidu_url(station.lat, station.lon, station.name),
    }


def _find_form(request) -> FindForm:
    data = request.GET.copy()
    if "open_now" not in data and not data.get("searched"):
        data["open_now"] = "on"  # the first visit: open now, by default
    return FindForm(data)


def home(request):
    form = _find_form(request)
    results = found_stations(form)
    return render(
        request,
        "stations/home.html",
        {
            "form": form,
            "results": results,
            "query": request.GET.urlencode(),
        },
    )


def map_view(request):
    form = _find_form(request)
    results = found_stations(form, k=20) or []
    tiles = tile_settings()
    points = []
    for row in results:
        station = row["station"]
        lat, lon = station.lat, station.lon
        if tiles["gcj02"]:
            lat, lon = geo.wgs84_to_gcj02(lat, lon)
        points.append(
            {
                "lat": lat,
                "lon": lon,
                "name": station.name,
                "url": station_url(station),
                "open": row["open"],
                "distance": row["distance"],
            }
        )
    centre = form.position() if form.is_valid() else None
    if centre and tiles["gcj02"]:
        centre = geo.wgs84_to_gcj02(*centre)
    return render(
        request,
        "stations/map.html",
        {
            "form": form,
            "results": results,
            "tiles": tiles,
            "points": points,
            "centre": list(centre) if centre else None,
            "query": request.GET.urlencode(),
        },
    )


def station_url(station: Station) -> str:
    return reverse("stations:detail", args=[station.pk])


def _public(pk) -> Station:
    return get_object_or_404(
        Station.objects.select_related("district", "org"), pk=pk, status__in=PUBLIC_STATUSES
    )


def week_rows(station: Station) -> list[dict]:
    today = timezone.localdate().weekday()
    return [
        {"label": label, "hours": text, "today": n == today}
        for n, ((_code, label), text) in enumerate(zip(DAYS, station.weekly_hours, strict=True))
    ]


def detail(request, pk):
    station = _public(pk)
    moment = hours.Moment(timezone.now())
    today = timezone.localdate()
    return render(
        request,
        "stations/detail.html",
        {
            "station": station,
            "row": card(station, None, moment),
            "week": week_rows(station),
            "exceptions": station.exceptions.filter(
                date__gte=today, date__lte=today + dt.timedelta(days=30)
            ),
            "masked_phone": mask_phone(station.manager_phone),
            "activities": activities.upcoming(station)[:10]
            if station.status == Status.RUNNING
            else [],
            "can_edit": request.user.is_authenticated and services.can_edit(request.user, station),
        },
    )


@require_POST
def reveal_phone(request, pk):
    """Tapped "show number": the full number, logged (PIPL)."""
    station = _public(pk)
    if not request.user.is_authenticated:
        text = _("Log in to see the phone number.")
        return HttpResponse(f'<span class="muted" id="manager-phone">{text}</span>', status=403)
    phone = services.reveal_phone(request.user, station)
    return render(request, "stations/_phone.html", {"phone": phone})


@login_required
def check_in(request, code):
    station = get_object_or_404(Station, code=code, status__in=PUBLIC_STATUSES)
    token = request.POST.get("t") or request.GET.get("t", "")
    done, refused = None, False
    try:
        if request.method == "POST":
            visit, created = services.check_in(request.user, station, token)
            done = {"visit": visit, "created": created}
        else:  # say at once that an old code is old, before anyone taps
            checkin_codes.check(station, token, timezone.now())
    except ServiceError as error:
        messages.error(request, message_of(error))
        refused = True
    return render(
        request,
        "stations/checkin.html",
        {"station": station, "token": token, "done": done, "refused": refused},
    )


def activity_detail(request, pk):
    """一键预览: what, where, when and the places left."""
    activity = get_object_or_404(
        Activity.objects.select_related("station", "pool"),
        pk=pk,
        station__status__in=PUBLIC_STATUSES,
    )
    slot = activities.slot_of(activity)
    return render(
        request,
        "stations/activity.html",
        {
            "activity": activity,
            "slot": slot,
            "mine": activities.my_booking(request.user, activity),
            "form": SignUpForm(),
        },
    )


@require_POST
@login_required
def activity_sign_up(request, pk):
    activity = get_object_or_404(Activity.objects.select_related("station"), pk=pk)
    form = SignUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form expired; tap again."))
        return redirect("stations:activity", pk=pk)
    try:
        _booking, created = activities.sign_up(
            request.user, activity, idempotency_key=form.idempotency_key
        )
    except (ServiceError, ValidationError) as error:
        messages.error(request, message_of(error))
    else:
        if created:
            messages.success(request, _("Signed up. See you there!"))
        else:
            messages.info(request, _("You had already signed up."))
    return redirect("stations:activity", pk=pk)


@require_POST
@login_required
def activity_cancel(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    if activities.cancel_sign_up(request.user, activity):
        messages.success(request, _("Your sign-up is cancelled and the place is free again."))
    return redirect("stations:activity", pk=pk)


@login_required
def activity_attend(request, pk):
    """一键参与: the page the activity's QR code opens."""
    activity = get_object_or_404(Activity.objects.select_related("station"), pk=pk)
    token = request.POST.get("t") or request.GET.get("t", "")
    done = None
    if request.method == "POST":
        try:
            attendance, created = activities.attend(request.user, activity, token)
        except ServiceError as error:
            messages.error(request, message_of(error))
        else:
            done = {"attendance": attendance, "created": created}
    return render(
        request, "stations/attend.html", {"activity": activity, "token": token, "done": done}
    )


def export_geojson(request):
    """Running stations as GeoJSON, for other map apps: streamed, feature by feature."""
    return geojson_response(Station.objects.running())


def geojson_response(stations) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        exports.geojson_chunks(stations), content_type="application/geo+json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="stations.geojson"'
    return response
