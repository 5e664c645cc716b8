"""The booking engine under real concurrency: threads with their own database
connections submit at once, on SQLite and on PostgreSQL alike."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from yunjishi.booking import services
from yunjishi.booking.models import Booking, Slot
from yunjishi.core.errors import Conflict, ServiceError
from yunjishi.people.models import User

from .threads import at_once


def _pool(tree, places=3, limit=1, starts_at=None):
    return services.create_pool(
        kind="test",
        title="急救知识科普",
        org=tree.street_a,
        per_person_limit=limit,
        slots=[{"places": places, "starts_at": starts_at}],
    )


def _people(n):
    return [User.objects.create_user(f"1370100{i:04d}", "Gonghui#2024") for i in range(n)]


def _reserve(slot, user, key=None):
    with transaction.atomic(durable=True):
        return services.reserve(slot, user, idempotency_key=key)


def test_places_are_taken_until_the_slot_is_full(tree):
    pool = _pool(tree, places=2)
    slot = pool.slots.get()
    a, b, c = _people(3)
    _reserve(slot, a)
    _reserve(slot, b)
    with pytest.raises(services.Full):
        _reserve(slot, c)
    slot.refresh_from_db()
    assert slot.taken == 2 and slot.places_left == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_never_oversell(tree):
    slot = _pool(tree, places=5).slots.get()
    people = _people(20)
    results, errors = at_once([lambda u=u: _reserve(slot, u) for u in people])
    assert len(results) == 5
    assert len(errors) == 15 and all(isinstance(e, services.Full) for e in errors)
    slot.refresh_from_db()
    assert slot.taken == 5
    assert Booking.objects.filter(slot=slot).count() == 5


@pytest.mark.django_db(transaction=True)
def test_the_per_person_limit_holds_under_parallel_submits(tree):
    slot = _pool(tree, places=50, limit=2).slots.get()
    (person,) = _people(1)
    results, errors = at_once([lambda: _reserve(slot, person) for _ in range(8)])
    assert len(results) == 2
    assert all(isinstance(e, services.LimitReached) for e in errors)
    assert Booking.objects.filter(user=person).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_repeated_submit_with_the_same_key_returns_the_first_booking(tree):
    slot = _pool(tree, places=50, limit=5).slots.get()
    (person,) = _people(1)
    results, errors = at_once([lambda: _reserve(slot, person, key="k-1") for _ in range(6)])
    assert errors == []
    assert len({r.booking.pk for r in results}) == 1
    assert sum(not r.replayed for r in results) == 1
    slot.refresh_from_db()
    assert slot.taken == 1


def test_cancelling_gives_the_place_back_once(tree):
    slot = _pool(tree, places=1).slots.get()
    a, b = _people(2)
    booking = _reserve(slot, a).booking
    assert services.release(booking) is True
    assert services.release(booking) is False
    slot.refresh_from_db()
    assert slot.taken == 0
    assert _reserve(slot, b).replayed is False


def test_a_session_that_has_started_cannot_be_booked(tree):
    slot = _pool(tree, starts_at=timezone.now() - dt.timedelta(hours=1)).slots.get()
    (person,) = _people(1)
    with pytest.raises(ServiceError) as error:
        _reserve(slot, person)
    assert error.value.code == "past_session"
    assert Booking.objects.count() == 0


def test_places_cannot_be_cut_below_what_is_taken(tree):
    slot = _pool(tree, places=3).slots.get()
    a, b = _people(2)
    _reserve(slot, a)
    _reserve(slot, b)
    with pytest.raises(Conflict):
        services.add_places(slot, 1)
    assert services.add_places(slot, 2).places == 2


def test_the_database_itself_refuses_an_oversold_slot(tree):
    slot = _pool(tree, places=1).slots.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(taken=2)


@pytest.mark.django_db(transaction=True)
def test_reserve_refuses_to_run_outside_a_transaction(tree):
    slot = _pool(tree).slots.get()
    (person,) = _people(1)
    with pytest.raises(RuntimeError):
        services.reserve(slot, person)


@pytest.mark.django_db(transaction=True)
def test_control_without_the_conditional_update_places_are_oversold(tree, monkeypatch):
    """Control: read-check-write instead of the conditional update lets the race through,
    which shows the concurrency tests above can fail. SQLite's IMMEDIATE transactions
    serialise every writer, so the race only shows on PostgreSQL."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: no race to show")
    import time

    def naive_take_place(slot_id):
        slot = Slot.objects.get(pk=slot_id)
        if slot.taken >= slot.places:
            return False
        time.sleep(0.05)  # widen the window between the check and the write
        Slot.objects.filter(pk=slot_id).update(taken=slot.taken + 1)
        return True

    monkeypatch.setattr(services, "_take_place", naive_take_place)
    slot = _pool(tree, places=5).slots.get()
    results, _errors = at_once([lambda u=u: _reserve(slot, u) for u in _people(20)])
    assert Booking.objects.filter(slot=slot).count() > 5
