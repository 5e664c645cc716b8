"""Activities: one-tap sign-up through the booking engine, attendance by QR."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from yunjishi.booking.models import BookingStatus
from yunjishi.booking.services import Full
from yunjishi.core.errors import NotAllowed, ServiceError
from yunjishi.stations import activities


@pytest.fixture
def activity(make_station, handler_a):
    station = make_station()
    start = timezone.now() + dt.timedelta(days=2)
    return activities.create_activity(
        handler_a,
        station,
        title="手风琴演奏会",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        places=1,
    )


def test_a_tap_takes_a_place_and_a_second_tap_returns_it(activity, worker):
    first, created = activities.sign_up(worker, activity, idempotency_key="k1")
    again, created_again = activities.sign_up(worker, activity, idempotency_key="k1")
    assert created and not created_again and again == first
    assert activities.slot_of(activity).taken == 1


def test_it_never_oversells(activity, worker, other_worker):
    activities.sign_up(worker, activity)
    with pytest.raises(Full):
        activities.sign_up(other_worker, activity)


def test_a_cancelled_sign_up_frees_the_place(activity, worker, other_worker):
    activities.sign_up(worker, activity)
    assert activities.cancel_sign_up(worker, activity)
    activities.sign_up(other_worker, activity)


def test_attending_by_qr_spends_the_place(activity, worker):
    booking, _ = activities.sign_up(worker, activity)
    with time_machine.travel(activity.starts_at + dt.timedelta(minutes=10)):
        attendance, created = activities.attend(worker, activity, activity.attend_token)
        _, again = activities.attend(worker, activity, activity.attend_token)
    booking.refresh_from_db()
    assert created and not again and attendance.booking == booking
    assert booking.status == BookingStatus.USED


def test_a_walk_in_can_attend_without_a_sign_up(activity, other_worker):
    with time_machine.travel(activity.starts_at):
        attendance, created = activities.attend(other_worker, activity, activity.attend_token)
    assert created and attendance.booking is None


def test_attendance_needs_the_right_code_and_time(activity, worker):
    with pytest.raises(NotAllowed):
        activities.attend(worker, activity, "nope")
    with pytest.raises(ServiceError) as early:
        activities.attend(worker, activity, activity.attend_token, at=timezone.now())
    assert early.value.code == "too_early"
    with pytest.raises(ServiceError) as late:
        activities.attend(
            worker, activity, activity.attend_token, at=activity.ends_at + dt.timedelta(minutes=1)
        )
    assert late.value.code == "over"


def test_an_activity_needs_a_future_start_and_places(make_station, handler_a):
    past = timezone.now() - dt.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        activities.create_activity(
            handler_a, make_station(), title="", starts_at=past, ends_at=past, places=0
        )
    assert set(error.value.message_dict) == {"title", "starts_at", "ends_at", "places"}


def test_a_handler_of_another_street_cannot_add_activities(make_station, handler_b):
    start = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(NotAllowed):
        activities.create_activity(
            handler_b,
            make_station(),
            title="x",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            places=5,
        )
