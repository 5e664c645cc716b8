"""Every public write service of 云履职 is its own outermost transaction: called inside
another atomic block, it refuses before it writes anything."""

import pytest
from django.db import transaction

from yunjishi.proposals import services

WRITE_SERVICES = [
    services.submit_proposal,
    services.start_review,
    services.accept,
    services.convert,
    services.decline,
    services.assign,
    services.answer,
    services.check,
    services.rate,
    services.submit_suggestion,
    services.take_up_suggestion,
    services.resolve_suggestion,
    services.record_visit,
    services.complete_follow_up,
]


@pytest.mark.parametrize("service", WRITE_SERVICES, ids=lambda service: service.__name__)
def test_it_is_marked_as_a_write_service(service):
    assert getattr(service, "write_service", False) is True


@pytest.mark.django_db
@pytest.mark.parametrize("service", WRITE_SERVICES, ids=lambda service: service.__name__)
def test_it_refuses_to_run_inside_another_transaction(service):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        service()  # refused on entry, before its arguments are even looked at
