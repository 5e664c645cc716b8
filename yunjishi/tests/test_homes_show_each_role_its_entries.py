"""Each person sees on the homes exactly the entries their roles call for, from every app
that declares some; a staffer with no role sees no staff entry and no staff home."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from yunjishi.core.home import STAFF
from yunjishi.people.models import StaffRole, StationManagerProfile, User
from yunjishi.people.scope import ALL_STAFF_ROLES
from yunjishi.views import entries_for

# The market's reviewers (org admins and supervisors) review listings and publish batches.
REVIEWING = {"market:staff_review", "market:staff_batches"}
# Supervisors (and superusers) read the audit trail of their subtree.
AUDITING = {"people:audit_trail"}
EVERYONE = {"market:home", "stations:home", "appeals:home"}
LOGGED_IN = EVERYONE | {"market:orders", "membership:home", "notify:inbox"}
ALL_STAFF = {
    "appeals:staff_home",
    "appeals:staff_stats",
    "market:staff_stats",
    "surveys:staff_surveys",
    "proposals:staff_review",
    "proposals:staff_figures",
    "stations:staff_list",
    "membership:staff_queue",
    "membership:staff_transfers",
    "people:staff_members",
    "admin:index",
}


def urls(names) -> set[str]:
    return {reverse(name) for name in names}


def shown(user, kind) -> set[str]:
    return {entry["url"] for entry in entries_for(user, kind)}


def test_a_visitor_sees_the_market_the_stations_and_appeals(db):
    assert shown(AnonymousUser(), "worker_entries") == urls(EVERYONE)
    assert shown(AnonymousUser(), "staff_entries") == set()


def test_a_worker_sees_their_orders_membership_and_inbox_too(worker):
    assert shown(worker, "worker_entries") == urls(LOGGED_IN)
    assert shown(worker, "staff_entries") == set()


def test_a_provider_also_sees_their_services(provider):
    assert shown(provider, "worker_entries") == urls(LOGGED_IN | {"market:provider_home"})


def test_a_merchant_sees_what_a_worker_sees_until_benefits_declare_more(merchant):
    assert shown(merchant, "worker_entries") == urls(LOGGED_IN)


def test_a_representative_also_sees_proposals(worker):
    worker.member_profile.is_representative = True
    worker.member_profile.save()

    assert shown(worker, "worker_entries") == urls(LOGGED_IN | {"proposals:home"})


def test_a_station_manager_sees_the_station_they_run(tree):
    from yunjishi.stations.models import District, Station

    user = User.objects.create_user("13700000003", "Gonghui#2024", display_name="郑站长")
    manager = StationManagerProfile.objects.create(user=user, org=tree.street_a)
    district = District.objects.create(
        code="350203",
        name="思明区",
        city="厦门市",
        province="福建省",
        prefix="FJ-XM-SM",
        lat=24.4455,
        lon=118.0824,
    )
    station = Station.objects.create(
        code="FJ-XM-SM-0001",
        name="测试驿站",
        org=tree.street_a,
        district=district,
        address="测试路1号",
        lat=24.45,
        lon=118.08,
        manager=manager,
    )

    assert shown(user, "worker_entries") == urls(LOGGED_IN) | {
        reverse("stations:staff_detail", args=[station.pk])
    }


def test_a_handler_sees_every_staff_desk_but_the_supervision_board_and_listing_review(
    handler_a,
):
    assert shown(handler_a, "staff_entries") == urls(ALL_STAFF | {"proposals:staff_handling"})


def test_a_supervisor_also_sees_the_supervision_board_and_listing_review(supervisor):
    assert shown(supervisor, "staff_entries") == urls(
        ALL_STAFF | {"appeals:staff_board"} | REVIEWING | AUDITING
    )


def test_an_org_admin_sees_the_proposals_to_handle_and_listing_review(admin_a):
    assert shown(admin_a, "staff_entries") == urls(
        ALL_STAFF | {"proposals:staff_handling"} | REVIEWING
    )


def test_a_superuser_sees_every_staff_entry(superuser):
    assert shown(superuser, "staff_entries") == urls(
        ALL_STAFF | {"proposals:staff_handling", "appeals:staff_board"} | REVIEWING | AUDITING
    )


def test_a_staffer_with_no_role_sees_no_staff_entry_and_no_staff_home(db, client_for):
    back_office_only = User.objects.create_user("13900000009", "Gonghui#2024", is_staff=True)

    assert shown(back_office_only, "staff_entries") == set()
    assert client_for(back_office_only).get(reverse("staff_home")).status_code == 403


def test_a_staffer_of_a_closed_union_sees_no_staff_entry(handler_a, tree):
    tree.street_a.__class__.objects.filter(pk=tree.street_a.pk).update(is_active=False)

    assert shown(handler_a, "staff_entries") == set()


@pytest.mark.parametrize("person", ["handler_a", "supervisor", "superuser"])
def test_the_staff_home_links_every_entry_it_shows(person, request, client_for, db):
    user = request.getfixturevalue(person)
    page = client_for(user).get(reverse("staff_home")).content.decode()

    for url in shown(user, "staff_entries"):
        assert f'href="{url}"' in page


def test_the_worker_home_links_every_entry_it_shows(worker, client_for):
    page = client_for(worker).get(reverse("home")).content.decode()

    for url in shown(worker, "worker_entries"):
        assert f'href="{url}"' in page


def test_the_home_staff_roles_are_the_roles_people_hand_out():
    assert STAFF == set(StaffRole.values) == set(ALL_STAFF_ROLES)
