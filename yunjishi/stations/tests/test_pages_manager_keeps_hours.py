"""A station manager keeps their own station's hours and services current, and only theirs."""

import pytest

from yunjishi.people.models import StationManagerProfile, User
from yunjishi.stations.models import Service


@pytest.fixture
def manager(tree, password):
    user = User.objects.create_user("13700000005", password, display_name="郑站长")
    return StationManagerProfile.objects.create(user=user, org=tree.street_a)


def _form(station, **changes):
    data = {
        "name": station.name,
        "station_type": station.station_type,
        "address": station.address,
        "lat": station.lat,
        "lon": station.lon,
        "manager_name": "郑站长",
        "manager_phone": "13812345678",
        "services": [str(Service.objects.get(code="water").pk)],
    }
    for n, day in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun")):
        data[day] = station.weekly_hours[n]
    data.update(changes)
    return data


def test_the_manager_changes_the_hours_of_their_station(client_for, make_station, manager):
    station = make_station(manager=manager)
    client = client_for(manager.user)
    assert client.get(f"/stations/staff/{station.pk}/edit/").status_code == 200
    response = client.post(
        f"/stations/staff/{station.pk}/edit/", _form(station, sat="休息", sun="10:00-16:00")
    )
    assert response.status_code == 302
    station.refresh_from_db()
    assert station.weekly_hours[5:] == ["", "10:00-16:00"]
    assert [s.code for s in station.service_list] == ["water"]


def test_bad_hours_are_shown_on_the_form(client_for, make_station, manager):
    station = make_station(manager=manager)
    response = client_for(manager.user).post(
        f"/stations/staff/{station.pk}/edit/", _form(station, mon="早上八点")
    )
    assert response.status_code == 200 and "早上八点" in response.content.decode()


def test_the_manager_cannot_open_another_station(client_for, make_station, manager):
    other = make_station()
    assert client_for(manager.user).get(f"/stations/staff/{other.pk}/edit/").status_code == 404
    assert client_for(manager.user).get("/stations/staff/").content.decode().count("data-code") == 0
