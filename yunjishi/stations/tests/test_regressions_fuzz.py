"""What a schemathesis run against /api/stations found, kept fixed."""

import io

import pytest

from yunjishi.core.testing import assert_error
from yunjishi.stations.models import CoBuilderKind, Station

HUGE = "100000000000000000000"  # past 2**63: the database refuses it


@pytest.mark.parametrize(
    ("query", "status"), [(f"offset={HUGE}", 422), (f"limit={HUGE}", 200), ("limit=0", 422)]
)
def test_a_paging_number_out_of_range_is_a_clear_answer_not_a_server_error(
    client_for, worker, handler_a, make_station, query, status
):
    make_station()
    for user, path in [
        (worker, "/api/stations/my/activities"),
        (handler_a, "/api/stations/staff/stations"),
    ]:
        response = client_for(user).get(f"{path}?{query}")

        if status == 200:  # a limit past the largest page is cut to it
            assert response.status_code == 200, response.content
        else:
            body = assert_error(response, 422, "validation_error")
            assert list(body["fields"]) == [query.split("=")[0]]


@pytest.mark.parametrize("field", ["co_builder_kind", "co_builder", "facilities", "name", "lat"])
def test_a_patch_with_null_for_a_field_that_cannot_be_empty_is_422_and_changes_nothing(
    client_for, handler_a, make_station, field
):
    station = make_station(co_builder="城管", co_builder_kind=CoBuilderKind.URBAN)

    response = client_for(handler_a).patch(
        f"/api/stations/staff/stations/{station.pk}",
        {field: None, "description": "改了"},
        content_type="application/json",
    )

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == [field]
    station = Station.objects.get(pk=station.pk)
    assert station.co_builder_kind == CoBuilderKind.URBAN and station.description == ""


def test_a_patch_with_null_services_still_clears_them(client_for, handler_a, make_station):
    station = make_station()

    response = client_for(handler_a).patch(
        f"/api/stations/staff/stations/{station.pk}",
        {"services": None},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["services"] == []


def test_an_import_refused_for_its_rows_reports_the_rows_on_its_job(
    client_for, admin_a, district, tree, django_capture_on_commit_callbacks
):
    upload = io.BytesIO(
        "站点名称,地址,纬度,经度,开放时间,免费服务\n乙,地址,24.45,118.08,24h,洗澡\n".encode()
    )
    upload.name = "s.csv"
    client = client_for(admin_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/stations/staff/import", {"file": upload, "org_id": tree.street_a.pk}
        )

    assert response.status_code == 202
    job = client.get(f"/api/stations/staff/import/jobs/{response.json()['id']}").json()
    assert (job["status"], job["error_count"]) == ("refused", 1)
    assert [(e["row"], e["column"]) for e in job["errors"]] == [(2, "services")]
    assert not Station.objects.exists()


def test_an_import_without_a_file_is_422_in_the_error_shape(client_for, admin_a):
    assert_error(client_for(admin_a).post("/api/stations/staff/import"), 422, "validation_error")


def test_the_nearest_stations_to_a_point_by_the_antimeridian_are_found(client, make_station):
    """Far from every station near longitude 180, the widest band of the grid search is
    two ranges of cells a row on either side: over a thousand terms in one SQL expression,
    past SQLite's depth limit (a 500)."""
    station = make_station()

    response = client.get("/api/stations/nearest?lat=25.19&lon=-178.56&open_only=false&k=5")

    assert response.status_code == 200, response.content
    assert [hit["station"]["id"] for hit in response.json()] == [station.pk]
