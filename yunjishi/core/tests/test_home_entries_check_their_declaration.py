"""A home entry refuses a mistake in its declaration when the app's ``home.py`` loads,
rather than hiding a tile from everyone; and its staff roles are people's staff roles."""

import pytest

from yunjishi.core.home import STAFF, WORKER, Entry


def test_an_entry_refuses_a_role_nobody_holds():
    with pytest.raises(ValueError, match="unknown or no roles"):
        Entry(title="Stations", url="stations:home", roles={"stationmanager"})


def test_an_entry_refuses_no_roles_at_all():
    with pytest.raises(ValueError, match="unknown or no roles"):
        Entry(title="Stations", url="stations:home", roles=set())


def test_an_entry_refuses_a_count_it_cannot_say():
    with pytest.raises(ValueError, match="count_text"):
        Entry(title="Inbox", url="notify:inbox", roles={WORKER}, count=lambda user: 1)


def test_the_staff_roles_are_the_roles_people_hand_out():
    from yunjishi.people.models import StaffRole
    from yunjishi.people.scope import ALL_STAFF_ROLES

    assert STAFF == set(StaffRole.values) == set(ALL_STAFF_ROLES)
