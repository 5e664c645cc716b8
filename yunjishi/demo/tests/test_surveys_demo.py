import pytest
from django.core.management import call_command

from yunjishi.market import demand
from yunjishi.surveys import services
from yunjishi.surveys.models import Response, Survey


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--no-logins", verbosity=0)


def test_the_demo_survey_has_answers_from_several_enterprises(seeded):
    survey = Survey.objects.get()
    assert Response.objects.filter(survey=survey).count() > 20
    rows = services.survey_classification(survey)
    assert len(rows[0]["orgs"]) > 1


def test_the_demo_demand_list_shows_a_gap_and_a_match(seeded):
    rows = {
        row["category"]: row
        for row in demand.matching(services.survey_classification(Survey.objects.get()))
    }
    assert rows["子女托管"]["gap"] is True
    assert rows["health"]["gap"] is False and rows["health"]["listings"]


def test_a_second_run_adds_no_survey_and_no_answer(seeded):
    before = (Survey.objects.count(), Response.objects.count())
    call_command("seed_demo", "--no-logins", verbosity=0)
    assert (Survey.objects.count(), Response.objects.count()) == before
