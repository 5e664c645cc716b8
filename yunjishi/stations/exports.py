"""Stations out: the import template, the registry as .xlsx or CSV in the template's own
columns (so that an export imports again), and the public GeoJSON. Rows are read from the
database in chunks and written out one by one: 200 000 stations never sit in memory as a
list of objects or a JSON document."""

import json
from collections.abc import Iterator

from django.db.models import Exists, OuterRef
from django.utils import translation

from yunjishi.core import spreadsheet
from yunjishi.core.masking import mask_phone

from .imports import DAYS, TEMPLATE_HEADERS
from .models import CoBuilderKind, Service, Station, StationType, Status

CHUNK = 2000


def template_xlsx() -> bytes:
    """An empty workbook with the headers and one example row."""
    book, sheet = spreadsheet.write_only_sheet("stations")
    spreadsheet.append(sheet, TEMPLATE_HEADERS)
    example = {
        "站点名称": "海沧管理站户外劳动者服务站点",
        "类型": "户外劳动者服务站点",
        "共建单位": "厦门城建市政公司",
        "共建单位类型": "城管",
        "区划代码": "350205",
        "地址": "福建省厦门市海沧区海沧大道（示例）",
        "纬度": 24.4846,
        "经度": 118.0326,
        "开放时间": "08:00-18:00",
        "周日": "休息",
        "免费服务": "热饭、饮水、休息",
        "设施": "微波炉、饮水机、空调",
        "管理员": "郑丽娟",
        "管理员电话": "13800005001",
    }
    spreadsheet.append(sheet, [example.get(header, "") for header in TEMPLATE_HEADERS])
    return spreadsheet.xlsx_bytes(book)


# --- The registry, for staff ----------------------------------------------------------------


def registry_rows(user, stations) -> Iterator[list]:
    """The header, then one row per station of ``stations`` in the template's columns and
    the words the import reads. The manager's phone is masked in the rows of stations
    ``user`` may not edit (PIPL), as everywhere else."""
    with translation.override("zh-hans"):
        words = {
            "type": {value: str(label) for value, label in StationType.choices},
            "kind": {value: str(label) for value, label in CoBuilderKind.choices if value},
            "status": {value: str(label) for value, label in Status.choices},
        }
    names = [(s.bit, s.name) for s in Service.objects.all()]
    editable = Station.objects.changeable_by(user).filter(pk=OuterRef("pk"))
    found = (
        stations.select_related("org", "district")
        .annotate(may_edit=Exists(editable))
        .order_by("code")
    )
    yield list(TEMPLATE_HEADERS)
    for s in found.iterator(chunk_size=CHUNK):
        yield [
            s.code,
            s.name,
            words["type"].get(s.station_type, s.station_type),
            s.co_builder,
            words["kind"].get(s.co_builder_kind, ""),
            s.org.code,
            s.district.code,
            s.address,
            s.lat,
            s.lon,
            "",  # 开放时间: every day has its own column
            *[hours or "休息" for hours in s.weekly_hours],
            "、".join(name for bit, name in names if s.service_mask >> bit & 1),
            "、".join(s.facilities),
            s.manager_name,
            s.manager_phone if s.may_edit else mask_phone(s.manager_phone),
            words["status"][s.status],
            s.status_reason,
        ]


def csv_chunks(rows) -> Iterator[str]:
    """The registry as CSV, line by line (``core.spreadsheet``: never a formula)."""
    return spreadsheet.csv_lines(rows)


def xlsx_file(rows):
    """The registry as a workbook written row by row to a temporary file, open at its
    start (``core.spreadsheet``: illegal characters dropped, never a formula)."""
    return spreadsheet.rows_xlsx("stations", rows)


# --- GeoJSON, for everyone ----------------------------------------------------------------


def geojson_chunks(queryset) -> Iterator[str]:
    """A FeatureCollection (RFC 7946, WGS-84 longitude first) of public station data, as
    text in pieces of ``CHUNK`` features."""
    names = [(s.bit, s.name) for s in Service.objects.all()]
    rows = (
        queryset.order_by("code")
        .values_list(
            "code",
            "name",
            "station_type",
            "address",
            "district__code",
            "status",
            "lat",
            "lon",
            "weekly_hours",
            "service_mask",
            "facilities",
        )
        .iterator(chunk_size=CHUNK)
    )
    yield '{"type": "FeatureCollection", "features": ['
    piece: list[str] = []
    first = True
    for code, name, kind, address, district, status, lat, lon, week, mask, facilities in rows:
        feature = {
            "type": "Feature",
            "id": code,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "code": code,
                "name": name,
                "type": kind,
                "address": address,
                "district": district,
                "status": status,
                "hours": dict(zip(DAYS, week, strict=True)),
                "services": [n for bit, n in names if mask >> bit & 1],
                "facilities": facilities,
            },
        }
        piece.append(json.dumps(feature, ensure_ascii=False))
        if len(piece) == CHUNK:
            yield ("" if first else ", ") + ", ".join(piece)
            piece, first = [], False
    if piece:
        yield ("" if first else ", ") + ", ".join(piece)
    yield "]}"


def geojson(queryset) -> dict:
    """The same collection as one document (for tests and small sets)."""
    return json.loads("".join(geojson_chunks(queryset)))
