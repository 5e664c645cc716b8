"""Staff pages: list with 六有 flags, lifecycle, checklist, evaluation, ranking, counts,
import; and a street-B handler sees nothing of street A."""

import io

import pytest
from openpyxl import Workbook

from yunjishi.stations import checkin_codes, evaluation, services
from yunjishi.stations.models import Station, Status


def test_the_list_flags_stations_missing_a_standard_item(client_for, make_station, handler_a):
    station = make_station()
    for item in ("sign", "layout", "facilities", "functions", "rules"):
        services.check_item(handler_a, station, item)
    page = client_for(handler_a).get("/stations/staff/").content.decode()
    assert station.code in page and "tag warn" in page


def test_a_handler_pauses_a_station_with_a_reason(client_for, make_station, handler_a):
    station = make_station()
    client = client_for(handler_a)
    client.post(f"/stations/staff/{station.pk}/status/", {"to": "paused", "reason": ""})
    assert Station.objects.get(pk=station.pk).status == Status.RUNNING
    client.post(f"/stations/staff/{station.pk}/status/", {"to": "paused", "reason": "装修"})
    assert Station.objects.get(pk=station.pk).status == Status.PAUSED


def test_a_supervisor_enters_an_evaluation_and_sees_the_ranking(
    client_for, make_station, supervisor, superuser, tree
):
    sheet = evaluation.create_sheet(superuser, tree.district, 2024)
    station = make_station()
    client = client_for(supervisor)
    data = {f"score_{a.pk}": a.max_score for a in sheet.aspects.all()}
    data["year"] = 2024
    response = client.post(f"/stations/staff/{station.pk}/evaluate/?year=2024", data)
    assert response.status_code == 302
    assert station.evaluations.get().stars == 5
    page = client.get(f"/stations/staff/ranking/?org={tree.district.pk}&year=2024")
    assert station.name in page.content.decode()


def test_an_out_of_range_score_is_shown_next_to_its_aspect(
    client_for, make_station, supervisor, superuser, tree
):
    sheet = evaluation.create_sheet(superuser, tree.district, 2024)
    station = make_station()
    data = {f"score_{a.pk}": 999 for a in sheet.aspects.all()}
    page = client_for(supervisor).post(f"/stations/staff/{station.pk}/evaluate/?year=2024", data)
    assert page.status_code == 200 and "errorlist" in page.content.decode()


def test_visit_counts_per_union(client_for, make_station, supervisor, worker, tree):
    station = make_station()
    services.check_in(worker, station, checkin_codes.screen_code(station))
    page = client_for(supervisor).get(f"/stations/staff/checkins/?org={tree.district.pk}")
    assert "街道A总工会" in page.content.decode()


def _upload(rows, name="stations.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def test_the_import_page_reports_rows_and_imports_nothing_on_error(
    client_for, admin_a, district, django_capture_on_commit_callbacks
):
    header = ["站点名称", "所属工会编码", "地址", "纬度", "经度", "开放时间"]
    rows = [
        header,
        ["甲站", "T-SA", "地址", 24.45, 118.08, "24h"],
        ["乙站", "T-SA", "地址", 95, 118.08, "24h"],
    ]
    client = client_for(admin_a)

    def send():
        with django_capture_on_commit_callbacks(execute=True):  # the worker runs the job
            response = client.post("/stations/staff/import/", {"file": _upload(rows)})
        assert response.status_code == 302
        return client.get(response["Location"]).content.decode()

    page = send()
    assert 'id="import-errors"' in page and "<td>3</td>" in page
    assert not Station.objects.exists()
    rows[2][3] = 24.46
    page = send()
    assert 'id="import-done"' in page and Station.objects.count() == 2


def test_a_worker_gets_no_staff_pages(client_for, worker, make_station):
    station = make_station()
    client = client_for(worker)
    for url in ("/stations/staff/", f"/stations/staff/{station.pk}/", "/stations/staff/import/"):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    ["/stations/staff/{pk}/", "/stations/staff/{pk}/screen/", "/stations/staff/{pk}/evaluate/"],
)
def test_a_street_b_handler_cannot_open_a_street_a_station(
    client_for, make_station, handler_b, url
):
    station = make_station()
    assert client_for(handler_b).get(url.format(pk=station.pk)).status_code == 404


def test_a_street_b_handler_cannot_change_a_street_a_station(client_for, make_station, handler_b):
    station = make_station()
    client = client_for(handler_b)
    client.post(f"/stations/staff/{station.pk}/status/", {"to": "paused", "reason": "x"})
    client.post(f"/stations/staff/{station.pk}/check/", {"item": "sign", "ok": "1"})
    client.post(f"/stations/staff/{station.pk}/exception/", {"date": "2025-01-28", "hours": ""})
    station.refresh_from_db()
    assert station.status == Status.RUNNING and not station.checks.exists()
    assert not station.exceptions.exists()
    assert station.code not in client.get("/stations/staff/").content.decode()


def test_a_street_b_handler_cannot_see_or_change_street_a_stations_in_the_admin(
    client_for, make_station, handler_b
):
    station = make_station()
    client = client_for(handler_b)
    assert station.code not in client.get("/admin/stations/station/").content.decode()
    change = f"/admin/stations/station/{station.pk}/change/"
    assert client.get(change).status_code in (302, 403, 404)
    client.post(change, {"name": "改名"})
    assert Station.objects.get(pk=station.pk).name == station.name


def test_a_handler_edits_hours_and_services_in_the_admin(client_for, make_station, handler_a):
    station = make_station()
    client = client_for(handler_a)
    response = client.get(f"/admin/stations/station/{station.pk}/change/")
    assert response.status_code == 200
    data = {
        "name": "新名字",
        "station_type": "rider",
        "co_builder": "",
        "co_builder_kind": "",
        "address": station.address,
        "lat": station.lat,
        "lon": station.lon,
        "description": "",
        "manager_name": "郑站长",
        "manager_phone": "13812345678",
        "manager": "",
        "mon": "08:00-20:00",
        "tue": "08:00-20:00",
        "wed": "08:00-20:00",
        "thu": "08:00-20:00",
        "fri": "08:00-20:00",
        "sat": "休息",
        "sun": "",
        "services": ["1", "2"],
        "facilities_text": "微波炉, 饮水机",
        "exceptions-TOTAL_FORMS": "1",
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
        "exceptions-0-date": "2025-01-28",
        "exceptions-0-hours": "10:00-14:00",
        "exceptions-0-note": "除夕",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
    }
    response = client.post(f"/admin/stations/station/{station.pk}/change/", data)
    errors = getattr(response, "context_data", {}) or {}
    assert response.status_code == 302, (
        errors.get("errors"),
        [f.formset.errors for f in errors.get("inline_admin_formsets", [])],
    )
    station.refresh_from_db()
    assert station.name == "新名字" and station.weekly_hours[0] == "08:00-20:00"
    assert station.facilities == ["微波炉", "饮水机"]
    assert "2025-01-28=600-840" in station.exceptions_index
