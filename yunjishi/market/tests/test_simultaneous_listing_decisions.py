"""Two reviewers deciding the same listing at once, in threads with their own database
connections, on SQLite and on PostgreSQL: exactly one decision wins and one history row is
written. The control switches the conditional update off and shows both would win."""

import threading

import pytest
from django.db import connection

from yunjishi.core.errors import Conflict
from yunjishi.core.transitions import Lifecycle
from yunjishi.market import listings
from yunjishi.market.models import Listing, ListingEvent, ListingStatus

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*jobs):
    """Run the callables in threads released together; what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except Conflict as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


@pytest.fixture
def submitted(make_listing, provider):
    listing = make_listing(places=5, live=False)
    listings.submit(provider, listing)
    return Listing.objects.get(pk=listing.pk)


def decisions(listing):
    return list(
        ListingEvent.objects.filter(
            listing=listing, from_status=ListingStatus.SUBMITTED
        ).values_list("to_status", flat=True)
    )


def test_an_approval_and_a_rejection_at_once_leave_one_decision(submitted, admin_a, supervisor):
    # Both reviewers read the listing before either decides, as two open pages would.
    mine, theirs = (Listing.objects.get(pk=submitted.pk) for _ in range(2))

    outcomes = at_once(
        lambda: listings.approve(admin_a, mine),
        lambda: listings.reject(supervisor, theirs, "请补充服务地点"),
    )

    won = [o for o in outcomes if isinstance(o, Listing)]
    lost = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(won) == 1 and len(lost) == 1
    assert lost[0].code == "changed"
    submitted.refresh_from_db()
    assert decisions(submitted) == [submitted.status]


def test_two_providers_tabs_submitting_at_once_write_one_history_row(make_listing, provider):
    listing = make_listing(places=5, live=False)
    tabs = [Listing.objects.get(pk=listing.pk) for _ in range(2)]

    outcomes = at_once(*(lambda tab=tab: listings.submit(provider, tab) for tab in tabs))

    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "Listing"]
    assert ListingEvent.objects.filter(listing=listing, to_status="submitted").count() == 1


def test_control_without_the_conditional_update_both_decisions_win(
    submitted, admin_a, supervisor, monkeypatch
):
    """Control: an update that does not check the state it read lets both reviewers
    through, which shows the tests above can fail. Both read the listing before the race,
    so it shows on SQLite (whose writers take turns) as well as on PostgreSQL."""

    def unconditional(self, obj, source, to, guard, fields):
        return self.model._default_manager.filter(pk=obj.pk).update(**{self.column: to}, **fields)

    monkeypatch.setattr(Lifecycle, "_update", unconditional)
    mine, theirs = (Listing.objects.get(pk=submitted.pk) for _ in range(2))

    outcomes = at_once(
        lambda: listings.approve(admin_a, mine),
        lambda: listings.reject(supervisor, theirs, "请补充服务地点"),
    )

    assert all(isinstance(o, Listing) for o in outcomes)
    assert sorted(decisions(submitted)) == ["approved", "rejected"]
