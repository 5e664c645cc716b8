"""驿站: outdoor-worker service stations, their 六有 checklist, yearly evaluations,
check-ins (服务人次) and activities.

A station's hours are kept twice: as the text people read and type (``weekly_hours``,
``HoursException``) and as a compact index for the nearest search (``hours_index``,
``exceptions_index``, ``search_cell``), rebuilt by
``services.refresh_index`` whenever the first changes. Only running stations have a
``search_cell``: the others are not found by workers but stay in the registry.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from yunjishi.booking.models import Booking, Pool
from yunjishi.orgs.models import Org
from yunjishi.people.models import StationManagerProfile
from yunjishi.people.scope import ScopedQuerySet

TOKEN_BYTES = 12  # the check-in QR's secret: 16 URL-safe characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Service(models.Model):
    """A free service a station may offer (取暖, 热饭, 如厕…); the union keeps the list."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=30, unique=True)
    bit = models.PositiveSmallIntegerField(
        _("search bit"),
        unique=True,
        validators=[MaxValueValidator(62)],
        help_text=_("Position in the search mask, 0 to 62; never reuse one."),
    )
    sort = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort", "bit"]
        verbose_name = _("station service")
        verbose_name_plural = _("station services")

    def __str__(self) -> str:
        return self.name


prefix_validator = RegexValidator(
    r"^[A-Z]{1,4}(-[A-Z0-9]{1,4}){0,3}$",
    _("Use capital letters in parts joined by dashes, such as FJ-XM-HC."),
)


class District(models.Model):
    """An administrative district (区县) with the prefix of its stations' codes and a
    centre, which workers may choose instead of sharing their position."""

    code = models.CharField(
        _("division code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$", _("Six digits, such as 350205."))],
    )
    name = models.CharField(_("district"), max_length=50)
    city = models.CharField(_("city"), max_length=50, blank=True)
    province = models.CharField(_("province"), max_length=50)
    prefix = models.CharField(
        _("station code prefix"),
        max_length=20,
        unique=True,
        validators=[prefix_validator],
        help_text=_("Province-city-district abbreviation, such as FJ-XM-HC."),
    )
    lat = models.FloatField(
        _("centre latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    lon = models.FloatField(
        _("centre longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return f"{self.province}{self.city}{self.name}"


class CodeCounter(models.Model):
    """The last sequence number given under a prefix. It only ever grows, so a code is
    never given twice, not even after its station has exited."""

    prefix = models.CharField(max_length=20, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.prefix}: {self.last}"


class StationType(models.TextChoices):
    UNION = "union", _("Union station")
    LOVE = "love", _("Love station")
    WARM = "warm", _("Warm-heart station")
    RIDER = "rider", _("Rider station")
    DRIVER = "driver", _("Drivers' home")
    OUTDOOR = "outdoor", _("Outdoor workers' service point")
    WORKERS_HOME = "workers_home", _("Workers' home")
    OTHER = "other", _("Other")


class CoBuilderKind(models.TextChoices):
    NONE = "", _("Built by the union alone")
    URBAN = "urban", _("Urban management")
    POLICE = "police", _("Public security")
    TRANSPORT = "transport", _("Transport")
    HOUSING = "housing", _("Housing and construction")
    POST = "post", _("Postal service")
    BANK = "bank", _("Bank")
    TELECOM = "telecom", _("Telecommunications")
    POWER = "power", _("Power supply")
    PETROL = "petrol", _("Petrol station")
    SHOP = "shop", _("Shopping mall or supermarket")
    COMMUNITY = "community", _("Street or community")
    ENTERPRISE = "enterprise", _("Enterprise")
    SOCIAL = "social", _("Social organisation")
    OTHER = "other", _("Other")


class StationStatus(models.TextChoices):
    PLANNING = "planning", _("Being set up")
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    EXITED = "exited", _("Exited")


# The API schema names an enum by its class: "StationStatus", not a "Status" shared with
# another app (one name for two enums made the OpenAPI document list the wrong values).
Status = StationStatus


# What workers see of the registry: a station still being set up is not shown yet.
PUBLIC_STATUSES = (Status.RUNNING, Status.PAUSED, Status.EXITED)


class StationQuerySet(ScopedQuerySet):
    def running(self):
        return self.filter(status=Status.RUNNING)

    def missing_standard_items(self):
        """Stations not (yet) found to meet every item of the 六有 standard: in the query,
        so that paging and counts see only them."""
        met = ChecklistCheck.objects.filter(ok=True).values("station")
        whole = met.annotate(n=models.Count("id")).filter(n__gte=len(ChecklistItem.values))
        return self.exclude(pk__in=whole.values("station"))


def default_week() -> list[str]:
    return [""] * 7


class Station(models.Model):
    code = models.CharField(_("station code"), max_length=30, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=100)
    station_type = models.CharField(
        _("type"), max_length=16, choices=StationType.choices, default=StationType.UNION
    )
    co_builder = models.CharField(_("co-builder"), max_length=100, blank=True)
    co_builder_kind = models.CharField(
        _("kind of co-builder"), max_length=16, choices=CoBuilderKind.choices, blank=True
    )
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="stations", verbose_name=_("owning union")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="stations", verbose_name=_("district")
    )
    address = models.CharField(_("address"), max_length=200)
    lat = models.FloatField(
        _("latitude (WGS-84)"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    lon = models.FloatField(
        _("longitude (WGS-84)"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    weekly_hours = models.JSONField(
        _("weekly opening hours"),
        default=default_week,
        help_text=_("Seven days from Monday, such as 08:00-12:00,14:00-18:00; empty when closed."),
    )
    # The free services as bits of Service.bit: one column, so that "offers 热饭 and 饮水"
    # is one bitwise test in the search query and 200 000 rows import without a join table.
    service_mask = models.BigIntegerField(_("free services"), default=0)
    facilities = models.JSONField(_("facilities"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    manager_name = models.CharField(_("manager's name"), max_length=50, blank=True)
    manager_phone = models.CharField(_("manager's phone"), max_length=20, blank=True)
    manager = models.ForeignKey(
        StationManagerProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stations",
        verbose_name=_("manager's account"),
        help_text=_("A station manager who keeps the hours and services current."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNING
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    status_since = models.DateField(_("since"), null=True, blank=True)
    checkin_token = models.CharField(max_length=32, default=new_token, editable=False)
    # The search index, derived (services.refresh_index): never edited by hand.
    search_cell = models.IntegerField(null=True, blank=True, editable=False, db_index=True)
    hours_index = models.TextField(default="||||||", editable=False)
    exceptions_index = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StationQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = "manager__user"
    scope_change_roles = ("handler", "org_admin")
    # Every service, when a list has read them once for all its rows (services.with_services).
    _services: list[Service] | None = None

    class Meta:
        ordering = ["code"]
        verbose_name = _("station")
        verbose_name_plural = _("stations")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def service_list(self) -> list[Service]:
        known = Service.objects.all() if self._services is None else self._services
        return [s for s in known if self.service_mask >> s.bit & 1]


class StationEvent(models.Model):
    """One move of the lifecycle (筹建 → 运行 → 暂停 → 退出), kept forever."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=Status.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    effective_on = models.DateField(_("effective on"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("station status change")
        verbose_name_plural = _("station status changes")

    def __str__(self) -> str:
        return f"{self.station} → {self.get_to_status_display()}"


class HoursException(models.Model):
    """Different hours on one date (a holiday): replaces the weekday's hours that day."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="exceptions", verbose_name=_("station")
    )
    date = models.DateField(_("date"))
    hours = models.CharField(
        _("hours"), max_length=100, blank=True, help_text=_("Empty when closed all day.")
    )
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("hours exception")
        verbose_name_plural = _("hours exceptions")
        constraints = [
            models.UniqueConstraint(fields=["station", "date"], name="one_exception_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.date}"

    def clean(self) -> None:
        from .hours import format_day, parse_day

        try:
            self.hours = format_day(parse_day(self.hours))
        except ValidationError as error:
            raise ValidationError({"hours": error.messages}) from None


class ChecklistItem(models.TextChoices):
    """The "六有" standard."""

    SIGN = "sign", _("A unified sign and name")
    LAYOUT = "layout", _("A sensible layout")
    FACILITIES = "facilities", _("Sound service facilities")
    FUNCTIONS = "functions", _("Complete service functions")
    RULES = "rules", _("Clear management rules")
    MAP = "map", _("Up-to-date map information")


class ChecklistCheck(models.Model):
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="checks")
    item = models.CharField(_("item"), max_length=12, choices=ChecklistItem.choices)
    ok = models.BooleanField(_("meets the standard"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        verbose_name = _("six-standards check")
        verbose_name_plural = _("six-standards checks")
        constraints = [
            models.UniqueConstraint(fields=["station", "item"], name="one_check_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.station} · {self.get_item_display()}"


# --- Evaluation ---------------------------------------------------------------------------


def default_thresholds() -> list[int]:
    return [60, 70, 80, 90, 95]


def default_funding() -> list[int]:
    return [0, 200000, 500000, 800000, 1000000]


FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a sheet or an evaluation may be for


class EvaluationSheet(models.Model):
    """A union's scoring sheet for one year: aspects with maximum scores, the total a
    station needs for 1 to 5 stars, and the funding each star rating brings."""

    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="+", verbose_name=_("union")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    title = models.CharField(_("title"), max_length=100)
    star_thresholds = models.JSONField(
        _("star thresholds"),
        default=default_thresholds,
        help_text=_("Five rising totals: the least for 1, 2, 3, 4 and 5 stars."),
    )
    funding_fen = models.JSONField(
        _("funding by stars (fen)"),
        default=default_funding,
        help_text=_("Five amounts in fen, for 1 to 5 stars."),
    )

    objects = ScopedQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = None
    scope_change_roles = ("org_admin",)

    class Meta:
        ordering = ["-year", "org__path"]
        verbose_name = _("evaluation sheet")
        verbose_name_plural = _("evaluation sheets")
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="one_sheet_per_org_year")
        ]

    def __str__(self) -> str:
        return self.title


class EvaluationAspect(models.Model):
    sheet = models.ForeignKey(EvaluationSheet, on_delete=models.CASCADE, related_name="aspects")
    name = models.CharField(_("aspect"), max_length=50)
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), validators=[MinValueValidator(1)]
    )
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort", "id"]
        verbose_name = _("evaluation aspect")
        verbose_name_plural = _("evaluation aspects")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "name"], name="one_aspect_name_per_sheet")
        ]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="evaluations")
    sheet = models.ForeignKey(EvaluationSheet, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.PositiveSmallIntegerField(_("total score"))
    stars = models.PositiveSmallIntegerField(_("stars"))
    funding_fen = models.PositiveIntegerField(_("funding (fen)"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    evaluated_at = models.DateTimeField(_("evaluated at"))

    objects = ScopedQuerySet.as_manager()
    scope_org = "station__org__path"
    scope_owner = None

    class Meta:
        ordering = ["-year", "-total"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["station", "year"], name="one_evaluation_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.year}: {self.total}"


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    aspect = models.ForeignKey(EvaluationAspect, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "aspect"], name="one_score_per_aspect")
        ]

    def __str__(self) -> str:
        return f"{self.aspect}: {self.score}"


# --- Visits -------------------------------------------------------------------------------


class CheckIn(models.Model):
    """A worker's visit (服务人次), recorded by scanning the station's QR code."""

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="checkins")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="station_checkins"
    )
    at = models.DateTimeField(_("checked in at"))
    # Hours since the epoch. Visits are at least an hour apart (services.VISIT_GAP), so
    # never two in one clock hour: the unique constraint is the last line of defence.
    hour = models.IntegerField()

    objects = ScopedQuerySet.as_manager()
    scope_org = "station__org__path"
    scope_owner = "user"

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(fields=["station", "user", "hour"], name="one_checkin_per_hour")
        ]
        indexes = [models.Index(fields=["station", "at"], name="checkin_station_at")]

    def __str__(self) -> str:
        return f"{self.station} {self.at:%Y-%m-%d %H:%M}"

    @staticmethod
    def hour_of(moment: dt.datetime) -> int:
        """The ``hour`` column of a visit at ``moment``."""
        return int(moment.timestamp() // 3600)


class PhoneReveal(models.Model):
    """Who tapped to see a manager's full phone number, and when (PIPL: access is logged)."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phone number shown")
        verbose_name_plural = _("phone numbers shown")

    def __str__(self) -> str:
        return f"{self.station} · {self.at:%Y-%m-%d %H:%M}"


# --- Activities ---------------------------------------------------------------------------


class Activity(models.Model):
    """An activity at a station; its places are a pool of the booking engine."""

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="activities")
    pool = models.OneToOneField(Pool, on_delete=models.PROTECT, related_name="station_activity")
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    attend_token = models.CharField(max_length=32, default=new_token, editable=False)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_org = "station__org__path"
    scope_owner = "station__manager__user"

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("station activity")
        verbose_name_plural = _("station activities")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    booking = models.OneToOneField(
        Booking, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("attended at"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.activity} · {self.user}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    CHECKING = "checking", _("Checking the rows")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    REFUSED = "refused", _("Refused: nothing was imported")
    FAILED = "failed", _("Stopped on an error: nothing was imported")


class ImportJob(models.Model):
    """A stations file imported in the background (``import_jobs``, ``import_worker``): the
    file until the job ends, its progress and the per-row report. Seen by the staffer who
    started it and by staff above ``org`` (the union rows default to, else their own)."""

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    default_org = models.ForeignKey(
        Org, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(_("file"), max_length=200)
    content = models.BinaryField(default=b"", editable=False)  # emptied when the job ends
    language = models.CharField(max_length=10, default="zh-hans")  # of the report's messages
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    checked = models.PositiveIntegerField(_("rows checked"), default=0)
    created = models.PositiveIntegerField(_("stations imported"), default=0)
    problem = models.CharField(_("problem"), max_length=500, blank=True)
    # The first problems of the rows, [{"row", "column", "message"}], and how many in all.
    errors = models.JSONField(default=list)
    error_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_org = "org__path"
    scope_owner = "started_by"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("station import")
        verbose_name_plural = _("station imports")

    def __str__(self) -> str:
        return self.filename

    @property
    def running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.IMPORTING)
