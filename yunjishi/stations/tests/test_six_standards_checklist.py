"""六有: who checked each item and when; what is missing is listed."""

import pytest
import time_machine

from yunjishi.core.errors import NotAllowed
from yunjishi.stations import services
from yunjishi.stations.models import ChecklistItem

from .conftest import at


def test_each_item_records_who_and_when(make_station, handler_a):
    station = make_station()
    with time_machine.travel(at("2025-03-01 10:00"), tick=False):
        check = services.check_item(handler_a, station, "sign", note="门头已更换")
    assert (check.checked_by, check.checked_at) == (handler_a, at("2025-03-01 10:00"))


def test_missing_items_are_listed_in_order(make_station, handler_a):
    station = make_station()
    assert services.missing_items(station) == ChecklistItem.values
    for item in ("sign", "layout", "facilities", "functions", "rules"):
        services.check_item(handler_a, station, item)
    services.check_item(handler_a, station, "map", ok=False, note="地图未标注")
    assert services.missing_items(station) == ["map"]
    services.check_item(handler_a, station, "map")
    assert services.missing_items(station) == []


def test_only_staff_over_the_station_may_check(make_station, handler_b, worker):
    station = make_station()
    for person in (handler_b, worker):
        with pytest.raises(NotAllowed):
            services.check_item(person, station, "sign")
