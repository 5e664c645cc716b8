"""The duty report (履职报告) for a period counts exactly what the logs hold for that
period, with Beijing-time day boundaries, and lists the items touched in it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from yunjishi.proposals import report, services
from yunjishi.proposals.models import ProposalEvent, SuggestionEvent

BEIJING = ZoneInfo("Asia/Shanghai")
MARCH = (dt.date(2024, 3, 1), dt.date(2024, 3, 31))


def at(day: str, hhmm: str = "10:00"):
    moment = dt.datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=BEIJING)
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def history(representative, make_proposal, admin_a, handler_a, supervisor, tree):
    """A representative's spring of 2024, step by step on a controlled clock."""
    me = representative
    items = {}
    with at("2024-02-20"):
        items["p1"] = make_proposal(title="P1 司机之家")
    with at("2024-02-28"):
        items["s2"] = services.submit_suggestion(
            me, title="S2 饮水机", text="增设饮水机", category="living"
        )
    with at("2024-02-29"):
        services.record_visit(
            me,
            person_name="小夏",
            person_situation="父母重病",
            visited_on=dt.date(2024, 2, 29),
            notes="二月走访",
        )
    with at("2024-03-01", "00:05"):
        visit = services.record_visit(
            me,
            person_name="小夏",
            person_situation="父母重病，房屋失修",
            person_phone="13912345678",
            visited_on=dt.date(2024, 3, 1),
            notes="房子年久失修",
            follow_up="联系企业工会修缮",
        )
    with at("2024-03-02"):
        services.resolve_suggestion(admin_a, items["s2"], "已增设")
    with at("2024-03-03"):
        items["s1"] = services.submit_suggestion(
            me, title="S1 夜班公交", text="夜班公交", category="living"
        )
    with at("2024-03-05"):
        services.accept(admin_a, services.start_review(admin_a, items["p1"]))
    with at("2024-03-08"):
        services.resolve_suggestion(admin_a, items["s1"], "已协调公交公司")
    with at("2024-03-10"):
        items["p2"] = make_proposal(title="P2 食堂")
    with at("2024-03-12"):
        services.start_review(supervisor, items["p2"])
    with at("2024-03-15"):
        services.decline(supervisor, items["p2"], "不属于工会职责")
        services.complete_follow_up(me, visit, "中能物业工会负责修缮")
    with at("2024-03-20"):
        items["p3"] = make_proposal(title="P3 停车")
    with at("2024-03-22"):
        services.convert(admin_a, services.start_review(admin_a, items["p3"]))
    with at("2024-03-31", "23:30"):
        items["p4"] = make_proposal(title="P4 月末最后一刻")
        services.record_visit(
            me,
            person_name="老王",
            person_situation="独居",
            visited_on=dt.date(2024, 3, 31),
            notes="月末",
        )
    with at("2024-04-01", "00:10"):
        items["p5"] = make_proposal(title="P5 四月第一刻")
        services.record_visit(
            me,
            person_name="老李",
            person_situation="伤病",
            visited_on=dt.date(2024, 4, 1),
            notes="四月",
        )
    with at("2024-04-10"):
        p1 = services.assign(admin_a, items["p1"], tree.enterprise_a)
        p1 = services.answer(handler_a, p1, "已建成")
        p1 = services.check(supervisor, p1, passed=True)
        services.rate(me, p1, "satisfied")
    return items


def counted_from_the_logs(representative, start, end) -> dict[str, int]:
    """The same figures computed the slow, obvious way: read every log row."""
    counts: dict[str, int] = {}
    for event in ProposalEvent.objects.filter(proposal__representative=representative):
        if start <= event.at.astimezone(BEIJING).date() <= end:
            counts[event.to_status] = counts.get(event.to_status, 0) + 1
    for event in SuggestionEvent.objects.filter(suggestion__representative=representative):
        if start <= event.at.astimezone(BEIJING).date() <= end:
            if event.to_status == "resolved":
                counts["s_resolved"] = counts.get("s_resolved", 0) + 1
            elif event.to_status == "submitted" and not event.suggestion.source_proposal_id:
                counts["s_submitted"] = counts.get("s_submitted", 0) + 1
    return counts


def test_the_counts_for_march_are_what_happened_in_march(history, representative):
    found = report.duty_report(representative, *MARCH)
    assert found["counts"] == {
        "proposals_submitted": 3,  # P2, P3, P4 (23:30 on the 31st); not P1 (Feb) nor P5 (Apr 1)
        "proposals_accepted": 1,  # P1, accepted on Mar 5
        "proposals_converted": 1,
        "proposals_declined": 1,
        "proposals_closed": 0,  # P1 closes in April
        "suggestions_submitted": 1,  # S1; S2 was February, P3's suggestion came from a proposal
        "suggestions_resolved": 2,
        "visits": 2,  # Mar 1 and Mar 31
        "follow_ups_done": 1,
    }
    logs = counted_from_the_logs(representative, *MARCH)
    counts = found["counts"]
    assert counts["proposals_submitted"] == logs["submitted"]
    assert counts["proposals_accepted"] == logs["accepted"]
    assert counts["proposals_declined"] == logs["declined"]
    assert counts["proposals_converted"] == logs["converted"]
    assert counts["proposals_closed"] == logs.get("closed", 0)
    assert counts["suggestions_submitted"] == logs["s_submitted"]
    assert counts["suggestions_resolved"] == logs["s_resolved"]
    titles = [item["title"] for item in found["proposals"]]
    assert titles == ["P1 司机之家", "P2 食堂", "P3 停车", "P4 月末最后一刻"]
    p2 = found["proposals"][1]
    assert p2["status"] == "declined" and "不属于工会职责" in p2["outcome"]
    assert [v["person"] for v in found["visits"]] == ["小*", "老*"]  # names masked


def test_april_sees_the_closing_and_the_whole_spring_adds_up(history, representative):
    april = report.duty_report(representative, dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    assert april["counts"]["proposals_closed"] == 1
    assert april["counts"]["proposals_submitted"] == 1  # P5
    p1 = next(item for item in april["proposals"] if item["title"] == "P1 司机之家")
    assert p1["status"] == "closed" and p1["rating"] == "satisfied"
    spring = report.duty_report(representative, dt.date(2024, 2, 1), dt.date(2024, 4, 30))
    assert spring["counts"]["proposals_submitted"] == 5
    assert spring["counts"]["visits"] == 4
    logs = counted_from_the_logs(representative, dt.date(2024, 2, 1), dt.date(2024, 4, 30))
    assert spring["counts"]["proposals_closed"] == logs["closed"] == 1


def test_the_page_and_the_api_show_the_same_numbers(history, representative, client_for):
    client = client_for(representative)
    query = {"start": "2024-03-01", "end": "2024-03-31"}
    page = client.get(reverse("proposals:report"), query)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="n-submitted">3<' in html and 'id="n-visits">2<' in html
    assert "P4 月末最后一刻" in html and "P5 四月第一刻" not in html
    data = client.get("/api/proposals/report", query).json()
    assert data["counts"] == report.duty_report(representative, *MARCH)["counts"]
    assert "13912345678" not in html and "13912345678" not in str(data)


def test_a_period_that_ends_before_it_starts_is_refused(representative, client_for):
    with pytest.raises(ValidationError):
        report.duty_report(representative, dt.date(2024, 3, 31), dt.date(2024, 3, 1))
    client = client_for(representative)
    page = client.get(reverse("proposals:report"), {"start": "2024-03-31", "end": "2024-03-01"})
    assert page.status_code == 200 and 'id="counts"' not in page.content.decode()
    assert "errorlist" in page.content.decode()
    bad = client.get("/api/proposals/report", {"start": "2024-03-31", "end": "2024-03-01"})
    assert bad.status_code == 422 and "end" in bad.json()["fields"]
    assert client.get("/api/proposals/report", {"start": "not-a-date"}).status_code == 422
