"""Staff export the stations of their list as .xlsx or CSV, in the import template's own
columns: the file imports again as the same stations. Scoped to the staffer, with the
list's filters, and phones masked where the staffer may not edit the station."""

import io

import pytest

from yunjishi.stations import import_files, imports, services
from yunjishi.stations.models import Station, Status

FIELDS = (
    "code",
    "name",
    "station_type",
    "co_builder",
    "co_builder_kind",
    "org_id",
    "district_id",
    "address",
    "lat",
    "lon",
    "weekly_hours",
    "service_mask",
    "facilities",
    "manager_name",
    "manager_phone",
    "status",
    "status_reason",
    "search_cell",
    "hours_index",
)


def _download(response) -> bytes:
    return b"".join(response.streaming_content)


def _snapshot():
    return list(Station.objects.order_by("code").values_list(*FIELDS))


@pytest.fixture
def registry(make_station, handler_a):
    make_station(
        name="海沧驿站",
        lat=24.4846,
        lon=118.0326,
        station_type="rider",
        co_builder="厦门城建",
        co_builder_kind="urban",
        weekly_hours=["08:00-12:00,14:00-18:00"] * 5 + ["22:00-06:00", ""],
        facilities=["微波炉", "饮水机"],
    )
    paused = make_station(name="思明驿站", lat=24.4455, lon=118.0824, services_=["如厕"])
    services.change_status(handler_a, paused, Status.PAUSED, reason="装修")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_export_imports_again_as_the_same_stations(client_for, admin_a, registry, kind):
    before = _snapshot()
    response = client_for(admin_a).get(f"/stations/staff/export.{kind}")
    assert response["Content-Disposition"].endswith(f'.{kind}"')
    rows = import_files.read_table(io.BytesIO(_download(response)), f"stations.{kind}")
    assert rows[0] == imports.TEMPLATE_HEADERS and len(rows) == 3

    Station.objects.all().delete()
    result = imports.import_table(admin_a, rows)

    assert (result.errors, result.created) == ([], 2)
    assert _snapshot() == before
    assert Station.objects.get(name="思明驿站").events.get().reason == "装修"


def test_the_export_has_the_lists_filters_and_scope(client_for, admin_a, handler_b, registry):
    paused = client_for(admin_a).get("/stations/staff/export.csv", {"status": "paused"})
    text = _download(paused).decode("utf-8-sig")
    assert "思明驿站" in text and "海沧驿站" not in text and "暂停" in text
    other = _download(client_for(handler_b).get("/stations/staff/export.csv"))
    assert other.decode("utf-8-sig").strip() == ",".join(imports.TEMPLATE_HEADERS)


def test_the_export_masks_phones_of_stations_the_staffer_may_not_edit(
    client_for, supervisor, registry
):
    text = _download(client_for(supervisor).get("/stations/staff/export.csv")).decode()
    assert "138****5678" in text and "13812345678" not in text


def test_the_list_page_links_to_both_exports_with_its_filters(client_for, admin_a, registry):
    page = client_for(admin_a).get("/stations/staff/", {"status": "paused"}).content.decode()
    assert "/stations/staff/export.xlsx?status=paused" in page
    assert "/stations/staff/export.csv?status=paused" in page


def test_the_staff_api_exports_too(client_for, admin_a, registry):
    response = client_for(admin_a).get("/api/stations/staff/export", {"format": "csv", "q": "海沧"})
    lines = _download(response).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and "海沧驿站" in lines[1]
    xlsx = client_for(admin_a).get("/api/stations/staff/export")
    rows = import_files.read_table(io.BytesIO(_download(xlsx)), "stations.xlsx")
    assert len(rows) == 3
    assert client_for(admin_a).get("/api/stations/staff/export?format=pdf").status_code == 422
