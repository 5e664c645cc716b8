import datetime as dt

import pytest

from yunjishi.stations import services
from yunjishi.stations.models import District, Service, Status

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
WEEKDAYS_9_TO_6 = ["09:00-18:00"] * 5 + ["", ""]


@pytest.fixture
def district(tree):
    """海沧区, the district of the test tree's district union (region code 350203 → here
    350205 is used by the demo; the tests file their district under the test tree)."""
    return District.objects.create(
        code="350203",
        name="思明区",
        city="厦门市",
        province="福建省",
        prefix="FJ-XM-SM",
        lat=24.4455,
        lon=118.0824,
    )


@pytest.fixture
def default_services(db):
    """The services migration 0002 installs: a transactional test before this one may have
    flushed them."""
    services.ensure_default_services()


@pytest.fixture
def hot_meal(default_services):
    return Service.objects.get(code="hot-meal")


@pytest.fixture
def make_station(tree, district, default_services):
    """``make_station(org=street_a, **fields)``: a running station, made by the services."""
    counter = iter(range(1, 10_000))

    def make(org=None, *, status=Status.RUNNING, services_=("热饭", "饮水"), **fields):
        where = fields.pop("district", district)
        n = next(counter)
        data = {
            "name": f"测试驿站{n}",
            "address": f"厦门市思明区测试路{n}号",
            "lat": 24.45 + n * 0.001,
            "lon": 118.08 + n * 0.001,
            "weekly_hours": ["00:00-24:00"] * 7,
            "manager_name": "郑站长",
            "manager_phone": "13812345678",
            "services": list(services_),
        }
        data.update(fields)
        return services.create_station(
            None, org or tree.street_a, data, district=where, status=status
        )

    return make


def at(text: str) -> dt.datetime:
    """A Beijing-time moment from "2025-01-06 08:30"."""
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def english():
    """Service messages are checked in English; pages get Chinese from LocaleMiddleware."""
    from django.utils import translation

    with translation.override("en"):
        yield
