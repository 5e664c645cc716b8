"""Bulk import from .xlsx and CSV: every bad row reported with its row number, and a file
with any error imports nothing."""

import io
import random

import pytest
from openpyxl import Workbook

from yunjishi.core.errors import ServiceError
from yunjishi.stations import exports, import_files, imports
from yunjishi.stations.models import Station, Status

HEADER = [
    "站点名称",
    "所属工会编码",
    "区划代码",
    "地址",
    "纬度",
    "经度",
    "开放时间",
    "周日",
    "免费服务",
]


def _rows(count: int, org_code: str = "T-SA"):
    rng = random.Random(count)
    rows = [HEADER]
    for n in range(count):
        rows.append(
            [
                f"户外劳动者服务站点{n}",
                org_code,
                "350203",
                f"厦门市思明区测试路{n}号",
                round(24.40 + rng.random() * 0.1, 6),
                round(118.05 + rng.random() * 0.1, 6),
                rng.choice(["08:00-18:00", "24小时", "22:00-06:00"]),
                rng.choice(["", "休息"]),
                rng.choice(["热饭、饮水", "休息，如厕", ""]),
            ]
        )
    return rows


def _xlsx(rows) -> io.BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_staff_import_2600_stations_from_a_spreadsheet(admin_a, district):
    result = imports.import_file(admin_a, _xlsx(_rows(2600)), "驿站.xlsx")
    assert (result.ok, result.created) == (True, 2600)
    codes = list(Station.objects.order_by("code").values_list("code", flat=True))
    assert codes[0] == "FJ-XM-SM-0001" and codes[-1] == "FJ-XM-SM-2600"
    station = Station.objects.get(code="FJ-XM-SM-0001")
    assert station.status == Status.RUNNING and station.search_cell is not None
    assert len(station.weekly_hours) == 7
    # Each station's check-in QR has its own secret, as long as one made one by one.
    tokens = list(Station.objects.values_list("checkin_token", flat=True))
    assert len(set(tokens)) == 2600 and {len(t) for t in tokens} == {16}


def test_a_weekday_column_overrides_the_hours_of_that_day_only(admin_a, district):
    rows = [HEADER, *_rows(2)[1:]]
    rows[1][6:8] = ["08:00-18:00", "休息"]
    rows[2][6:8] = ["08:00-18:00", ""]
    result = imports.import_table(admin_a, rows)
    assert result.ok, result.errors
    first, second = Station.objects.order_by("code")
    assert first.weekly_hours[:6] == second.weekly_hours[:6] == ["08:00-18:00"] * 6
    assert first.weekly_hours[6] != second.weekly_hours[6] == "08:00-18:00"


def test_one_bad_row_is_reported_by_number_and_nothing_is_imported(admin_a, district):
    rows = _rows(2600)
    rows[1300][4] = 124.4  # spreadsheet row 1301: latitude out of range
    result = imports.import_file(admin_a, _xlsx(rows), "驿站.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(1301, "lat")]
    assert "between -90 and 90" in result.errors[0].message
    assert result.created == 0 and not Station.objects.exists()


def test_each_kind_of_bad_row_gets_its_message(admin_a, district, make_station):
    taken = make_station().code
    rows = [
        ["编号", *HEADER],
        ["", "甲站", "T-SA", "350203", "地址", "24.45", "118.08", "08:00-18:00", "", "热饭、洗澡"],
        ["FJ-XM-SM-0101", "乙站", "T-SA", "350203", "地址", "24.45", "118.08", "24h", "", ""],
        ["FJ-XM-SM-0101", "丙站", "T-SA", "350203", "地址", "24.45", "118.08", "24h", "", ""],
        [taken, "丁站", "T-SA", "350203", "地址", "24.45", "118.08", "24h", "", ""],
        ["", "戊站", "T-SA", "350203", "地址", "24.45", "118.08", "", "", ""],
        ["", "己站", "T-SA", "350203", "地址", "x", "118.08", "24h", "", ""],
        ["", "庚站", "T-ZZ", "999999", "", "24.45", "118.08", "8点到18点", "", ""],
    ]
    result = imports.import_table(admin_a, rows)
    found = {(e.row, e.column): e.message for e in result.errors}
    assert found[(2, "services")] == "Unknown service: 洗澡."
    assert found[(4, "code")] == "Code FJ-XM-SM-0101 is also on row 3."
    assert found[(5, "code")] == f"Code {taken} is already given to another station."
    assert "Opening hours are missing" in found[(6, "hours")]
    assert "decimal" in found[(7, "lat")]
    assert found[(8, "org")] == "Unknown union code: T-ZZ."
    assert found[(8, "district")] == "Unknown district code: 999999."
    assert found[(8, "address")] == "This field is required."
    assert "8点到18点" in found[(8, "hours")]
    assert Station.objects.count() == 1


def test_a_csv_in_gbk_imports_too(admin_a, district):
    text = "\n".join(",".join(str(c) for c in row) for row in _rows(3))
    result = imports.import_file(admin_a, io.BytesIO(text.encode("gb18030")), "stations.csv")
    assert result.created == 3


def test_a_handler_of_another_street_cannot_import_into_street_a(handler_b, district):
    result = imports.import_table(handler_b, _rows(2))
    assert [e.row for e in result.errors] == [2, 3]
    assert "not in your part of the union" in result.errors[0].message
    assert not Station.objects.exists()


def test_missing_columns_are_named(admin_a):
    result = imports.import_table(admin_a, [["站点名称", "地址"], ["甲", "乙"]])
    assert result.errors[0].row == 1 and "lat, lon" in result.errors[0].message


def test_other_files_are_refused(admin_a):
    with pytest.raises(ServiceError):
        imports.import_file(admin_a, io.BytesIO(b"%PDF"), "stations.pdf")
    with pytest.raises(ServiceError):
        imports.import_file(admin_a, io.BytesIO(b"not a zip"), "stations.xlsx")


def test_the_template_reads_back_without_errors(admin_a, tree, db):
    from yunjishi.stations.models import District

    District.objects.create(
        code="350205", name="海沧区", province="福建省", prefix="FJ-XM-HC", lat=24.48, lon=118.03
    )
    rows = import_files.read_table(io.BytesIO(exports.template_xlsx()), "template.xlsx")
    result = imports.import_table(admin_a, rows, default_org=tree.street_a)
    assert (result.errors, result.created) == ([], 1)
    assert Station.objects.get().code == "FJ-XM-HC-0001"
