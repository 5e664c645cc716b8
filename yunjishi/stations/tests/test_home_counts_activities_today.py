"""The homes count today's activities still to come or under way, whose attendance code
someone must show: at the stations a manager runs, or in a staffer's subtrees only. A
manager's home links the station they run (or their list, when they run several)."""

import datetime as dt

import time_machine
from django.urls import reverse

from yunjishi.people.models import StationManagerProfile, User
from yunjishi.stations import activities, home
from yunjishi.stations.models import Activity, Station

from .conftest import at

MORNING = at("2025-06-10 08:00")


def activity(actor, station, starts: str, hours: int = 2) -> Activity:
    start = at(starts)
    return activities.create_activity(
        actor,
        station,
        title="夏日送清凉",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
        places=10,
    )


def manager_of(*stations, tree) -> User:
    user = User.objects.create_user("13700000009", "Gonghui#2024", display_name="郑站长")
    profile = StationManagerProfile.objects.create(user=user, org=tree.street_a)
    Station.objects.filter(pk__in=[s.pk for s in stations]).update(manager=profile)
    return user


@time_machine.travel(MORNING, tick=False)
def test_it_counts_todays_activities_of_street_a_for_its_staff_and_manager(
    make_station, handler_a, handler_b, tree
):
    station = make_station()
    activity(handler_a, station, "2025-06-10 14:00")
    activity(handler_a, station, "2025-06-11 09:00")  # tomorrow
    cancelled = activity(handler_a, station, "2025-06-10 16:00")
    activities.cancel_activity(handler_a, cancelled, "下雨")
    manager = manager_of(station, tree=tree)

    assert home.activities_today(handler_a) == 1
    assert home.activities_today(manager) == 1
    assert home.activities_today(handler_b) == 0


def test_an_activity_that_is_over_no_longer_counts(make_station, handler_a):
    with time_machine.travel(MORNING, tick=False):
        activity(handler_a, make_station(), "2025-06-10 09:00", hours=1)
    with time_machine.travel(at("2025-06-10 10:30"), tick=False):
        assert home.activities_today(handler_a) == 0


def test_a_manager_of_one_station_is_sent_to_it_and_of_two_to_their_list(make_station, tree):
    first, second = make_station(), make_station()
    manager = manager_of(first, tree=tree)

    assert home.my_station_url(manager) == reverse("stations:staff_detail", args=[first.pk])

    Station.objects.filter(pk=second.pk).update(manager=manager.station_manager_profile)
    assert home.my_station_url(manager) == reverse("stations:staff_list")
