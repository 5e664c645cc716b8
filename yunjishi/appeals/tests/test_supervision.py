"""督办: a supervisor flags an appeal with instructions and a deadline; its people are told;
it stays on the board until the appeal is solved; a passed deadline is told once."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from yunjishi.appeals import services, supervision, sweep
from yunjishi.appeals.models import Supervision
from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.notify.models import Notification

from .conftest import local

MONDAY = local(2024, 3, 4, 9, 0)


def test_supervision_stays_on_the_board_until_the_appeal_is_solved(
    make_appeal, handler_a, tracker_a, supervisor, client_for
):
    with time_machine.travel(MONDAY, tick=False):
        appeal = services.accept(handler_a, make_appeal())
        flagged = supervision.supervise(
            supervisor, appeal, "请三日内拿出整改方案。", MONDAY + dt.timedelta(days=3)
        )
        told = Notification.objects.filter(kind="appeals.supervision")
        assert set(told.values_list("user", flat=True)) == {handler_a.pk, tracker_a.pk}
        board = client_for(supervisor).get(reverse("appeals:staff_board")).content.decode()
        assert "请三日内拿出整改方案。" in board
        queue = client_for(handler_a).get(reverse("appeals:staff_home"), {"queue": "supervised"})
        assert appeal.tracking_number in queue.content.decode()
        with pytest.raises(Conflict):
            supervision.supervise(supervisor, appeal, "再次督办", MONDAY + dt.timedelta(days=5))

    with time_machine.travel(MONDAY + dt.timedelta(days=3, minutes=1), tick=False):
        assert supervision.remind_supervisions() == 3  # handler, tracker and the supervisor
        assert supervision.remind_supervisions() == 0
        assert sweep.run()["supervision_reminders"] == 0
        services.resolve(handler_a, appeal.__class__.objects.get(pk=appeal.pk), "已整改完毕。")
    flagged.refresh_from_db()
    assert flagged.closed_at is not None
    board = client_for(supervisor).get(reverse("appeals:staff_board")).content.decode()
    assert "请三日内拿出整改方案。" not in board


def test_only_a_supervisor_supervises(make_appeal, handler_a):
    with pytest.raises(NotAllowed):
        supervision.supervise(
            handler_a, make_appeal(), "加快办理", timezone.now() + dt.timedelta(days=3)
        )
    assert not Supervision.objects.exists()


def test_the_supervise_page_action(make_appeal, supervisor, client_for):
    appeal = make_appeal()
    client = client_for(supervisor)
    response = client.post(
        reverse("appeals:staff_action", args=[appeal.pk, "supervise"]),
        {"instructions": "请尽快处理", "deadline": "2099-01-31"},
    )
    assert response.status_code == 302
    assert Supervision.objects.get().deadline == local(2099, 1, 31, 18, 0)
