"""The 小诉求 demo: 广州石化's 492 appeals with 488 solved show 99.18 %; a second run creates
nothing; the appeals under way reach the right people.

These tests commit for real (``transactional_db``): the appeals under way are made through
the services, write services whose durable transactions run only outside any other."""

import pytest

from yunjishi.appeals import stats
from yunjishi.appeals.models import Appeal, ClosedTally, Event, Rating, RoutingRule, Supervision
from yunjishi.demo import appeals, orgs, people
from yunjishi.demo.seeding import Seeder
from yunjishi.orgs.models import Org
from yunjishi.people.models import User

MODELS = [Appeal, Event, Rating, RoutingRule, ClosedTally, Supervision, User]


def seed() -> Seeder:
    seeder = Seeder()
    for step in (orgs.seed, people.seed, appeals.seed):
        step(seeder)
    return seeder


def snapshot() -> dict:
    return {model: list(model.objects.order_by("pk").values()) for model in MODELS}


@pytest.fixture
def seeded(transactional_db):
    return seed()


def test_the_dashboard_shows_99_18_percent(seeded):
    figures = stats.figures(Org.objects.get(code="440100-GZSH"))
    assert (figures["total"], figures["solved"], figures["completion_rate"]) == (492, 488, 99.18)
    assert figures["satisfaction_rate"] > 90
    public = stats.public_figures(Org.objects.get(code="440100-GZSH"))
    assert public["completion_rate"] == 99.18


def test_a_second_run_creates_nothing_and_changes_nothing(seeded):
    before = snapshot()
    again = seed()
    assert snapshot() == before
    assert again.created.get(Appeal, 0) == 0


def test_the_three_levels_handle_what_the_rules_say(seeded):
    gzsh = Org.objects.get(code="440100-GZSH")
    history = Appeal.objects.filter(tracking_number__startswith="SQD")
    levels = set(history.values_list("severity", "handling_org__depth"))
    assert levels == {("minor", gzsh.depth + 2), ("minor", gzsh.depth + 1)} | {
        ("general", gzsh.depth + 1),
        ("major", gzsh.depth),
    }


def test_the_appeals_under_way_reach_their_people(seeded):
    live = Appeal.objects.exclude(tracking_number__startswith="SQD")
    by_title = {appeal.title: appeal for appeal in live}
    water = by_title["大修现场缺少饮水点"]
    assert (str(water.handler), str(water.tracker), str(water.supervisor)) == (
        "何伟强",
        "邓雪梅",
        "冯振华",
    )
    assert water.overdue_at < water.submitted_at.__class__.now(water.submitted_at.tzinfo)
    assert by_title["催化裂化装置区巡检路线照明不足"].supervisions.filter(closed_at=None).exists()
    assert by_title["班组夜班津贴少发"].status == "needs_info"
    assert by_title["保安岗亭夏天没有空调"].handler.display_name == "顾志伟"
