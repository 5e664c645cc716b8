"""Codes and statuses given in an import: a code must be one the district's counter could
have given (and the counter moves past it), a code taken meanwhile imports nothing, and a
station imported paused or exited needs its reason and gets its history."""

import pytest

from yunjishi.core.errors import Conflict
from yunjishi.stations import imports
from yunjishi.stations.models import CodeCounter, Station, StationEvent, Status

HEADER = ["编号", "站点名称", "所属工会编码", "区划代码", "地址", "纬度", "经度", "开放时间"]


def _row(code="", name="甲站", district="350203"):
    return [code, name, "T-SA", district, "思明区某路1号", 24.45, 118.08, "24h"]


def _codes_errors(admin, *codes):
    result = imports.import_table(admin, [HEADER, *[_row(code) for code in codes]])
    return {e.row: e.message for e in result.errors if e.column == "code"}


def test_a_code_must_be_the_districts_prefix_and_a_number(admin_a, district):
    errors = _codes_errors(
        admin_a,
        "FJ-XM-HC-0001",  # another district's prefix
        "FJ-XM-SM-12",  # fewer than four digits
        "FJ-XM-SM-00012",  # a leading zero the counter would never write
        "FJ-XM-SM-0000",
        "FJ-XM-SM-ABCD",
        "FJ-XM-SM-" + "9" * 30,  # longer than the code column: no DataError on PostgreSQL
        "FJ-XM-SM-0042",
    )
    assert sorted(errors) == [2, 3, 4, 5, 6, 7]
    assert errors[2] == (
        "FJ-XM-HC-0001 is not a code of district 350203: give none, or one such as FJ-XM-SM-0001."
    )
    assert not Station.objects.exists()


def test_a_good_code_is_imported_as_given_and_moves_the_counter_past_it(
    admin_a, district, make_station
):
    rows = [HEADER, _row("FJ-XM-SM-0007", "甲站"), _row("", "乙站"), _row("", "丙站")]
    result = imports.import_table(admin_a, rows)
    assert (result.errors, result.created) == ([], 3)
    codes = dict(Station.objects.values_list("name", "code"))
    assert codes == {"甲站": "FJ-XM-SM-0007", "乙站": "FJ-XM-SM-0008", "丙站": "FJ-XM-SM-0009"}
    assert CodeCounter.objects.get(prefix="FJ-XM-SM").last == 9
    assert make_station().code == "FJ-XM-SM-0010"


def test_a_code_below_the_counter_leaves_it_where_it_is(admin_a, district, make_station):
    make_station(), make_station(), make_station()
    result = imports.import_table(admin_a, [HEADER, _row("FJ-XM-SM-0005")])
    assert result.ok
    assert make_station().code == "FJ-XM-SM-0006"
    assert imports.import_table(admin_a, [HEADER, _row("FJ-XM-SM-0002")]).errors[0].message == (
        "Code FJ-XM-SM-0002 is already given to another station."
    )


def test_a_code_taken_while_the_file_imports_imports_nothing(
    admin_a, district, make_station, monkeypatch
):
    taken = make_station().code
    # Another import took the code after this file's rows were checked.
    monkeypatch.setattr(imports, "_check_codes_are_new", lambda checker, checked: None)
    with pytest.raises(Conflict) as error:
        imports.import_table(admin_a, [HEADER, _row("", "乙站"), _row(taken, "丙站")])
    assert error.value.code == "code_taken"
    assert "nothing was imported" in str(error.value.message)
    assert list(Station.objects.values_list("code", flat=True)) == [taken]
    assert Station.objects.filter(name="乙站").count() == 0


def test_a_station_imported_paused_or_exited_needs_a_reason(admin_a, district):
    header = [*HEADER, "状态", "状态原因"]
    rows = [header, [*_row(), "暂停", ""], [*_row(), "退出", "  "], [*_row(), "运行", ""]]
    result = imports.import_table(admin_a, rows)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "status_reason"),
        (3, "status_reason"),
    ]
    assert result.errors[0].message == "Give the reason for the status “Paused”."
    assert not Station.objects.exists()


def test_a_station_imported_paused_keeps_its_reason_and_history(admin_a, district):
    header = [*HEADER, "状态", "状态原因"]
    rows = [header, [*_row("", "甲站"), "暂停", "装修"], [*_row("", "乙站"), "筹建", "x"]]
    result = imports.import_table(admin_a, rows)
    assert result.ok, result.errors
    paused = Station.objects.get(name="甲站")
    assert (paused.status, paused.status_reason, paused.search_cell) == (
        Status.PAUSED,
        "装修",
        None,
    )
    (event,) = StationEvent.objects.all()
    assert (event.station, event.from_status, event.to_status, event.reason, event.actor) == (
        paused,
        "",
        Status.PAUSED,
        "装修",
        admin_a,
    )
    assert Station.objects.get(name="乙站").status_reason == ""
