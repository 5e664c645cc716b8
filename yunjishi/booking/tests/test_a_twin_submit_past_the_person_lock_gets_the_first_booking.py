"""The unique key constraint is the last line of defence: a twin submit that got past the
person's lock (and so past the look-up of its key) meets the first booking in the
database and is answered with it, or refused if that booking is in another pool; never a
second booking, never an IntegrityError."""

import pytest
from django.db import transaction

from yunjishi.booking import services
from yunjishi.booking.models import Booking
from yunjishi.people.models import User

from .threads import at_once


def _slot(tree, title="急救知识科普", places=50):
    pool = services.create_pool(
        kind="test", title=title, org=tree.street_a, per_person_limit=5, slots=[{"places": places}]
    )
    return pool.slots.get()


def _reserve(slot, user, key):
    with transaction.atomic(durable=True):
        return services.reserve(slot, user, idempotency_key=key)


@pytest.fixture
def blind_first_look(monkeypatch):
    """The key's first look-up finds nothing, as for a twin that looked before the first
    submit committed; later look-ups see the database as it is."""
    real = services.first_booking
    calls = []

    def first_booking(user, pool_id, key):
        calls.append(key)
        return None if len(calls) == 1 else real(user, pool_id, key)

    monkeypatch.setattr(services, "first_booking", first_booking)
    return calls


def test_a_twin_in_the_same_pool_gets_the_first_booking_and_gives_its_place_back(
    tree, blind_first_look
):
    slot = _slot(tree)
    person = User.objects.create_user("13701000001", "Gonghui#2024")
    first = Booking.objects.create(slot=slot, pool=slot.pool, user=person, idempotency_key="k-1")
    slot.taken = 1
    slot.save()

    twin = _reserve(slot, person, "k-1")

    assert twin.replayed and twin.booking.pk == first.pk
    assert len(blind_first_look) == 2  # it did reach the database's refusal
    slot.refresh_from_db()
    assert slot.taken == 1
    assert Booking.objects.filter(user=person).count() == 1


def test_a_twin_in_another_pool_is_refused(tree, blind_first_look):
    first_slot, other_slot = _slot(tree, "急救知识科普"), _slot(tree, "职工书画展")
    person = User.objects.create_user("13701000001", "Gonghui#2024")
    Booking.objects.create(
        slot=first_slot, pool=first_slot.pool, user=person, idempotency_key="k-1"
    )

    with pytest.raises(services.IdempotencyKeyReused):
        _reserve(other_slot, person, "k-1")

    other_slot.refresh_from_db()
    assert other_slot.taken == 0
    assert not Booking.objects.filter(slot=other_slot).exists()


@pytest.mark.django_db(transaction=True)
def test_identical_submits_at_once_without_the_person_lock_still_make_one_booking(
    tree, monkeypatch
):
    """With the lock switched off, on PostgreSQL the twins all pass the key's look-up and
    meet at the unique index; on SQLite, IMMEDIATE transactions serialise them anyway."""
    monkeypatch.setattr(services, "_lock_person", lambda user: None)
    slot = _slot(tree)
    person = User.objects.create_user("13701000001", "Gonghui#2024")

    results, errors = at_once([lambda: _reserve(slot, person, "k-1") for _ in range(6)])

    assert errors == []
    assert len({r.booking.pk for r in results}) == 1
    assert sorted(r.replayed for r in results) == [False] + [True] * 5
    slot.refresh_from_db()
    assert slot.taken == 1
