"""An anonymous appeal never tells a handler who sent it: not on a page, in the API, in the
Excel export, in the admin, in the history or in a notice. The worker still follows it,
and a supervisor learns who sent it only by giving a reason, which is logged and shown
to the worker."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from yunjishi.appeals import identity, services
from yunjishi.appeals.models import Event, IdentityReveal
from yunjishi.notify.models import Notification


@pytest.fixture
def anonymous(make_appeal, worker, handler_a):
    appeal = make_appeal(anonymous=True, title="班组长克扣加班费")
    appeal = services.accept(handler_a, appeal)
    return services.request_info(handler_a, appeal, "请说明是哪个月的加班费。")


def traces(user) -> list[str]:
    """What would give the worker away: names and phone, whole or masked."""
    profile = user.member_profile
    return [user.display_name, profile.real_name, user.phone, user.masked_phone, user.email]


def leaks(text: str, user) -> list[str]:
    return [trace for trace in traces(user) if trace and trace in text]


def test_no_staff_page_shows_the_sender(anonymous, worker, handler_a, client_for):
    services.answer_info(worker, anonymous, "是三月份的，我是夜班的。")
    client = client_for(handler_a)
    pages = [
        client.get(reverse("appeals:staff_detail", args=[anonymous.pk])),
        client.get(reverse("appeals:staff_home"), {"queue": "all"}),
        client.get(reverse("appeals:staff_board")),
    ]
    for page in pages:
        assert page.status_code == 200
        assert leaks(page.content.decode(), worker) == []
    assert "匿名" in pages[0].content.decode() or "Anonymous" in pages[0].content.decode()


def test_no_api_answer_shows_the_sender(anonymous, worker, handler_a, client_for):
    client = client_for(handler_a)
    answers = [
        client.get(f"/api/appeals/staff/appeals/{anonymous.pk}"),
        client.get("/api/appeals/staff/appeals", {"queue": "all"}),
        client.post(
            f"/api/appeals/staff/appeals/{anonymous.pk}/complexity",
            {"complexity": "difficult"},
            content_type="application/json",
        ),
    ]
    for answer in answers:
        assert answer.status_code == 200
        # decoded: the raw body escapes Chinese characters
        assert leaks(json.dumps(answer.json(), ensure_ascii=False), worker) == []
    detail = answers[0].json()
    assert "submitter_id" not in detail and detail["submitter"] in ("匿名职工", "Anonymous worker")


def test_the_export_does_not_show_the_sender(anonymous, worker, handler_a, client_for):
    response = client_for(handler_a).get(reverse("appeals:staff_export"), {"queue": "all"})
    book = load_workbook(io.BytesIO(response.content))
    cells = " ".join(
        str(cell) for row in book.active.iter_rows(values_only=True) for cell in row if cell
    )
    assert anonymous.tracking_number in cells
    assert leaks(cells, worker) == []


def test_the_admin_does_not_show_the_sender(anonymous, worker, handler_a, client_for):
    client = client_for(handler_a)
    for url in (
        reverse("admin:appeals_appeal_changelist"),
        reverse("admin:appeals_appeal_change", args=[anonymous.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert anonymous.tracking_number in page.content.decode()
        assert leaks(page.content.decode(), worker) == []


def test_notices_to_staff_do_not_name_the_sender(anonymous, worker):
    for notice in Notification.objects.exclude(user=worker):
        assert leaks(notice.title + notice.body, worker) == []


def test_the_worker_still_sees_it_as_their_own(anonymous, worker, client_for):
    page = client_for(worker).get(reverse("appeals:detail", args=[anonymous.pk]))
    assert anonymous.text in page.content.decode()
    assert client_for(worker).get(f"/api/appeals/{anonymous.pk}").json()["mine"] is True


def test_a_supervisor_sees_the_sender_only_with_a_logged_reason(
    anonymous, worker, supervisor, handler_a, client_for
):
    client = client_for(supervisor)
    before = client.get(reverse("appeals:staff_detail", args=[anonymous.pk])).content.decode()
    assert leaks(before, worker) == []

    refused = client.post(
        f"/api/appeals/staff/appeals/{anonymous.pk}/reveal",
        {"reason": "短"},
        content_type="application/json",
    )
    assert refused.status_code == 422 and not IdentityReveal.objects.exists()

    shown_response = client.post(
        f"/api/appeals/staff/appeals/{anonymous.pk}/reveal",
        {"reason": "涉及违法克扣工资，需当面核实情况"},
        content_type="application/json",
    )
    shown = shown_response.json()
    assert shown == {"name": "王职工", "phone": worker.masked_phone, "org": "A街道某公司工会"}
    log = IdentityReveal.objects.get()
    assert (log.supervisor, log.reason) == (supervisor, "涉及违法克扣工资，需当面核实情况")
    assert Notification.objects.filter(user=worker, kind="appeals.identity").exists()
    after = client.get(reverse("appeals:staff_detail", args=[anonymous.pk])).content.decode()
    assert "王职工" in after
    # …and to that supervisor only: the handler still does not know
    handler_page = client_for(handler_a).get(reverse("appeals:staff_detail", args=[anonymous.pk]))
    assert leaks(handler_page.content.decode(), worker) == []


def test_a_handler_cannot_reveal_the_sender(anonymous, handler_a, client_for):
    response = client_for(handler_a).post(
        f"/api/appeals/staff/appeals/{anonymous.pk}/reveal",
        {"reason": "我想知道是谁提的"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not IdentityReveal.objects.exists()
    assert identity.submitter_label(anonymous, handler_a) in ("匿名职工", "Anonymous worker")


def test_the_history_names_the_worker_to_nobody_but_themself(anonymous, worker, handler_a):
    services.answer_info(worker, anonymous, "三月份。")
    lines = identity.actor_label
    events = Event.objects.filter(appeal=anonymous, actor=worker)
    assert events.exists()
    for event in events:
        assert lines(event, anonymous, handler_a, staff=True) in ("职工", "The worker")
        assert lines(event, anonymous, worker, staff=False) not in ("职工", "The worker")
