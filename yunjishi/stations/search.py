"""The K nearest running stations that are open at a moment and offer some services.

``nearest`` walks the grid of ``geo`` outwards from the worker's cell, one square ring (or
band of rings) at a time, each band one indexed query on ``search_cell``. After a band it
knows a lower bound of the distance to every station outside the square scanned so far
(``geo.outside_bound_m``); once the K-th best distance found is below that bound, nothing
outside can enter the answer, so the answer is exact: the same stations in the same order
(distance, then id) as ``brute_force``, which scans every station with the day-by-day
hours rule. Past a radius of ``MAX_RADIUS`` cells (~280 km) the rest is one scan.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from . import geo, hours
from .models import HoursException, Station, Status

K_MAX = 50
MAX_RADIUS = 255
# (inner, outer) radius of each band, in cells: single rings near the worker, then doubling.
BANDS = [(0, 0), (1, 1), (2, 2), (3, 3), (4, 7), (8, 15), (16, 31), (32, 63), (64, 127)]
BANDS.append((128, MAX_RADIUS))


@dataclass(frozen=True)
class Hit:
    station_id: int
    distance_m: float


def _row_ranges(row: int, first: int, last: int) -> list[tuple[int, int]]:
    """Cell numbers of columns first..last of a row, wrapping round the antimeridian."""
    base = row * geo.ROW_WIDTH
    if last - first + 1 >= geo.COLUMNS:
        return [(base, base + geo.COLUMNS - 1)]
    a, b = first % geo.COLUMNS, last % geo.COLUMNS
    if a <= b:
        return [(base + a, base + b)]
    return [(base + a, base + geo.COLUMNS - 1), (base, base + b)]


def band_ranges(row: int, column: int, inner: int, outer: int) -> list[tuple[int, int]]:
    """The cells at Chebyshev distance inner..outer from (row, column), as number ranges."""
    ranges: list[tuple[int, int]] = []
    for r in range(max(0, row - outer), min(geo.ROWS - 1, row + outer) + 1):
        if abs(r - row) >= inner:
            ranges += _row_ranges(r, column - outer, column + outer)
        else:
            ranges += _row_ranges(r, column - outer, column - inner)
            ranges += _row_ranges(r, column + inner, column + outer)
    return ranges


_COLUMNS_SQL = "id, lat, lon, hours_index, exceptions_index"
# Ranges per query: SQLite refuses an expression deeper than 1000 (SQLITE_MAX_EXPR_DEPTH),
# and the widest band by the antimeridian has over a thousand.
_RANGES_PER_QUERY = 400


def _fetch(ranges, mask: int):
    """The stations in the cells of ``ranges`` (disjoint, so no station comes twice)."""
    rows: list[tuple] = []
    for start in range(0, len(ranges), _RANGES_PER_QUERY):
        rows += _fetch_some(ranges[start : start + _RANGES_PER_QUERY], mask)
    return rows


def _fetch_some(ranges, mask: int):
    singles = [a for a, b in ranges if a == b]
    spans = [(a, b) for a, b in ranges if a != b]
    terms, params = [], []
    if singles:
        terms.append(f"search_cell IN ({', '.join(['%s'] * len(singles))})")
        params += singles
    for a, b in spans:
        terms.append("search_cell BETWEEN %s AND %s")
        params += [a, b]
    sql = f"SELECT {_COLUMNS_SQL} FROM {Station._meta.db_table} WHERE ({' OR '.join(terms)})"
    if mask:
        sql += " AND (service_mask & %s) = %s"
        params += [mask, mask]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _fetch_rest(mask: int):
    sql = f"SELECT {_COLUMNS_SQL} FROM {Station._meta.db_table} WHERE search_cell IS NOT NULL"
    params = []
    if mask:
        sql += " AND (service_mask & %s) = %s"
        params = [mask, mask]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def nearest(
    lat: float,
    lon: float,
    *,
    at: dt.datetime | None = None,
    mask: int = 0,
    k: int = 10,
    open_only: bool = True,
) -> list[Hit]:
    """The ``k`` nearest running stations offering every service in ``mask``, open at
    ``at`` (default now) unless ``open_only`` is False, nearest first."""
    k = max(1, min(k, K_MAX))
    moment = hours.Moment(at or timezone.now())
    row, column = geo.cell_row(lat), geo.cell_column(lon)
    found: list[tuple[float, int]] = []
    seen: set[int] = set()

    def consider(rows) -> None:
        for pk, slat, slon, week, exceptions in rows:
            if pk in seen:
                continue
            seen.add(pk)
            if open_only and not moment.open(week, exceptions):
                continue
            found.append((geo.haversine_m(lat, lon, slat, slon), pk))

    for inner, outer in BANDS:
        consider(_fetch(band_ranges(row, column, inner, outer), mask))
        found.sort()
        del found[k:]
        bound = geo.outside_bound_m(lat, lon, row, column, outer)
        if len(found) == k and found[-1][0] < bound:
            return [Hit(pk, d) for d, pk in found]
    consider(_fetch_rest(mask))  # far from everything: scan what is left
    found.sort()
    return [Hit(pk, d) for d, pk in found[:k]]


# --- Brute force --------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    station_id: int
    lat: float
    lon: float
    week: hours.Week
    services: frozenset[int]  # service bits


def candidates() -> list[Candidate]:
    """Every running station with its hours as people typed them (parsed again here) and
    its services as a set: nothing of the search index is used."""
    return [
        Candidate(
            pk,
            lat,
            lon,
            hours.week_spans(week),
            frozenset(bit for bit in range(63) if mask >> bit & 1),
        )
        for pk, lat, lon, week, mask in Station.objects.filter(status=Status.RUNNING)
        .order_by()
        .values_list("id", "lat", "lon", "weekly_hours", "service_mask")
        .iterator(chunk_size=5000)
    ]


def exceptions_near(moment: dt.datetime) -> dict[int, dict]:
    """Hours exceptions on the moment's date and the day before, by station."""
    day, _minute = hours.local_minute(moment)
    result: dict[int, dict] = {}
    for station_id, date, text in HoursException.objects.filter(
        date__in=[day, day - dt.timedelta(days=1)]
    ).values_list("station_id", "date", "hours"):
        result.setdefault(station_id, {})[date] = hours.parse_day(text)
    return result


def brute_force(
    lat: float,
    lon: float,
    *,
    at: dt.datetime | None = None,
    mask: int = 0,
    k: int = 10,
    open_only: bool = True,
    pool: list[Candidate] | None = None,
    exceptions: dict[int, dict] | None = None,
) -> list[Hit]:
    """Every station's distance, sorted: the reference ``nearest`` must equal.
    ``pool``/``exceptions`` may be loaded once and passed in for many points."""
    moment = at or timezone.now()
    pool = candidates() if pool is None else pool
    exceptions = exceptions_near(moment) if exceptions is None else exceptions
    wanted = {bit for bit in range(63) if mask >> bit & 1}
    found = []
    for c in pool:
        if not wanted <= c.services:
            continue
        if open_only and not hours.is_open(c.week, exceptions.get(c.station_id, {}), moment):
            continue
        found.append((geo.haversine_m(lat, lon, c.lat, c.lon), c.station_id))
    found.sort()
    return [Hit(pk, d) for d, pk in found[:k]]
