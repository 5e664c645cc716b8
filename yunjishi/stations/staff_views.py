"""Staff pages for stations: the list with 六有 flags and visit counts, a station's desk
(lifecycle, checklist, special days, QR codes, activities), evaluation and ranking, visit
counts per union, and the import. Every list goes through ``visible_to``."""

import datetime as dt
import io

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from yunjishi.audit.services import Action, record
from yunjishi.core.errors import ServiceError
from yunjishi.core.fields import scrub
from yunjishi.core.spreadsheet import XLSX_CONTENT_TYPE
from yunjishi.core.views import act, errors_into, message_of
from yunjishi.orgs.models import Org
from yunjishi.people.decorators import staff_or
from yunjishi.people.scope import chosen_org, is_staff_member, orgs_in_scope, top_orgs

from . import (
    activities,
    checkin_codes,
    evaluation,
    exports,
    import_files,
    import_jobs,
    services,
    stats,
)
from .forms import (
    ActivityForm,
    ExceptionForm,
    ImportForm,
    SheetForm,
    StationEditForm,
    StatusForm,
)
from .models import Activity, ChecklistItem, EvaluationSheet, Station, Status

PER_PAGE = 50


# Union staff, or a station manager (who sees only their own stations).
staff_required = staff_or(services.manages_a_station)


def _station(request, pk) -> Station:
    return get_object_or_404(
        Station.objects.visible_to(request.user).select_related("org", "district"), pk=pk
    )


def _id(raw) -> int | None:
    """A primary key typed into a query string or form, or None."""
    text = str(raw or "").strip()
    return int(text) if text.isdigit() and len(text) <= 18 else None


def _chosen_org(request) -> Org:
    """The org asked for in ``?org=`` if the staffer works there, else their top org."""
    raw = request.GET.get("org")
    if raw and _id(raw) is None:  # not an id: say so, and show the staffer's top org
        messages.error(request, _("Choose the union from the list."))
        raw = None
    return chosen_org(request.user, raw)


def _year(request) -> int | None:
    """The year asked for (default this year); None, with a message, for a bad one."""
    raw = request.GET.get("year") or request.POST.get("year")
    if not raw:
        return timezone.localdate().year
    year = evaluation.parse_year(raw)
    if year is None:
        messages.error(request, evaluation.year_message())
    return year


def _period(request) -> tuple[dt.datetime, dt.datetime, int]:
    try:
        days = max(1, min(int(request.GET.get("days", 30)), 366))
    except ValueError:
        days = 30
    until = timezone.now()
    return until - dt.timedelta(days=days), until, days


def _filters(request) -> dict:
    return {
        "status": scrub(request.GET.get("status"), 20),
        "query": scrub(request.GET.get("q"), 50),
        "missing_only": request.GET.get("missing") == "1",
    }


@staff_required
def station_list(request):
    filters = _filters(request)
    found = services.staff_stations(request.user, **filters)
    page = Paginator(found.select_related("org").prefetch_related("checks"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    since, until, days = _period(request)
    counts = stats.station_counts([s.pk for s in page], since, until)
    labels = dict(ChecklistItem.choices)
    rows = [
        {
            "station": station,
            "missing": [labels[item] for item in services.missing_items(station)],
            "visits": counts.get(station.pk, 0),
        }
        for station in page
    ]
    return render(
        request,
        "stations/staff/list.html",
        {
            "page": page,
            "rows": rows,
            "statuses": Status.choices,
            **filters,
            "days": days,
            "can_import": is_staff_member(request.user, services.EDIT_ROLES),
            "export_query": request.GET.urlencode(),
        },
    )


@staff_required
def station_detail(request, pk):
    station = _station(request, pk)
    checks = {c.item: c for c in station.checks.select_related("checked_by")}
    today = timezone.localdate()
    return render(
        request,
        "stations/staff/detail.html",
        {
            "station": station,
            "checklist": [
                {"item": value, "label": label, "check": checks.get(value)}
                for value, label in ChecklistItem.choices
            ],
            "status_form": StatusForm(),
            "exception_form": ExceptionForm(),
            "exceptions": station.exceptions.filter(date__gte=today - dt.timedelta(days=7)),
            "events": station.events.select_related("actor"),
            "evaluations": station.evaluations.order_by("-year"),
            "activities": station.activities.order_by("-starts_at")[:20],
            "now": timezone.now(),
            "can_edit": services.can_edit(request.user, station),
            "can_move": Station.objects.managed_by(request.user, services.LIFECYCLE_ROLES)
            .filter(pk=station.pk)
            .exists(),
            "year": today.year,
        },
    )


@require_POST
@staff_required
def station_status(request, pk):
    station = _station(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new status."))
    else:
        act(
            request,
            services.change_status,
            request.user,
            station,
            form.cleaned_data["to"],
            reason=form.cleaned_data["reason"],
            effective_on=form.cleaned_data["effective_on"],
            done=_("The station's status is changed."),
        )
    return redirect("stations:staff_detail", pk=pk)


@require_POST
@staff_required
def station_check(request, pk):
    station = _station(request, pk)
    item = request.POST.get("item", "")
    ok = request.POST.get("ok") == "1"
    act(
        request,
        services.check_item,
        request.user,
        station,
        item,
        ok=ok,
        note=scrub(request.POST.get("note"), 200),
        done=_("Checked."),
    )
    return redirect("stations:staff_detail", pk=pk)


@require_POST
@staff_required
def station_exception(request, pk):
    station = _station(request, pk)
    form = ExceptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date."))
    else:
        data = form.cleaned_data
        act(
            request,
            services.set_exception,
            request.user,
            station,
            data["date"],
            data["hours"],
            data["note"],
            done=_("The special day is saved."),
        )
    return redirect("stations:staff_detail", pk=pk)


def _checkin_url(request, station: Station, code: str) -> str:
    path = reverse("stations:checkin", args=[station.code])
    return request.build_absolute_uri(f"{path}?t={code}")


def _svg(url: str) -> HttpResponse:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=2, title=url)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def _qr_data_uri(url: str) -> str:
    """A QR code as an img ``src`` (the CSP allows data: images, not inline styles)."""
    # A viewBox and no fixed size, so the page sizes it (a screen shows it large).
    return segno.make(url, error="m").svg_data_uri(border=2, title=url, omitsize=True)


@staff_required
def station_screen(request, pk):
    """The station's screen: its current check-in code, reloaded every minute (the page's
    own ``<meta http-equiv=refresh>``; no script), so a photo of it soon stops working."""
    station = _station(request, pk)
    now = timezone.now()
    url = _checkin_url(request, station, checkin_codes.screen_code(station, now))
    response = render(
        request,
        "stations/staff/screen.html",
        {
            "station": station,
            "qr": _qr_data_uri(url),
            "until": checkin_codes.screen_code_until(now),
            "refresh_seconds": min(60, checkin_codes.window_seconds()),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def station_print(request, pk):
    """A week of day codes to print, for a station without a screen (see checkin_codes)."""
    station = _station(request, pk)
    cards = []
    for day in checkin_codes.print_days():
        url = _checkin_url(request, station, checkin_codes.day_code(station, day))
        cards.append({"day": day, "qr": _qr_data_uri(url)})
    response = render(
        request, "stations/staff/print_codes.html", {"station": station, "cards": cards}
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def station_edit(request, pk):
    """Hours, services and contacts: for staff of the station's union and its manager."""
    station = _station(request, pk)
    if not services.can_edit(request.user, station):
        raise PermissionDenied
    form = StationEditForm(request.POST or None, instance=station)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_station(request.user, station, form.station_data())
        except (ServiceError, ValidationError) as error:
            form.add_error(None, message_of(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("stations:staff_detail", pk=pk)
    return render(request, "stations/staff/edit.html", {"station": station, "form": form})


@staff_required
def activity_qr(request, pk):
    activity = get_object_or_404(Activity.objects.visible_to(request.user), pk=pk)
    path = reverse("stations:activity_attend", args=[activity.pk])
    return _svg(request.build_absolute_uri(f"{path}?t={activity.attend_token}"))


@staff_required
def activity_create(request, pk):
    station = _station(request, pk)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = activities.create_activity(
                request.user,
                station,
                title=data["title"],
                description=data["description"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                places=data["places"],
            )
        except (ServiceError, ValidationError) as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The activity is published."))
            return redirect("stations:activity", pk=activity.pk)
    return render(request, "stations/staff/activity_form.html", {"station": station, "form": form})


@require_POST
@staff_required
def activity_cancel(request, pk):
    """Call an activity off: for staff of the station's union and its manager."""
    activity = get_object_or_404(
        Activity.objects.visible_to(request.user).select_related("station"), pk=pk
    )
    try:
        released = activities.cancel_activity(
            request.user, activity, scrub(request.POST.get("reason"), 300, multiline=True)
        )
    except ServiceError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(
            request,
            ngettext(
                "The activity is cancelled; %(n)d person who had signed up is told.",
                "The activity is cancelled; %(n)d people who had signed up are told.",
                released,
            )
            % {"n": released},
        )
    return redirect("stations:staff_detail", pk=activity.station_id)


@staff_required
def evaluate(request, pk):
    station = _station(request, pk)
    year = _year(request)
    if year is None:
        return redirect("stations:staff_detail", pk=pk)
    sheet = evaluation.sheet_for(station, year)
    errors: dict = {}
    if request.method == "POST" and sheet is not None:
        scores = {
            str(aspect.pk): request.POST.get(f"score_{aspect.pk}", "")
            for aspect in sheet.aspects.all()
        }
        try:
            result = evaluation.evaluate(
                request.user,
                station,
                year,
                scores,
                note=scrub(request.POST.get("note"), 300, multiline=True),
            )
        except ValidationError as error:
            errors = error.message_dict
        except ServiceError as error:
            messages.error(request, message_of(error))
        else:
            messages.success(
                request,
                _("Evaluated: %(total)d points, %(stars)d stars.")
                % {"total": result.total, "stars": result.stars},
            )
            return redirect("stations:staff_detail", pk=pk)
    current = station.evaluations.filter(year=year).first()
    given = {s.aspect_id: s.score for s in current.scores.all()} if current else {}
    aspects = [
        {
            "aspect": aspect,
            "value": request.POST.get(f"score_{aspect.pk}", given.get(aspect.pk, "")),
            "errors": errors.get(f"score_{aspect.pk}", []),
        }
        for aspect in (sheet.aspects.all() if sheet else [])
    ]
    return render(
        request,
        "stations/staff/evaluate.html",
        {"station": station, "sheet": sheet, "year": year, "aspects": aspects},
    )


@staff_required
def sheets(request):
    """The evaluation sheets in the staffer's part of the union, and a new one for org
    admins: aspects, the totals for 1 to 5 stars, the funding of each."""
    orgs = evaluation.sheet_orgs(request.user)
    form = SheetForm(request.POST or None, orgs=orgs, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            sheet = evaluation.create_sheet(
                request.user,
                form.cleaned_data["org"],
                form.cleaned_data["year"],
                **form.sheet_data(),
            )
        except (ServiceError, ValidationError) as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The sheet %(title)s is saved.") % {"title": sheet.title})
            return redirect("stations:staff_sheets")
    return render(
        request,
        "stations/staff/sheets.html",
        {
            "form": form,
            "can_create": orgs.exists(),
            "sheets": EvaluationSheet.objects.visible_to(request.user)
            .select_related("org")
            .prefetch_related("aspects")[:100],
        },
    )


@staff_required
def ranking(request):
    org = _chosen_org(request)
    year = _year(request) or timezone.localdate().year
    return render(
        request,
        "stations/staff/ranking.html",
        {
            "org": org,
            "year": year,
            "ranked": evaluation.ranking(org, year),
            "orgs": orgs_in_scope(request.user).filter(depth__lte=org.depth + 1)[:200],
        },
    )


@staff_required
def checkin_counts(request):
    org = _chosen_org(request)
    since, until, days = _period(request)
    return render(
        request,
        "stations/staff/checkins.html",
        {"org": org, "days": days, "rows": stats.org_counts(org, since, until)},
    )


@staff_required
def import_stations(request):
    """Upload a file: it is imported in the background and followed on its own page."""
    if not is_staff_member(request.user, services.EDIT_ROLES):
        raise PermissionDenied
    orgs = orgs_in_scope(request.user).filter(level__in=["province", "city", "county", "street"])
    form = ImportForm(request.POST or None, request.FILES or None)
    default_org = None
    if request.method == "POST" and request.POST.get("org"):
        chosen = _id(request.POST["org"])
        default_org = orgs.filter(pk=chosen).first() if chosen is not None else None
        if default_org is None:
            form.add_error(None, _("Choose the union from the list."))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_jobs.start(request.user, upload, upload.name, default_org)
        except ServiceError as error:
            form.add_error("file", str(error.message))
        else:
            return redirect("stations:staff_import_job", pk=job.pk)
    jobs = import_jobs.visible(request.user)[:10]
    return render(
        request,
        "stations/staff/import.html",
        {"form": form, "orgs": orgs[:500], "jobs": jobs, "limits": import_files},
    )


@staff_required
def import_job(request, pk):
    """A file's import: its progress while it runs (the page asks again every few
    seconds), then the stations imported or the problems of each row."""
    job = get_object_or_404(import_jobs.visible(request.user), pk=pk)
    return render(request, "stations/staff/import_job.html", {"job": job})


@staff_required
def export_stations(request, kind: str):
    """The stations of the list (same filters) in the import's columns, as .xlsx or CSV."""
    stations = services.staff_stations(request.user, **_filters(request))
    return registry_response(request, request.user, stations, kind)


def registry_response(request, user, stations, kind: str):
    """The file of the registry (managers' phones in it: the export is written to the
    audit trail)."""
    record(
        user,
        Action.EXPORT,
        org=top_orgs(user).first(),
        target=f"stations registry (.{kind})",
        detail=f"{stations.count()} rows",
        request=request,
    )
    rows = exports.registry_rows(user, stations)
    name = f"stations-{timezone.localdate():%Y%m%d}.{kind}"
    if kind == "csv":
        response = StreamingHttpResponse(
            exports.csv_chunks(rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = FileResponse(exports.xlsx_file(rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_required
def import_template(request):
    response = HttpResponse(
        exports.template_xlsx(),
        content_type=XLSX_CONTENT_TYPE,
    )
    response["Content-Disposition"] = 'attachment; filename="stations-template.xlsx"'
    return response
