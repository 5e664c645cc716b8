"""Figures per org subtree: counts by state and category, 办结率 = (已办结 + 已解释) / total
(truncated: 488 of 492 is 99.18 %), average handling time, overdue rate, satisfaction;
the public page shows only the rates, and only from a few appeals on."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from yunjishi.appeals import services, stats, sweep
from yunjishi.appeals.models import ClosedTally

from .conftest import local

MONDAY = local(2024, 3, 4, 9, 0)


def test_rates_are_truncated_like_the_union_reports_them():
    assert stats.percent(488, 492) == 99.18
    assert stats.percent(2, 3) == 66.66
    assert stats.percent(0, 0) is None


@pytest.fixture
def mixed(make_appeal, worker, handler_a, categories):
    """Five appeals: closed (satisfied), closed (unsatisfied after reopening), explained,
    in progress after going overdue, and merged."""
    with time_machine.travel(MONDAY, tick=False):
        first = make_appeal()
        second = make_appeal(category=categories["工资待遇"], title="加班费算错了")
        third = make_appeal(title="宿舍没有热水", text="宿舍楼热水器坏了两周没人修。")
        fourth = make_appeal(category=categories["安全生产"], title="照明灯坏了")
        fifth = make_appeal(title="食堂的菜太咸了")
    with time_machine.travel(MONDAY + dt.timedelta(hours=72), tick=False):
        sweep.sweep_overdue()  # all five go overdue once
    with time_machine.travel(MONDAY + dt.timedelta(hours=80), tick=False):
        for appeal in (first, second, third, fourth):
            services.accept(handler_a, appeal)
        services.merge(handler_a, fifth, first)
        first = services.resolve(handler_a, first.__class__.objects.get(pk=first.pk), "已改进")
        services.rate(worker, first, "satisfied")
        second = services.resolve(handler_a, second.__class__.objects.get(pk=second.pk), "已补发")
        second = services.rate(worker, second, "unsatisfied")
        second = services.resolve(handler_a, second, "已复核")
        services.rate(worker, second, "unsatisfied")
        services.resolve(
            handler_a, third.__class__.objects.get(pk=third.pk), "暂无法更换", "explained"
        )
        services.start(handler_a, fourth.__class__.objects.get(pk=fourth.pk))


def test_the_figures_of_a_subtree(mixed, tree):
    figures = stats.figures(tree.district)
    assert figures["total"] == 4  # the merged duplicate is not an appeal of its own
    assert {k: v for k, v in figures["by_state"].items() if v} == {
        "closed": 2,
        "explained": 1,
        "in_progress": 1,
        "merged": 1,
    }
    assert figures["solved"] == 3 and figures["completion_rate"] == 75.0
    assert figures["overdue_rate"] == 100.0
    assert figures["rated"] == 2 and figures["satisfaction_rate"] == 50.0
    assert figures["average_handling_hours"] == 80.0
    by_category = {row["name"]: row["total"] for row in figures["by_category"]}
    assert by_category == {"后勤保障": 2, "工资待遇": 1, "安全生产": 1}
    assert stats.figures(tree.street_b)["total"] == 0
    assert stats.figures(tree.district, year=2023)["total"] == 0
    assert stats.figures(tree.district, year=2024)["total"] == 4


def test_the_tally_matches_a_recount(mixed, tree):
    before = list(ClosedTally.objects.order_by("pk").values("org", "category", "year", "closed"))
    assert stats.rebuild_tallies() == len(before)
    after = list(ClosedTally.objects.order_by("pk").values("org", "category", "year", "closed"))
    assert sorted(map(str, before)) == sorted(map(str, after))
    assert stats.figures(tree.district)["completion_rate"] == 75.0


def test_the_statistics_page_and_api(mixed, supervisor, tree, client_for):
    client = client_for(supervisor)
    page = client.get(reverse("appeals:staff_stats")).content.decode()
    assert "75.00%" in page and "50.00%" in page
    data = client.get("/api/appeals/staff/stats", {"org_id": tree.street_a.pk}).json()
    assert data["completion_rate"] == 75.0 and data["total"] == 4


def test_public_figures_need_no_login_and_show_only_rates(mixed, tree, client):
    response = client.get(reverse("appeals:public_org", args=[tree.district.code]))
    assert response.status_code == 200
    # four appeals is fewer than the five needed to show anything
    assert "75.00%" not in response.content.decode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("yunjishi.appeals.conf.public_minimum", lambda: 3)
        page = client.get(reverse("appeals:public_org", args=[tree.district.code]))
        data = client.get(f"/api/appeals/public/{tree.district.code}").json()
    assert "75.00%" in page.content.decode()
    assert "食堂" not in page.content.decode() and "王职工" not in page.content.decode()
    assert data == {
        "org": {"id": tree.district.pk, "code": "T-D", "name": "测试区总工会"},
        "shown": True,
        "total": 4,
        "solved": 3,
        "completion_rate": 75.0,
        "satisfaction_rate": 50.0,
        "average_handling_hours": 80.0,
    }
