"""Calling an activity off: every place is given back through the booking engine, the
people who had signed up are told, and nobody can sign up or attend any more; nor at a
station that is not running, on the pages as over the API."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from yunjishi.booking.models import Booking, BookingStatus
from yunjishi.core.errors import Conflict, NotAllowed, ServiceError
from yunjishi.notify.models import Notification
from yunjishi.stations import activities, services
from yunjishi.stations.models import Activity, Attendance, Status


@pytest.fixture
def activity(make_station, handler_a):
    start = timezone.now() + dt.timedelta(days=2)
    return activities.create_activity(
        handler_a,
        make_station(name="海沧驿站"),
        title="手风琴演奏会",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        places=5,
    )


def test_cancelling_gives_every_place_back_and_tells_who_had_signed_up(
    activity, handler_a, worker, other_worker
):
    for person in (worker, other_worker):
        activities.sign_up(person, activity)

    assert activities.cancel_activity(handler_a, activity, "场地维修") == 2

    assert Activity.objects.get(pk=activity.pk).is_cancelled
    assert activities.slot_of(activity).taken == 0
    statuses = set(Booking.objects.filter(pool=activity.pool).values_list("status", flat=True))
    assert statuses == {BookingStatus.CANCELLED}
    told = Notification.objects.filter(kind="stations.activity_cancelled")
    assert sorted(told.values_list("user", flat=True)) == sorted([worker.pk, other_worker.pk])
    note = told.first()
    assert note.title == "Cancelled: 手风琴演奏会"
    assert "海沧驿站" in note.body and "场地维修" in note.body
    assert note.url == f"/stations/activities/{activity.pk}/"


def test_nobody_signs_up_for_a_cancelled_activity_even_from_an_old_page(
    activity, handler_a, worker
):
    stale = Activity.objects.get(pk=activity.pk)  # loaded before the cancellation
    activities.cancel_activity(handler_a, activity)
    with pytest.raises(ServiceError) as error:
        activities.sign_up(worker, stale)
    assert error.value.code == "cancelled"
    assert not Booking.objects.filter(pool=activity.pool).exists()


def test_nobody_attends_a_cancelled_activity(activity, handler_a, worker):
    activities.cancel_activity(handler_a, activity)
    with pytest.raises(ServiceError), time_machine.travel(activity.starts_at):
        activities.attend(worker, activity, activity.attend_token)
    assert not Attendance.objects.exists()


def test_an_activity_is_cancelled_once(activity, handler_a):
    activities.cancel_activity(handler_a, activity)
    with pytest.raises(Conflict):
        activities.cancel_activity(handler_a, activity)


def test_a_handler_of_another_street_cannot_cancel(activity, handler_b):
    with pytest.raises(NotAllowed):
        activities.cancel_activity(handler_b, activity)
    assert not Activity.objects.get(pk=activity.pk).is_cancelled


def test_a_handler_cancels_from_the_stations_staff_page(client_for, activity, handler_a, worker):
    activities.sign_up(worker, activity)
    client = client_for(handler_a)
    page = client.get(f"/stations/staff/{activity.station_id}/").content.decode()
    assert f"/stations/staff/activities/{activity.pk}/cancel/" in page
    response = client.post(
        f"/stations/staff/activities/{activity.pk}/cancel/", {"reason": "暴雨预警"}
    )
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).is_cancelled
    assert Notification.objects.filter(user=worker, body__contains="暴雨预警").exists()


def test_a_handler_of_another_street_gets_404_for_the_cancel_button(
    client_for, activity, handler_b
):
    response = client_for(handler_b).post(f"/stations/staff/activities/{activity.pk}/cancel/")
    assert response.status_code == 404
    assert not Activity.objects.get(pk=activity.pk).is_cancelled


def test_the_staff_api_cancels_an_activity(client_for, activity, handler_a, worker):
    activities.sign_up(worker, activity)
    response = client_for(handler_a).post(
        f"/api/stations/staff/activities/{activity.pk}/cancel",
        {"reason": "场地维修"},
        content_type="application/json",
    )
    assert response.json() == {"activity_id": activity.pk, "released": 1}
    again = client_for(handler_a).post(
        f"/api/stations/staff/activities/{activity.pk}/cancel", {}, content_type="application/json"
    )
    assert (again.status_code, again.json()["code"]) == (409, "cancelled")


def test_the_sign_up_page_refuses_an_activity_at_a_paused_station(
    client_for, activity, handler_a, worker
):
    services.change_status(handler_a, activity.station, Status.PAUSED, reason="装修")
    client = client_for(worker)
    response = client.post(
        f"/stations/activities/{activity.pk}/sign-up/", {"token": "t" * 24}, follow=True
    )
    assert "暂停开放" in response.content.decode()
    assert not Booking.objects.filter(pool=activity.pool).exists()


def test_attendance_is_refused_at_a_paused_station(activity, handler_a, worker):
    services.change_status(handler_a, activity.station, Status.PAUSED, reason="装修")
    with pytest.raises(ServiceError) as error, time_machine.travel(activity.starts_at):
        activities.attend(worker, activity, activity.attend_token)
    assert error.value.code == "not_running"
