"""The manager's phone in staff views (PIPL): in full to those who may edit the station,
masked to view-only staff, who may ask for it, and every such reveal is logged."""

from yunjishi.stations.models import PhoneReveal

FULL, MASKED = "13812345678", "138****5678"


def test_the_staff_api_masks_the_phone_for_a_view_only_supervisor(
    client_for, make_station, supervisor
):
    station = make_station()
    body = client_for(supervisor).get(f"/api/stations/staff/stations/{station.pk}").json()
    assert body["manager_phone"] == MASKED


def test_the_staff_api_shows_the_phone_to_a_handler_who_may_edit(
    client_for, make_station, handler_a
):
    station = make_station()
    body = client_for(handler_a).get(f"/api/stations/staff/stations/{station.pk}").json()
    assert body["manager_phone"] == FULL
    assert not PhoneReveal.objects.exists()


def test_a_supervisor_asks_for_the_phone_and_the_reveal_is_logged(
    client_for, make_station, supervisor
):
    station = make_station()
    response = client_for(supervisor).post(f"/api/stations/staff/stations/{station.pk}/phone")
    assert response.json() == {"phone": FULL}
    assert PhoneReveal.objects.filter(station=station, user=supervisor).count() == 1


def test_a_street_b_handler_cannot_ask_for_a_street_a_phone(client_for, make_station, handler_b):
    station = make_station()
    response = client_for(handler_b).post(f"/api/stations/staff/stations/{station.pk}/phone")
    assert response.status_code == 404 and not PhoneReveal.objects.exists()


def test_the_admin_masks_the_phone_for_a_view_only_supervisor(client_for, make_station, supervisor):
    station = make_station()
    response = client_for(supervisor).get(f"/admin/stations/station/{station.pk}/change/")
    page = response.content.decode()
    assert response.status_code == 200
    assert MASKED in page and FULL not in page


def test_the_admin_shows_the_phone_to_a_handler_who_may_edit(client_for, make_station, handler_a):
    station = make_station()
    page = client_for(handler_a).get(f"/admin/stations/station/{station.pk}/change/")
    assert f'value="{FULL}"' in page.content.decode()
