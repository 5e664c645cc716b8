"""The timeline of an appeal: staff read the 督办 line, marked staff only; the worker who
sent the appeal never sees it, and each move shows the status it left the appeal in."""

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext, override

from yunjishi.appeals import services, supervision
from yunjishi.appeals.models import Status

INSTRUCTIONS = "请三日内拿出整改方案。"


def timeline_of(page: str) -> str:
    (card,) = re.findall(r'<div class="card" id="timeline">(.*?)</ol>', page, flags=re.S)
    return card


def supervised(make_appeal, handler_a, supervisor):
    appeal = services.accept(handler_a, make_appeal())
    supervision.supervise(supervisor, appeal, INSTRUCTIONS, timezone.now() + dt.timedelta(days=3))
    return appeal


def test_staff_read_the_supervision_line_marked_staff_only(
    make_appeal, handler_a, supervisor, client_for
):
    appeal = supervised(make_appeal, handler_a, supervisor)
    page = client_for(handler_a).get(reverse("appeals:staff_detail", args=[appeal.pk]))
    card = timeline_of(page.content.decode())
    with override("zh-hans"):
        staff_only = gettext("staff only")
    assert INSTRUCTIONS in card and f'<span class="tag">{staff_only}</span>' in card
    assert f'<span class="tag">{escape(Status.ACCEPTED.label)}</span>' in card


def test_the_worker_never_sees_the_supervision_line(
    make_appeal, worker, handler_a, supervisor, client_for
):
    appeal = supervised(make_appeal, handler_a, supervisor)
    page = client_for(worker).get(reverse("appeals:detail", args=[appeal.pk]))
    card = timeline_of(page.content.decode())
    with override("zh-hans"):
        staff_only = gettext("staff only")
    assert INSTRUCTIONS not in card and staff_only not in card
    assert f'<span class="tag">{escape(Status.ACCEPTED.label)}</span>' in card
