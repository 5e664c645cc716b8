"""Showing a station manager's full phone number writes a REVEAL entry to the audit trail,
with the station's org, and the entry never holds the number itself."""

from django.urls import reverse

from yunjishi.audit.models import Action, Entry
from yunjishi.stations.models import PhoneReveal

FULL = "13812345678"


def test_a_supervisors_reveal_is_one_entry_of_the_stations_org(
    client_for, make_station, supervisor
):
    station = make_station()

    client_for(supervisor).post(f"/api/stations/staff/stations/{station.pk}/phone")

    entry = Entry.objects.get()
    assert (entry.action, entry.actor, entry.org_path) == (
        Action.REVEAL,
        supervisor,
        station.org.path,
    )
    assert entry.target == f"stations.station:{station.pk}"
    assert PhoneReveal.objects.count() == 1
    assert FULL not in " ".join(str(v) for v in Entry.objects.values().get().values())


def test_a_workers_tap_on_the_public_page_is_recorded_too(client_for, make_station, worker):
    station = make_station()

    page = client_for(worker).post(reverse("stations:phone", args=[station.pk]))

    assert FULL in page.content.decode()
    assert Entry.objects.filter(action=Action.REVEAL, actor=worker).count() == 1


def test_a_refused_reveal_writes_nothing(client, make_station):
    station = make_station()
    assert client.post(reverse("stations:phone", args=[station.pk])).status_code == 403
    assert not Entry.objects.exists()
