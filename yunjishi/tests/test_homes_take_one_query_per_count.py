"""The homes stay cheap: who the person is takes two queries, then each count shown takes
at most one (none when the person holds no role it counts for), however much waits."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yunjishi.views import declared, entries_for


def counted(user, kind) -> int:
    from yunjishi.people.home import roles_of

    roles = roles_of(user)
    return sum(1 for entry in declared(kind) if entry.count and entry.seen_by(roles))


@pytest.mark.parametrize("person", ["handler_a", "supervisor", "admin_a", "worker", "provider"])
@pytest.mark.parametrize("kind", ["worker_entries", "staff_entries"])
def test_each_count_takes_one_query(person, kind, request, db):
    user = request.getfixturevalue(person)
    expected = counted(user, kind)
    fresh = type(user).objects.get(pk=user.pk)  # nothing cached on it yet

    with CaptureQueriesContext(connection) as queries:
        entries_for(fresh, kind)

    assert len(queries) <= 2 + expected
