"""Check-in codes change (defect 10): a photo of a station's code, used later from
anywhere, records no visit, so 服务人次 counts people who were at the station.

The screen's code changes every STATIONS_CHECKIN_CODE_MINUTES (10 in the tests); the code
of the window before is still taken. A printed day code works on its date only.
"""

import datetime as dt
from urllib.parse import unquote

import pytest
import time_machine
from django.test import override_settings

from yunjishi.core.errors import NotAllowed
from yunjishi.stations import checkin_codes, services
from yunjishi.stations.models import CheckIn

from .conftest import at

EXPIRED = "此二维码已过期，请扫描现场最新二维码。"


def _api(client, station, code):
    return client.post(
        f"/api/stations/stations/{station.pk}/checkins",
        {"token": code},
        content_type="application/json",
    )


@pytest.fixture(autouse=True)
def ten_minutes():
    with override_settings(STATIONS_CHECKIN_CODE_MINUTES=10):
        yield


def test_a_current_code_counts_once(make_station, worker, client_for):
    station = make_station()
    client = client_for(worker)
    with time_machine.travel(at("2025-03-01 10:01"), tick=False):
        code = checkin_codes.screen_code(station)
        assert _api(client, station, code).status_code == 201
        assert _api(client, station, code).status_code == 200  # the same visit
    assert CheckIn.objects.filter(station=station, user=worker).count() == 1


def test_the_code_of_the_window_before_still_counts(make_station, worker):
    station = make_station()
    with time_machine.travel(at("2025-03-01 10:09"), tick=False):
        code = checkin_codes.screen_code(station)
    with time_machine.travel(at("2025-03-01 10:19"), tick=False):
        _visit, created = services.check_in(worker, station, code)
    assert created


def test_a_code_older_than_the_windows_is_refused_and_nothing_is_stored(
    make_station, worker, client_for
):
    station = make_station()
    client = client_for(worker)
    with time_machine.travel(at("2025-03-01 10:09"), tick=False):
        photo = checkin_codes.screen_code(station)
    with time_machine.travel(at("2025-03-01 10:20"), tick=False):
        answer = _api(client, station, photo)
        page = client.post(f"/stations/c/{station.code}/", {"t": photo}).content.decode()
        opened = client.get(f"/stations/c/{station.code}/?t={photo}").content.decode()
    assert answer.status_code == 403
    assert answer.json()["code"] == "expired" and answer.json()["message"] == EXPIRED
    assert EXPIRED in page and 'id="checked-in"' not in page
    assert EXPIRED in opened and 'name="t"' not in opened  # no button to tap in vain
    assert not CheckIn.objects.exists()


def test_a_day_code_counts_on_its_day_only(make_station, worker, other_worker):
    station = make_station()
    code = checkin_codes.day_code(station, dt.date(2025, 3, 1))
    with time_machine.travel(at("2025-03-01 23:30"), tick=False):  # Beijing time
        _visit, created = services.check_in(worker, station, code)
    with (
        time_machine.travel(at("2025-03-02 00:10"), tick=False),
        pytest.raises(NotAllowed) as refused,
    ):
        services.check_in(other_worker, station, code)
    with (
        time_machine.travel(at("2025-02-28 12:00"), tick=False),
        pytest.raises(NotAllowed),
    ):
        services.check_in(other_worker, station, code)  # not yet
    assert created and refused.value.code == "expired"
    assert CheckIn.objects.filter(user=other_worker).count() == 0


def test_the_fixed_code_printed_before_is_refused_as_expired(make_station, worker):
    station = make_station()
    with pytest.raises(NotAllowed) as refused:
        services.check_in(worker, station, station.checkin_token)
    assert refused.value.code == "expired" and not CheckIn.objects.exists()


def test_a_made_up_or_another_stations_code_is_not_valid(make_station, worker):
    station, other = make_station(), make_station()
    period = checkin_codes.screen_code(station).split(".")[0]
    for code in (f"{period}.AAAAAAAAAAAAAAAA", checkin_codes.screen_code(other), "w1.x"):
        with pytest.raises(NotAllowed) as refused:
            services.check_in(worker, station, code)
        assert refused.value.code == "forbidden", code
    assert not CheckIn.objects.exists()


def test_the_screen_shows_a_code_that_changes_and_reloads_itself(
    make_station, handler_a, client_for
):
    station = make_station()
    client = client_for(handler_a)
    url = f"/stations/staff/{station.pk}/screen/"
    with time_machine.travel(at("2025-03-01 10:01"), tick=False):
        first = client.get(url)
        code = checkin_codes.screen_code(station)
    with time_machine.travel(at("2025-03-01 10:11"), tick=False):
        second = unquote(client.get(url).content.decode())  # the QR is a data: URI
    page = unquote(first.content.decode())
    assert '<meta http-equiv="refresh" content="60">' in page
    assert first["Cache-Control"] == "no-store" and 'id="checkin-qr"' in page
    assert "10:20" in page  # the code shown works until the end of the next window
    assert code in page and code not in second


def test_the_printed_sheet_has_a_card_for_each_of_seven_days(make_station, handler_a, client_for):
    station = make_station()
    with time_machine.travel(at("2025-03-01 08:00"), tick=False):
        page = client_for(handler_a).get(f"/stations/staff/{station.pk}/print-codes/")
    body = page.content.decode()
    assert [f'data-day="2025-03-0{d}"' in body for d in range(1, 8)] == [True] * 7
    assert 'data-day="2025-03-08"' not in body


def test_staff_of_another_street_cannot_open_the_screen_or_the_sheet(
    make_station, handler_b, client_for
):
    station = make_station()  # in street A
    client = client_for(handler_b)
    for path in ("screen/", "print-codes/"):
        assert client.get(f"/stations/staff/{station.pk}/{path}").status_code == 404, path
