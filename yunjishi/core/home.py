"""What an app puts on the two home pages.

Each app that has pages for people declares them in its own ``<app>/home.py``:

    worker_entries = [Entry(...), ...]   # the home page, for workers and partners
    staff_entries = [Entry(...), ...]    # the staff home

The project's home views read these lists from every installed app and show a person
the entries their roles may see; no app is named in the home templates.

An entry's ``count`` is what waits for *this* person (appeals due today in their scope,
listings they may review...): one cheap query, scoped with ``visible_to``/``managed_by``.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise

# Who sees an entry. The staff sub-roles are people's ``StaffRole`` values; a superuser
# holds every staff role as well as ``SUPERUSER``.
ANYONE = "anyone"  # visitors who are not logged in, too
WORKER = "worker"  # anyone logged in (职工, a member or not)
MEMBER = "member"  # 会员
PROVIDER = "provider"  # 劳模工匠 / 合作单位
MERCHANT = "merchant"  # 合作商户
STATION_MANAGER = "station_manager"  # 站点管理员
REPRESENTATIVE = "representative"  # 会员代表
HANDLER = "handler"
TRACKER = "tracker"
SUPERVISOR = "supervisor"
ORG_ADMIN = "org_admin"
SUPERUSER = "superuser"
STAFF = frozenset({HANDLER, TRACKER, SUPERVISOR, ORG_ADMIN})

ROLES = frozenset(
    {ANYONE, WORKER, MEMBER, PROVIDER, MERCHANT, STATION_MANAGER, REPRESENTATIVE, SUPERUSER} | STAFF
)


@dataclass(frozen=True)
class Entry:
    """One tile on a home page.

    ``url``: a URL name, or a function of the user that returns the address (a station
    manager's own station, say). ``count``: a function of the user that returns how many
    things wait for them, shown through ``count_text`` (a sentence with ``%(count)d``).
    ``order`` sorts the tiles of every app together (smaller first).
    """

    title: str | Promise
    url: str | Callable[[Any], str]
    roles: AbstractSet[str]
    text: str | Promise = ""
    count: Callable[[Any], int] | None = None
    count_text: str | Promise | None = None
    order: int = 100

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", frozenset(self.roles))
        unknown = set(self.roles) - ROLES
        if unknown or not self.roles:
            raise ValueError(f"{self.url!r}: unknown or no roles {sorted(unknown)}")
        if self.count is not None and self.count_text is None:
            raise ValueError(f"{self.url!r}: a count needs its count_text")

    def seen_by(self, roles: Iterable[str]) -> bool:
        return not self.roles.isdisjoint(roles)


def end_of_today() -> dt.datetime:
    """Local midnight tonight: "due today" means due before it."""
    now = timezone.localtime()
    return (now + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
