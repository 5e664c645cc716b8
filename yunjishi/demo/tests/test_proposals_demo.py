"""The Pinghu demo (seed 001): 187 proposals of which 178 立案结案, the rest at every other
step, each with the history its services would have written; a second run adds nothing."""

import pytest
from django.urls import reverse

from yunjishi.demo import orgs, people
from yunjishi.demo import proposals as demo
from yunjishi.demo.seeding import Seeder
from yunjishi.orgs.models import Org
from yunjishi.people.models import User
from yunjishi.proposals import report, stats
from yunjishi.proposals.models import (
    ContactVisit,
    Proposal,
    ProposalEvent,
    Suggestion,
    SuggestionEvent,
)

MODELS = [Proposal, ProposalEvent, Suggestion, SuggestionEvent, ContactVisit]


@pytest.fixture
def seeded(db):
    seeder = Seeder()
    for step in (orgs.seed, people.seed, demo.seed):
        step(seeder)
    return seeder


def test_pinghu_shows_187_proposals_of_which_178_accepted_and_closed(seeded, client_for):
    pinghu = Org.objects.get(code=demo.PINGHU)
    figures = stats.figures(pinghu)
    assert figures["total"] == 187 and figures["accepted_and_closed"] == 178
    assert {s for s, n in figures["by_status"].items() if n} == {
        "submitted",
        "reviewing",
        "accepted",
        "converted",
        "declined",
        "handling",
        "supervision",
        "feedback",
        "closed",
    }
    staff = User.objects.get(phone="13800001061")
    page = client_for(staff).get(reverse("proposals:staff_figures"))
    html = page.content.decode()
    assert 'id="total">187<' in html and 'id="accepted-closed">178<' in html


def test_every_proposal_has_the_history_of_its_state(seeded):
    for proposal in Proposal.objects.prefetch_related("events"):
        events = list(proposal.events.all())
        assert events[0].action == "submit" and events[-1].to_status == proposal.status
        assert [e.from_status for e in events[1:]] == [e.to_status for e in events[:-1]]
        assert all(a.at <= b.at for a, b in zip(events, events[1:], strict=False))
    closed = ProposalEvent.objects.filter(to_status="closed").count()
    assert closed == 178
    places = {"当湖街道": demo.DANGHU, "林埭镇": demo.LINDAI}
    for proposal in Proposal.objects.select_related("org"):
        place = next((p for p in places if p in proposal.title), None)
        assert proposal.org.code == places.get(place, demo.PINGHU), proposal.title


def test_the_demo_representative_has_a_duty_report_and_an_answer_to_rate(seeded):
    xu = User.objects.get(phone=demo.XU_WEIDONG)
    assert Proposal.objects.filter(representative=xu, status="feedback").exists()
    found = report.duty_report(xu, *_year_to_date())
    assert found["counts"]["proposals_submitted"] >= 10
    assert found["counts"]["visits"] >= 1 and found["counts"]["suggestions_submitted"] >= 1


def test_a_second_run_creates_nothing(seeded):
    before = {model: model.objects.count() for model in MODELS}
    again = Seeder()
    for step in (orgs.seed, people.seed, demo.seed):
        step(again)
    assert {model: model.objects.count() for model in MODELS} == before
    assert again.total == 0


def _year_to_date():
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    return today - dt.timedelta(days=366), today


def test_the_tally_counts_every_row_the_step_writes(db):
    from yunjishi.people.models import MemberProfile, StaffAssignment

    seeder = Seeder()
    orgs.seed(seeder)
    people.seed(seeder)
    counted = [User, MemberProfile, StaffAssignment, *MODELS]
    before = {model: model.objects.count() for model in counted}
    ours = Seeder()
    demo.seed(ours)
    written = sum(model.objects.count() - before[model] for model in counted)
    assert ours.total == written
    phones = {login.phone for login in ours.logins}
    assert {u.phone for u in User.objects.filter(phone__startswith="1380000290")} <= phones
