"""Fixtures for behaviour that spans domain apps, which never import each other: here, at
the project's level, the market's and the stations' own fixtures are reused as they are."""

import datetime as dt

import pytest
from django.utils import timezone

from yunjishi.market.tests.conftest import make_listing  # noqa: F401 (a fixture)
from yunjishi.stations import activities
from yunjishi.stations.tests.conftest import (  # noqa: F401 (fixtures)
    default_services,
    district,
    make_station,
)


@pytest.fixture
def listing(make_listing):  # noqa: F811 (the fixture imported above)
    return make_listing(places=5, per_person_limit=3, title="免费健康检查")


@pytest.fixture
def activity(make_station, handler_a):  # noqa: F811 (the fixture imported above)
    start = timezone.now() + dt.timedelta(days=1)
    return activities.create_activity(
        handler_a,
        make_station(),
        title="职工书画展",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        places=10,
    )
