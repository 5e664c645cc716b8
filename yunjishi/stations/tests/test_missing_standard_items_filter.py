""" "Only stations missing a 六有 item" is a filter of the query, before paging: the page and
the API list every such station, however many fully checked stations come first."""

from django.utils import timezone

from yunjishi.stations import imports
from yunjishi.stations.models import ChecklistCheck, ChecklistItem, Station


def _meet_everything(stations, checker):
    now = timezone.now()
    ChecklistCheck.objects.bulk_create(
        (
            ChecklistCheck(station=station, item=item, checked_by=checker, checked_at=now)
            for station in stations
            for item in ChecklistItem.values
        ),
        batch_size=5000,
    )


def test_the_page_lists_the_stations_missing_an_item_behind_a_full_page_of_good_ones(
    client_for, make_station, handler_a
):
    stations = [make_station() for _ in range(53)]
    _meet_everything(stations[:51], handler_a)  # more than the 50 of the first page
    ChecklistCheck.objects.create(
        station=stations[51], item="sign", ok=False, checked_by=handler_a, checked_at=timezone.now()
    )
    page = client_for(handler_a).get("/stations/staff/", {"missing": "1"}).content.decode()
    assert stations[51].code in page and stations[52].code in page
    assert stations[0].code not in page and "1 / 1" in page


def test_the_api_lists_the_stations_missing_an_item_beyond_the_first_five_thousand(
    client_for, admin_a, district
):
    header = ["站点名称", "所属工会编码", "地址", "纬度", "经度", "开放时间"]
    rows = [header] + [[f"驿站{n}", "T-SA", "地址", 24.45, 118.08, "24h"] for n in range(5003)]
    assert imports.import_table(admin_a, rows).created == 5003
    _meet_everything(Station.objects.order_by("code")[:5000], admin_a)
    listed = client_for(admin_a).get("/api/stations/staff/stations?missing=true&limit=10").json()
    assert listed["count"] == 3
    assert [s["code"] for s in listed["items"]] == [
        "FJ-XM-SM-5001",
        "FJ-XM-SM-5002",
        "FJ-XM-SM-5003",
    ]
