"""A station manager opens the staff list of their own stations, but the evaluation
ranking and the visits per union are union-wide: they are not shown links to those (which
answer 404 for them); union staff are."""

from django.urls import reverse

from yunjishi.people.models import StationManagerProfile, User
from yunjishi.stations.models import Station

UNION_WIDE = ("stations:staff_ranking", "stations:staff_checkins")


def links(client, page: str) -> str:
    return client.get(reverse(page)).content.decode()


def test_a_manager_sees_no_union_wide_links(make_station, tree, client_for):
    station = make_station()
    user = User.objects.create_user("13700000009", "Gonghui#2024", display_name="郑站长")
    profile = StationManagerProfile.objects.create(user=user, org=tree.street_a)
    Station.objects.filter(pk=station.pk).update(manager=profile)
    client = client_for(user)

    for page in ("stations:staff_list", "stations:staff_sheets"):
        html = links(client, page)
        for name in UNION_WIDE:
            assert f'href="{reverse(name)}"' not in html
            assert client.get(reverse(name)).status_code == 404


def test_staff_see_the_union_wide_links(handler_a, client_for):
    html = links(client_for(handler_a), "stations:staff_list")

    for name in UNION_WIDE:
        assert f'href="{reverse(name)}"' in html
