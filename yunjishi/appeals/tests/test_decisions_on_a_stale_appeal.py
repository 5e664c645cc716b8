"""A decision made on the appeal as a page read it is refused once the appeal has moved on
meanwhile: the complexity cannot overwrite deadlines a reassignment or the worker's answer
just set, 督办 cannot flag an appeal answered meanwhile, and nothing is merged into an
appeal merged meanwhile."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from yunjishi.appeals import services, supervision
from yunjishi.appeals.models import Appeal, Status, Supervision
from yunjishi.core.errors import Conflict


def fresh(appeal):
    return Appeal.objects.get(pk=appeal.pk)


def test_the_complexity_does_not_undo_the_deadlines_of_a_reassignment(
    make_appeal, supervisor, tree
):
    read = services.accept(supervisor, make_appeal())
    moved = services.reassign(supervisor, fresh(read), tree.street_b, "应由街道B办理")
    with pytest.raises(Conflict):
        services.set_complexity(supervisor, read, "complex")
    assert (fresh(read).due_at, fresh(read).complexity) == (moved.due_at, "normal")


def test_the_complexity_does_not_undo_the_time_the_worker_was_waited_for(
    make_appeal, worker, handler_a
):
    read = services.request_info(handler_a, services.accept(handler_a, make_appeal()), "哪个?")
    answered = services.answer_info(worker, fresh(read), "二号食堂。")
    with pytest.raises(Conflict):
        services.set_complexity(handler_a, read, "difficult")
    assert fresh(read).due_at == answered.due_at
    # read again, it is set
    assert services.set_complexity(handler_a, fresh(read), "difficult").complexity == "difficult"


def test_supervision_is_refused_on_an_appeal_answered_meanwhile(make_appeal, handler_a, supervisor):
    read = services.accept(handler_a, make_appeal())
    services.resolve(handler_a, fresh(read), "已改进。")
    with pytest.raises(Conflict):
        supervision.supervise(supervisor, read, "加快办理", timezone.now() + dt.timedelta(days=3))
    assert not Supervision.objects.exists()


def test_nothing_is_merged_into_an_appeal_merged_meanwhile(make_appeal, handler_a):
    first, second, third = make_appeal(), make_appeal(), make_appeal()
    read = fresh(second)
    services.merge(handler_a, fresh(second), third)
    with pytest.raises(ValidationError):
        services.merge(handler_a, first, read)  # read while second was still open
    assert fresh(first).status == Status.SUBMITTED
    assert not Appeal.objects.filter(merged_into__merged_into__isnull=False).exists()
