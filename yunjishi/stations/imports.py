"""Bulk import of stations from .xlsx or CSV (the way out is ``exports``).

Every row is checked first and every problem reported with its spreadsheet row number
(the header is row 1); only a file without a single error is imported, in one
transaction, so nothing is ever half-imported. Codes are taken from the per-prefix
counters in one step per district; a code given in the file must be new and look like one
the district's counter gives out, and moves that counter past it. A station imported
paused or exited needs the reason, which its history (``StationEvent``) keeps.

A file from the staff pages and the API is imported in the background (``import_jobs``),
read within limits (``import_files``).
"""

import base64
import datetime as dt
import secrets
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yunjishi.core import spreadsheet
from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict
from yunjishi.orgs.models import Org
from yunjishi.people.scope import staff_paths

from . import geo, hours, services
from .import_files import MAX_CELL, read_table
from .models import (
    TOKEN_BYTES,
    CoBuilderKind,
    CodeCounter,
    District,
    Service,
    Station,
    StationEvent,
    StationType,
    Status,
)

MAX_ROWS = 250_000  # for a table given in code (the bench); files: ``import_files``
# The number of a code given in a file: what the counter column holds, and what fits the
# code column (30 characters) after the longest prefix (20) and its dash.
MAX_CODE_NUMBER = 999_999_999
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Column headers people use, in Chinese and English, to our field names.
HEADERS = {
    "code": "code",
    "编号": "code",
    "站点编号": "code",
    "name": "name",
    "名称": "name",
    "站点名称": "name",
    "type": "type",
    "类型": "type",
    "co_builder": "co_builder",
    "共建单位": "co_builder",
    "co_builder_kind": "co_builder_kind",
    "共建单位类型": "co_builder_kind",
    "org": "org",
    "所属工会编码": "org",
    "district": "district",
    "区划代码": "district",
    "address": "address",
    "地址": "address",
    "lat": "lat",
    "纬度": "lat",
    "lon": "lon",
    "经度": "lon",
    "hours": "hours",
    "开放时间": "hours",
    "services": "services",
    "免费服务": "services",
    "facilities": "facilities",
    "设施": "facilities",
    "manager_name": "manager_name",
    "管理员": "manager_name",
    "manager_phone": "manager_phone",
    "管理员电话": "manager_phone",
    "status": "status",
    "状态": "status",
    "status_reason": "status_reason",
    "状态原因": "status_reason",
}
for _day, _zh in zip(DAYS, ("周一", "周二", "周三", "周四", "周五", "周六", "周日"), strict=True):
    HEADERS[_day] = _day
    HEADERS[_zh] = _day
TEMPLATE_HEADERS = [
    "编号",
    "站点名称",
    "类型",
    "共建单位",
    "共建单位类型",
    "所属工会编码",
    "区划代码",
    "地址",
    "纬度",
    "经度",
    "开放时间",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    "免费服务",
    "设施",
    "管理员",
    "管理员电话",
    "状态",
    "状态原因",
]
REQUIRED = ("name", "address", "lat", "lon")
# The words in the seeds and in unions' own registers, whatever the page language is.
TYPE_WORDS = {
    "工会驿站": StationType.UNION,
    "爱心驿站": StationType.LOVE,
    "暖心驿站": StationType.WARM,
    "骑手驿站": StationType.RIDER,
    "小哥驿站": StationType.RIDER,
    "司机之家": StationType.DRIVER,
    "户外劳动者服务站点": StationType.OUTDOOR,
    "户外劳动者驿站": StationType.OUTDOOR,
    "职工之家": StationType.WORKERS_HOME,
    "其他": StationType.OTHER,
}
KIND_WORDS = {
    "城管": CoBuilderKind.URBAN,
    "公安": CoBuilderKind.POLICE,
    "交通": CoBuilderKind.TRANSPORT,
    "住建": CoBuilderKind.HOUSING,
    "邮政": CoBuilderKind.POST,
    "银行": CoBuilderKind.BANK,
    "金融": CoBuilderKind.BANK,
    "通信": CoBuilderKind.TELECOM,
    "电力": CoBuilderKind.POWER,
    "加油站": CoBuilderKind.PETROL,
    "商超": CoBuilderKind.SHOP,
    "商场超市": CoBuilderKind.SHOP,
    "街道社区": CoBuilderKind.COMMUNITY,
    "社区": CoBuilderKind.COMMUNITY,
    "企业": CoBuilderKind.ENTERPRISE,
    "社会组织": CoBuilderKind.SOCIAL,
    "其他": CoBuilderKind.OTHER,
}
STATUS_WORDS = {
    "筹建": Status.PLANNING,
    "运行": Status.RUNNING,
    "暂停": Status.PAUSED,
    "退出": Status.EXITED,
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


# --- Checking rows ------------------------------------------------------------------------


def _labels(choices, words: dict) -> dict[str, str]:
    """Values of a choices class by value, by label in Chinese and English, and by the
    usual Chinese words."""
    found = dict(words)
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            for value, label in choices.choices:
                found[str(label)] = value
    for value in choices.values:
        found[value] = value
    return found


@lru_cache(maxsize=4096)
def _day(text: str) -> str:
    return hours.format_day(hours.parse_day(text))


def _text(value) -> str:
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class Checker:
    """Checks rows one by one against what is in the database, collecting errors."""

    def __init__(self, actor, default_org: Org | None, days_given=DAYS):
        self.actor = actor
        self.days_given = tuple(days_given)  # the weekday columns the file has
        self.default_org = default_org
        self.org_answers: dict[str, Org | str] = {}
        self.org_districts: dict[int, District | str] = {}
        self.service_answers: dict[str, tuple[list[Service], list[str]]] = {}
        self.districts = {d.code: d for d in District.objects.all()}
        self.services = services.services_by_name()
        self.types = _labels(StationType, TYPE_WORDS)
        self.kinds = _labels(CoBuilderKind, KIND_WORDS)
        self.statuses = _labels(Status, STATUS_WORDS)
        self.paths = None if actor is None or actor.is_superuser else staff_paths(actor)
        self.edit_paths = (
            None if actor is None or actor.is_superuser else staff_paths(actor, services.EDIT_ROLES)
        )
        self.bounds = services.service_bounds()
        self.weeks: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.codes_in_file: dict[str, int] = {}
        self.errors: list[RowError] = []

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, str(message)))

    def org(self, code: str, row: int) -> Org | None:
        """The owning union of a row; the answer for each code is worked out once."""
        if code not in self.org_answers:
            found = self._org(code)
            self.org_answers[code] = found
        found = self.org_answers[code]
        if isinstance(found, Org):
            return found
        self.error(row, "org", found)
        return None

    def _org(self, code: str) -> "Org | str":
        if not code:
            org = self.default_org
            if org is None:
                return _("Give the code of the owning union.")
        else:
            org = Org.objects.filter(code=code).first()
            if org is None:
                return _("Unknown union code: %(code)s.") % {"code": code}
        if self.edit_paths is not None and not any(org.path.startswith(p) for p in self.edit_paths):
            return _("%(org)s is not in your part of the union.") % {"org": org.name}
        return org

    def cells(self, number: int, raw: dict) -> bool:
        """False, after recording why, if a cell is too long or holds a character no
        station may hold (a control character: it broke every export of the subtree).
        Takes off the ``'`` our CSV export puts before a text that starts like a formula."""
        ok = True
        for column, value in raw.items():
            if len(value) > MAX_CELL:
                self.error(number, column, _("At most %(n)d characters.") % {"n": MAX_CELL})
                ok = False
            elif spreadsheet.has_illegal(value):
                self.error(number, column, _("Remove the control or invalid characters."))
                ok = False
            elif value[:1] == "'":
                raw[column] = spreadsheet.unquote(value)
        return ok

    def check(self, number: int, raw: dict) -> dict | None:
        """One row as the fields of a station, or None after recording its errors."""
        if not self.cells(number, raw):
            return None
        before = len(self.errors)
        for name in REQUIRED:
            if not raw.get(name):
                self.error(number, name, _("This field is required."))
        org = self.org(raw.get("org", ""), number)
        district = None
        district_code = raw.get("district", "")
        if district_code:
            district = self.districts.get(district_code)
            if district is None:
                self.error(
                    number,
                    "district",
                    _("Unknown district code: %(code)s.") % {"code": district_code},
                )
        elif org is not None:
            if org.pk not in self.org_districts:
                try:
                    self.org_districts[org.pk] = services.district_for(org)
                except ValidationError as error:
                    self.org_districts[org.pk] = error.messages[0]
            found = self.org_districts[org.pk]
            if isinstance(found, District):
                district = found
            else:
                self.error(number, "district", found)
        lat = lon = None
        if raw.get("lat") and raw.get("lon"):
            try:
                lat, lon = services.check_coordinates(raw["lat"], raw["lon"], self.bounds)
            except ValidationError as error:
                for column, messages in error.message_dict.items():
                    self.error(number, column, messages[0])
        week = self.week(number, raw)
        chosen, unknown = self.offered(raw.get("services", ""))
        for name in unknown:
            self.error(number, "services", _("Unknown service: %(name)s.") % {"name": name})
        phone = ""
        try:
            phone = services.normalize_contact_phone(raw.get("manager_phone", ""))
        except ValidationError as error:
            self.error(number, "manager_phone", error.message_dict["manager_phone"][0])
        values = {}
        for column, table, default in (
            ("type", self.types, StationType.UNION),
            ("co_builder_kind", self.kinds, ""),
            ("status", self.statuses, Status.RUNNING),
        ):
            given = raw.get(column, "")
            if given and given not in table:
                self.error(
                    number,
                    column,
                    _("“%(value)s” is not one of the allowed values.") % {"value": given},
                )
            values[column] = table.get(given, default) if given else default
        code = raw.get("code", "")
        if code and self.code_is_good(number, code, district):
            if code in self.codes_in_file:
                self.error(
                    number,
                    "code",
                    _("Code %(code)s is also on row %(row)d.")
                    % {"code": code, "row": self.codes_in_file[code]},
                )
            else:
                self.codes_in_file[code] = number
        reason = raw.get("status_reason", "")
        if values["status"] in services.NEEDS_REASON and not reason:
            self.error(
                number,
                "status_reason",
                _("Give the reason for the status “%(status)s”.")
                % {"status": Status(values["status"]).label},
            )
        for column, limit in (
            ("name", 100),
            ("address", 200),
            ("co_builder", 100),
            ("status_reason", 300),
        ):
            if len(raw.get(column, "")) > limit:
                self.error(
                    number,
                    column,
                    _("At most %(n)d characters.") % {"n": limit},
                )
        if len(self.errors) > before:
            return None
        return {
            "code": code,
            "name": raw["name"],
            "station_type": values["type"],
            "co_builder": raw.get("co_builder", ""),
            "co_builder_kind": values["co_builder_kind"],
            "status": values["status"],
            "status_reason": reason if values["status"] in services.NEEDS_REASON else "",
            "org": org,
            "district": district,
            "address": raw["address"],
            "lat": lat,
            "lon": lon,
            "weekly_hours": week,
            "services": chosen,
            "facilities": _split(raw.get("facilities", "")),
            "manager_name": raw.get("manager_name", "")[:50],
            "manager_phone": phone,
        }

    def code_is_good(self, number: int, code: str, district: District | None) -> bool:
        """A code given in the file is the row's district prefix, a dash and a number of
        four digits or more, as the counters give them out (``take_codes``)."""
        if district is None:
            return False  # the district's own error says what is wrong
        prefix, _dash, digits = code.rpartition("-")
        if (
            prefix != district.prefix
            or not digits.isdigit()
            or not 1 <= int(digits) <= MAX_CODE_NUMBER
            or digits != f"{int(digits):04d}"
        ):
            self.error(
                number,
                "code",
                _(
                    "%(code)s is not a code of district %(district)s: give none, or one "
                    "such as %(example)s."
                )
                % {"code": code, "district": district.code, "example": f"{district.prefix}-0001"},
            )
            return False
        return True

    def offered(self, text: str) -> tuple[list[Service], list[str]]:
        """(services, unknown names) of a cell such as "热饭、饮水"; each text once."""
        if text not in self.service_answers:
            names = _split(text)
            self.service_answers[text] = (
                [self.services[n] for n in names if n in self.services],
                [n for n in names if n not in self.services],
            )
        return self.service_answers[text]

    def week(self, number: int, raw: dict) -> list[str] | None:
        every = raw.get("hours", "")
        # The cache key is what decides the week: the hours cell and the weekday cells.
        key = (every, *[raw.get(day, "") for day in self.days_given])
        known = self.weeks.get(key)
        if known is not None:  # the same cells as an earlier row
            return list(known)
        days = tuple([raw.get(day, "") or every for day in DAYS])
        if not any(days):
            self.error(
                number,
                "hours",
                _("Opening hours are missing: give them for every day (write 休息 when closed)."),
            )
            return None
        week = []
        for day, text in zip(DAYS, days, strict=True):
            if not text:
                self.error(
                    number,
                    day,
                    _("Opening hours are missing for this day (write 休息 when closed)."),
                )
                continue
            try:
                week.append(_day(text))
            except ValidationError as error:
                self.error(number, day if raw.get(day) else "hours", error.messages[0])
        if len(week) != 7:
            return None
        self.weeks[key] = tuple(week)
        return week


def _split(text: str) -> list[str]:
    if not text:
        return []
    for mark in ("，", "、", ";", "；", "|", "/"):
        text = text.replace(mark, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def header_fields(header: list) -> tuple[list[str | None], list[str]]:
    """Our field name for each column (None: ignored), and the headers not understood."""
    names, unknown = [], []
    for cell in header:
        label = _text(cell)
        name = HEADERS.get(label) or HEADERS.get(label.lower())
        names.append(name)
        if label and name is None:
            unknown.append(label)
    return names, unknown


PROGRESS_EVERY = 500  # rows between two calls of ``progress``


def check_rows(
    actor,
    rows: list[list],
    default_org: Org | None = None,
    progress: Callable[[int], object] | None = None,
):
    """(checked rows, errors) of a table whose first row is the header; ``progress`` is
    told every ``PROGRESS_EVERY`` rows how many rows are checked."""
    if not rows:
        return [], [RowError(1, "", _("The file is empty."))]
    names, _unknown = header_fields(rows[0])
    missing = [n for n in REQUIRED if n not in names]
    if missing:
        return [], [
            RowError(
                1,
                "",
                _("Columns missing: %(names)s.") % {"names": ", ".join(missing)},
            )
        ]
    if len(rows) - 1 > MAX_ROWS:
        return [], [RowError(1, "", _("At most %(n)d rows at once.") % {"n": MAX_ROWS})]
    checker = Checker(actor, default_org, days_given=[d for d in DAYS if d in names])
    columns = [(index, name) for index, name in enumerate(names) if name]
    checked = []
    for number, row in enumerate(rows[1:], start=2):
        width = len(row)
        # The common cell is a string: strip it here rather than in a call per cell.
        raw = {
            name: value.strip() if type(value) is str else _text(value)
            for index, name in columns
            if index < width and ((value := row[index]) or value == 0)
        }
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number - 1)
        if not any(raw.values()):
            continue  # blank line
        result = checker.check(number, raw)
        if result is not None:
            checked.append((number, result))
    _check_codes_are_new(checker, checked)
    return checked, sorted(checker.errors, key=lambda e: (e.row, e.column))


def _check_codes_are_new(checker: Checker, checked) -> None:
    given = [data["code"] for _n, data in checked if data["code"]]
    taken = set()
    for start in range(0, len(given), 500):
        taken |= set(
            Station.objects.filter(code__in=given[start : start + 500]).values_list(
                "code", flat=True
            )
        )
    for number, data in checked:
        if data["code"] in taken:
            checker.error(
                number,
                "code",
                _("Code %(code)s is already given to another station.") % {"code": data["code"]},
            )


# --- Importing ----------------------------------------------------------------------------


def import_table(actor, rows: list[list], default_org: Org | None = None) -> ImportResult:
    """Check every row; import all of them, or none when any row has an error."""
    checked, errors = check_rows(actor, rows, default_org)
    result = ImportResult(rows=len(checked) + len({e.row for e in errors}), errors=errors)
    if errors:
        return result
    result.created = create_many(actor, [data for _n, data in checked])
    return result


def import_file(actor, upload, filename: str, default_org: Org | None = None) -> ImportResult:
    return import_table(actor, read_table(upload, filename), default_org)


BATCH = 2000
STATION_COLUMNS = (
    "code",
    "name",
    "station_type",
    "co_builder",
    "co_builder_kind",
    "org",
    "district",
    "address",
    "lat",
    "lon",
    "weekly_hours",
    "facilities",
    "description",
    "manager_name",
    "manager_phone",
    "status",
    "status_reason",
    "status_since",
    "checkin_token",
    "search_cell",
    "service_mask",
    "hours_index",
    "exceptions_index",
    "created_at",
    "updated_at",
)


def _insert(model, names, rows) -> None:
    """One ``executemany`` of plain tuples: at 200 000 rows, building a model instance and
    letting ``bulk_create`` prepare every value costs several times the insert itself."""
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@write_service
def create_many(actor, rows: list[dict]) -> int:
    """Insert checked rows in batches, in one transaction; returns how many.

    Codes given in the file move their district's counter past them, so the counter never
    hands them out again. A code another import (or a new station) took after the rows
    were checked makes the insert fail: the transaction rolls back whole, and the caller
    gets a ``Conflict`` to try again."""
    prep = _Prepared(timezone.now(), timezone.localdate())
    try:
        with transaction.atomic(), _big_page_cache():
            _advance_counters(rows)
            by_prefix: dict[str, list[dict]] = {}
            for data in rows:
                if not data["code"]:
                    by_prefix.setdefault(data["district"].prefix, []).append(data)
            for prefix, group in by_prefix.items():
                for data, code in zip(group, services.take_codes(prefix, len(group)), strict=True):
                    data["code"] = code
            for start in range(0, len(rows), BATCH):
                batch = rows[start : start + BATCH]
                _insert(
                    Station,
                    STATION_COLUMNS,
                    [
                        prep.station(data, token)
                        for data, token in zip(batch, _tokens(len(batch)), strict=True)
                    ],
                )
            _record_events(actor, [d for d in rows if d["status"] in services.NEEDS_REASON], prep)
    except IntegrityError:
        raise Conflict(
            _(
                "A code in the file was given to another station while the file was being "
                "imported; nothing was imported. Import the file again."
            ),
            code="code_taken",
        ) from None
    return len(rows)


def _advance_counters(rows: list[dict]) -> None:
    """Move each district's counter to at least the highest number given in the file."""
    highest: dict[str, int] = {}
    for data in rows:
        if data["code"]:
            prefix, _dash, digits = data["code"].rpartition("-")
            highest[prefix] = max(highest.get(prefix, 0), int(digits))
    for prefix, number in highest.items():
        CodeCounter.objects.get_or_create(prefix=prefix)
        # Conditional: a counter only ever grows, whoever moves it at the same time.
        CodeCounter.objects.filter(prefix=prefix, last__lt=number).update(last=number)


EVENT_COLUMNS = (
    "station",
    "from_status",
    "to_status",
    "reason",
    "effective_on",
    "actor",
    "created_at",
)


def _record_events(actor, rows: list[dict], prep: "_Prepared") -> None:
    """The lifecycle's history for stations imported paused or exited, with their reason."""
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        ids = dict(
            Station.objects.filter(code__in=[d["code"] for d in batch]).values_list("code", "pk")
        )
        _insert(
            StationEvent,
            EVENT_COLUMNS,
            [
                (
                    ids[d["code"]],
                    "",
                    d["status"],
                    d["status_reason"],
                    prep.today,
                    actor.pk if actor is not None else None,
                    prep.now,
                )
                for d in batch
            ],
        )


@contextmanager
def _big_page_cache():
    """SQLite's default 2 MB page cache makes every index insert of a big import read
    pages back from disk; 64 MB for the import's duration keeps them in memory."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -65536")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


class _Prepared:
    """Database values that many rows share, prepared once."""

    def __init__(self, now: dt.datetime, today: dt.date):
        self.now = Station._meta.get_field("created_at").get_db_prep_save(now, connection)
        self.today = Station._meta.get_field("status_since").get_db_prep_save(today, connection)
        self._json = Station._meta.get_field("weekly_hours")
        self._cache: dict = {}

    def json(self, value: list):
        key = tuple(value)
        if key not in self._cache:
            self._cache[key] = self._json.get_db_prep_save(value, connection)
        return self._cache[key]

    def station(self, data: dict, token: str) -> tuple:
        running = data["status"] == Status.RUNNING
        return (
            data["code"],
            data["name"],
            data["station_type"],
            data["co_builder"],
            data["co_builder_kind"],
            data["org"].pk,
            data["district"].pk,
            data["address"],
            data["lat"],
            data["lon"],
            self.json(data["weekly_hours"]),
            self.json(data["facilities"]),
            "",
            data["manager_name"],
            data["manager_phone"],
            data["status"],
            data["status_reason"],
            self.today,
            token,
            geo.cell_of(data["lat"], data["lon"]) if running else None,
            services.service_mask(data["services"]),
            _week_index(tuple(data["weekly_hours"])),
            "",
            self.now,
            self.now,
        )


def _tokens(count: int) -> list[str]:
    """``count`` check-in tokens like ``models.new_token`` (12 random bytes, URL-safe
    base64), from one call to the system's random source rather than one per station."""
    text = base64.urlsafe_b64encode(secrets.token_bytes(TOKEN_BYTES * count)).decode()
    width = TOKEN_BYTES * 4 // 3
    return [text[n : n + width] for n in range(0, width * count, width)]


@lru_cache(maxsize=4096)
def _week_index(week: tuple[str, ...]) -> str:
    return hours.encode_week(hours.week_spans(week))
