"""Every public write service of appeals is its own outermost transaction: called inside
another atomic block, it refuses before it writes anything, so no caller can fold it into
a larger transaction that might still roll back after it reported success."""

import pytest
from django.db import transaction

from yunjishi.appeals import following, identity, rules, services, supervision, sweep

WRITE_SERVICES = [
    services.submit,
    services.add_photos,
    services.accept,
    services.start,
    services.set_complexity,
    services.request_info,
    services.answer_info,
    services.resolve,
    services.reassign,
    services.merge,
    services.rate,
    services.close_unrated,
    supervision.supervise,
    supervision.remind_supervisions,
    following.follow,
    following.unfollow,
    identity.reveal,
    rules.save_rule,
    rules.save_category,
    sweep.sweep_overdue,
]


@pytest.mark.parametrize("service", WRITE_SERVICES, ids=lambda service: service.__name__)
def test_it_is_marked_as_a_write_service(service):
    assert getattr(service, "write_service", False) is True


@pytest.mark.django_db
@pytest.mark.parametrize("service", WRITE_SERVICES, ids=lambda service: service.__name__)
def test_it_refuses_to_run_inside_another_transaction(service):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        service()  # refused on entry, before its arguments are even looked at
