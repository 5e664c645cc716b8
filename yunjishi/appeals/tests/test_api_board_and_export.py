"""The supervisor board's reopened and past-due lists and the Excel export over the API:
scoped like the pages (street B sees nothing of street A) and the sender of an anonymous
appeal never in the file."""

import datetime as dt
import io

from django.utils import timezone
from openpyxl import load_workbook

from yunjishi.appeals import services
from yunjishi.appeals.models import Appeal


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_the_board_lists_reopened_and_past_due_appeals_in_scope(
    make_appeal, worker, handler_a, handler_b, supervisor, client_for
):
    reopened = services.resolve(handler_a, services.accept(handler_a, make_appeal()), "已处理。")
    reopened = services.rate(worker, reopened, "unsatisfied", "没有改善")
    late = services.accept(handler_a, make_appeal(title="宿舍没有热水"))
    Appeal.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    on_time = make_appeal(title="车间太吵")

    client = client_for(supervisor)
    assert ids(client.get("/api/appeals/staff/board/reopened")) == [reopened.pk]
    past_due = ids(client.get("/api/appeals/staff/board/past-due"))
    assert late.pk in past_due and on_time.pk not in past_due
    client = client_for(handler_b)
    assert ids(client.get("/api/appeals/staff/board/reopened")) == []
    assert ids(client.get("/api/appeals/staff/board/past-due")) == []
    assert client_for(worker).get("/api/appeals/staff/board/reopened").status_code == 403


def cells(response) -> str:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    return " ".join(str(c) for row in book.active.iter_rows(values_only=True) for c in row if c)


def test_the_export_is_scoped_and_keeps_anonymity(
    make_appeal, worker, handler_a, handler_b, client_for
):
    named = make_appeal()
    anonymous = make_appeal(title="加班费没有按时发", anonymous=True)
    found = cells(client_for(handler_a).get("/api/appeals/staff/export", {"queue": "all"}))
    assert named.tracking_number in found and anonymous.tracking_number in found
    assert found.count("王职工") == 1 and "匿名职工" in found  # only the named one names them
    assert "13800000001" not in found
    elsewhere = cells(client_for(handler_b).get("/api/appeals/staff/export", {"queue": "all"}))
    assert named.tracking_number not in elsewhere
    assert client_for(worker).get("/api/appeals/staff/export").status_code == 403
