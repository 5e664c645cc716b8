import datetime as dt

import pytest
from django.utils import timezone

from yunjishi.stations import activities, checkin_codes
from yunjishi.stations.models import Attendance, CheckIn


def test_scanning_the_code_and_tapping_records_a_visit(client_for, make_station, worker):
    station = make_station()
    client = client_for(worker)
    code = checkin_codes.screen_code(station)
    url = f"/stations/c/{station.code}/?t={code}"
    assert client.get(url).status_code == 200
    assert not CheckIn.objects.exists()  # opening the page alone records nothing
    page = client.post(url, {"t": code}).content.decode()
    assert 'id="checked-in"' in page and CheckIn.objects.count() == 1
    client.post(url, {"t": code})
    assert CheckIn.objects.count() == 1


def test_the_check_in_page_asks_a_stranger_to_log_in(client, make_station):
    station = make_station()
    response = client.get(f"/stations/c/{station.code}/?t={checkin_codes.screen_code(station)}")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.fixture
def activity(make_station, handler_a):
    start = timezone.now() + dt.timedelta(days=1)
    return activities.create_activity(
        handler_a,
        make_station(),
        title="职工书画展",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        places=10,
    )


def test_preview_then_one_tap_sign_up(client_for, activity, worker):
    client = client_for(worker)
    page = client.get(f"/stations/activities/{activity.pk}/").content.decode()
    assert "职工书画展" in page and 'id="sign-up"' in page
    token = page.split('name="token" value="')[1].split('"')[0]
    url = f"/stations/activities/{activity.pk}/sign-up/"
    client.post(url, {"token": token})
    client.post(url, {"token": token})  # a double tap
    assert activities.slot_of(activity).taken == 1
    assert 'id="signed-up"' in client.get(f"/stations/activities/{activity.pk}/").content.decode()


def test_attendance_by_the_activitys_code(client_for, activity, worker):
    import time_machine

    client = client_for(worker)
    url = f"/stations/activities/{activity.pk}/attend/?t={activity.attend_token}"
    with time_machine.travel(activity.starts_at):
        page = client.post(url, {"t": activity.attend_token}).content.decode()
    assert 'id="attended"' in page and Attendance.objects.filter(user=worker).exists()
