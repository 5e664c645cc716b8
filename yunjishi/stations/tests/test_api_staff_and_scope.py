"""The staff API, and its scope: a street-B handler gets 404 for street A's stations."""

import io

import pytest
from openpyxl import Workbook

from yunjishi.stations import evaluation
from yunjishi.stations.models import Station, Status


def _json(client, method, url, data=None):
    return getattr(client, method)(url, data or {}, content_type="application/json")


def _payload(**fields):
    data = {
        "org_id": None,
        "name": "API驿站",
        "address": "思明区某路1号",
        "lat": 24.45,
        "lon": 118.08,
        "weekly_hours": ["08:00-18:00"] * 5 + ["休息", "休息"],
        "services": ["热饭", "water"],
        "manager_phone": "13812345678",
    }
    data.update(fields)
    return data


def test_a_handler_registers_and_runs_a_station(client_for, handler_a, tree, district):
    client = client_for(handler_a)
    response = _json(
        client, "post", "/api/stations/staff/stations", _payload(org_id=tree.street_a.pk)
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["code"] == "FJ-XM-SM-0001" and body["status"] == "planning"
    assert body["services"] == ["hot-meal", "water"]
    pk = body["id"]
    moved = _json(client, "post", f"/api/stations/staff/stations/{pk}/status", {"to": "running"})
    assert moved.json()["status"] == "running"
    patched = _json(client, "patch", f"/api/stations/staff/stations/{pk}", {"name": "新名"})
    assert patched.json()["name"] == "新名"
    response = _json(
        client, "put", f"/api/stations/staff/stations/{pk}/exceptions/2025-01-28", {"hours": ""}
    )
    assert response.status_code == 204
    check = _json(client, "post", f"/api/stations/staff/stations/{pk}/checks", {"item": "sign"})
    assert check.json()["checked_by"] == "甲办理员"
    listed = client.get("/api/stations/staff/stations?missing=true").json()
    assert listed["items"][0]["missing_items"] == [
        "layout",
        "facilities",
        "functions",
        "rules",
        "map",
    ]


def test_bad_station_data_comes_back_field_by_field(client_for, handler_a, tree, district):
    response = _json(
        client_for(handler_a),
        "post",
        "/api/stations/staff/stations",
        _payload(org_id=tree.street_a.pk, lat=0, weekly_hours=["x"] * 7, services=["洗澡"]),
    )
    assert response.status_code == 422
    assert {"lat", "weekly_hours", "services"} <= set(response.json()["fields"])


def test_an_illegal_move_is_a_conflict(client_for, handler_a, make_station):
    station = make_station()
    client = client_for(handler_a)
    _json(
        client,
        "post",
        f"/api/stations/staff/stations/{station.pk}/status",
        {"to": "exited", "reason": "撤"},
    )
    response = _json(
        client, "post", f"/api/stations/staff/stations/{station.pk}/status", {"to": "running"}
    )
    assert (response.status_code, response.json()["code"]) == (409, "illegal_transition")


def test_evaluation_and_ranking(client_for, supervisor, superuser, make_station, tree):
    evaluation.create_sheet(superuser, tree.district, 2024)
    station = make_station()
    client = client_for(supervisor)
    scores = {name: top for name, top in evaluation.DEFAULT_ASPECTS}
    response = _json(
        client,
        "post",
        f"/api/stations/staff/stations/{station.pk}/evaluations",
        {"year": 2024, "scores": scores},
    )
    assert response.json()["stars"] == 5
    ranked = client.get(f"/api/stations/staff/ranking?org_id={tree.district.pk}&year=2024").json()
    assert ranked[0]["station_id"] == station.pk and ranked[0]["rank"] == 1


def test_import_over_the_api_is_all_or_nothing(
    client_for, admin_a, district, tree, django_capture_on_commit_callbacks
):
    book = Workbook()
    book.active.append(["站点名称", "地址", "纬度", "经度", "开放时间", "免费服务"])
    book.active.append(["甲", "地址", 24.45, 118.08, "24h", "热饭"])
    book.active.append(["乙", "地址", 24.45, 118.08, "24h", "洗澡"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "s.xlsx"
    client = client_for(admin_a)
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs the job
        response = client.post(
            "/api/stations/staff/import", {"file": buffer, "org_id": tree.street_a.pk}
        )
    assert response.status_code == 202, response.content
    job = client.get(f"/api/stations/staff/import/jobs/{response.json()['id']}").json()
    assert (job["status"], job["rows"], job["created"]) == ("refused", 2, 0)
    assert job["errors"] == [{"row": 3, "column": "services", "message": "未知的服务：洗澡。"}]
    assert not Station.objects.exists()


@pytest.mark.parametrize(
    "method,url,data",
    [
        ("get", "/api/stations/staff/stations/{pk}", None),
        ("patch", "/api/stations/staff/stations/{pk}", {"name": "改"}),
        ("post", "/api/stations/staff/stations/{pk}/status", {"to": "paused", "reason": "x"}),
        ("post", "/api/stations/staff/stations/{pk}/checks", {"item": "sign"}),
        ("put", "/api/stations/staff/stations/{pk}/exceptions/2025-01-28", {"hours": ""}),
        ("post", "/api/stations/staff/stations/{pk}/evaluations", {"year": 2024, "scores": {}}),
    ],
)
def test_a_street_b_handler_gets_404_for_a_street_a_station(
    client_for, handler_b, make_station, method, url, data
):
    station = make_station()
    response = _json(client_for(handler_b), method, url.format(pk=station.pk), data)
    assert response.status_code == 404
    station.refresh_from_db()
    assert station.name.startswith("测试驿站") and station.status == Status.RUNNING


def test_a_street_b_handler_lists_none_of_street_a_and_cannot_register_there(
    client_for, handler_b, make_station, tree
):
    make_station()
    client = client_for(handler_b)
    assert client.get("/api/stations/staff/stations").json()["count"] == 0
    response = _json(
        client, "post", "/api/stations/staff/stations", _payload(org_id=tree.street_a.pk)
    )
    assert response.status_code == 404


def test_a_worker_gets_no_staff_api(client_for, worker):
    assert client_for(worker).get("/api/stations/staff/stations").status_code == 403
