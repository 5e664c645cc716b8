"""A home entry refuses a mistake in its declaration when the app's ``home.py`` loads,
rather than hiding a tile from everyone."""

import pytest

from yunjishi.core.home import WORKER, Entry


def test_an_entry_refuses_a_role_nobody_holds():
    with pytest.raises(ValueError, match="unknown or no roles"):
        Entry(title="Stations", url="stations:home", roles={"stationmanager"})


def test_an_entry_refuses_no_roles_at_all():
    with pytest.raises(ValueError, match="unknown or no roles"):
        Entry(title="Stations", url="stations:home", roles=set())


def test_an_entry_refuses_a_count_it_cannot_say():
    with pytest.raises(ValueError, match="count_text"):
        Entry(title="Inbox", url="notify:inbox", roles={WORKER}, count=lambda user: 1)
