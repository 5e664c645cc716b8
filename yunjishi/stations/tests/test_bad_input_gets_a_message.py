"""Input no page or endpoint should choke on: a union that is not a number on the import
page, years and union ids far out of range. Each gets a clear message (a 422 over the
API), never a server error."""

import io

import pytest
from django.contrib.messages import get_messages

from yunjishi.stations import evaluation
from yunjishi.stations.models import Evaluation, Station

HUGE = "9" * 25


def _csv():
    upload = io.BytesIO("站点名称,地址,纬度,经度,开放时间\n甲站,地址,24.45,118.08,24h\n".encode())
    upload.name = "stations.csv"
    return upload


def _shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("org", ["abc", HUGE, "-1"])
def test_the_import_page_asks_to_choose_a_union_from_the_list(client_for, admin_a, district, org):
    response = client_for(admin_a).post("/stations/staff/import/", {"org": org, "file": _csv()})
    assert response.status_code == 200
    assert "从列表中选择工会" in response.content.decode()
    assert not Station.objects.exists()


def test_the_import_page_refuses_a_union_outside_the_staffers_part(
    client_for, admin_a, district, tree
):
    response = client_for(admin_a).post(
        "/stations/staff/import/", {"org": tree.street_b.pk, "file": _csv()}
    )
    assert response.status_code == 200 and not Station.objects.exists()


@pytest.mark.parametrize("year", [HUGE, "1999", "20x5", "-2024"])
def test_a_year_out_of_range_on_the_ranking_page_gets_a_message(client_for, supervisor, year):
    response = client_for(supervisor).get("/stations/staff/ranking/", {"year": year})
    assert response.status_code == 200
    assert _shown(response) == ["请填写 2000 到 2100 之间的年份。"]


def test_a_year_out_of_range_on_the_evaluation_page_saves_nothing(
    client_for, make_station, supervisor, superuser, tree
):
    sheet = evaluation.create_sheet(superuser, tree.district, 2024)
    station = make_station()
    data = {f"score_{a.pk}": 1 for a in sheet.aspects.all()}
    response = client_for(supervisor).post(
        f"/stations/staff/{station.pk}/evaluate/?year={HUGE}", {**data, "year": HUGE}
    )
    assert response.status_code == 302 and not Evaluation.objects.exists()
    assert _shown(response) == ["请填写 2000 到 2100 之间的年份。"]


@pytest.mark.parametrize("url", ["/stations/staff/ranking/", "/stations/staff/checkins/"])
def test_a_union_id_that_is_not_one_gets_a_message_and_the_staffers_own(
    client_for, supervisor, url
):
    response = client_for(supervisor).get(url, {"org": HUGE + "x"})
    assert response.status_code == 200
    assert "测试区总工会" in response.content.decode()
    assert _shown(response) == ["请从列表中选择工会。"]


def test_the_staff_api_answers_a_year_out_of_range_with_422(client_for, supervisor, tree):
    client = client_for(supervisor)
    for year in (HUGE, "1999", "2101"):
        response = client.get(
            "/api/stations/staff/ranking", {"org_id": tree.district.pk, "year": year}
        )
        assert response.status_code == 422, year
        assert "year" in response.json()["fields"]
