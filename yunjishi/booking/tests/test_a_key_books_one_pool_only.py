"""An idempotency key means one request: a repeat in the pool it booked gets the first
booking back, the same key in any other pool is refused and takes nothing."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from yunjishi.booking import services
from yunjishi.booking.models import Booking
from yunjishi.people.models import User


def _pool(tree, title="急救知识科普", slots=None):
    return services.create_pool(
        kind="test",
        title=title,
        org=tree.street_a,
        per_person_limit=3,
        slots=slots or [{"places": 5}],
    )


def _person(phone="13701000001"):
    return User.objects.create_user(phone, "Gonghui#2024")


def _reserve(slot, user, key):
    with transaction.atomic(durable=True):
        return services.reserve(slot, user, idempotency_key=key)


def test_a_repeat_in_the_same_pool_returns_the_first_booking(tree):
    slot = _pool(tree).slots.get()
    person = _person()
    first = _reserve(slot, person, "k-1")
    again = _reserve(slot, person, "k-1")
    assert (first.replayed, again.replayed) == (False, True)
    assert again.booking.pk == first.booking.pk
    slot.refresh_from_db()
    assert slot.taken == 1


def test_a_repeat_naming_another_session_of_the_pool_still_returns_the_first(tree):
    soon = timezone.now() + dt.timedelta(days=1)
    pool = _pool(
        tree, slots=[{"places": 5, "starts_at": soon + dt.timedelta(hours=h)} for h in (0, 2)]
    )
    morning, afternoon = pool.slots.order_by("starts_at")
    person = _person()
    first = _reserve(morning, person, "k-1")
    again = _reserve(afternoon, person, "k-1")
    assert again.replayed and again.booking.pk == first.booking.pk
    afternoon.refresh_from_db()
    assert afternoon.taken == 0


def test_a_key_that_booked_one_pool_is_refused_in_another(tree):
    first_slot = _pool(tree, "急救知识科普").slots.get()
    other_slot = _pool(tree, "职工书画展").slots.get()
    person = _person()
    first = _reserve(first_slot, person, "k-1")

    with pytest.raises(services.IdempotencyKeyReused) as refused:
        _reserve(other_slot, person, "k-1")

    assert (refused.value.status, refused.value.code) == (422, "idempotency_key_reused")
    other_slot.refresh_from_db()
    assert other_slot.taken == 0
    assert list(Booking.objects.filter(user=person)) == [first.booking]
    assert _reserve(first_slot, person, "k-1").booking.pk == first.booking.pk


def test_keys_belong_to_one_person_so_another_person_may_use_the_same(tree):
    first_slot = _pool(tree, "急救知识科普").slots.get()
    other_slot = _pool(tree, "职工书画展").slots.get()
    _reserve(first_slot, _person("13701000001"), "k-1")
    theirs = _reserve(other_slot, _person("13701000002"), "k-1")
    assert theirs.replayed is False
