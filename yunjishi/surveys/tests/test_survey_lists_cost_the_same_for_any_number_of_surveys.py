"""The lists of surveys count each survey's responses and links in the list's own query
(one subquery each, never a join of the two), and the back office reads a survey's
questions with their choices at once: the number of queries does not grow with the
number of surveys, questions, answers or links."""

import secrets

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yunjishi.surveys import services
from yunjishi.surveys.models import Response, SurveyLink

QUESTION = {
    "text": "最需要什么？",
    "kind": "single",
    "choices": [{"text": "子女托管", "category": "子女托管"}, {"text": "法律咨询"}],
}


def make_survey(staff, org, title, *, questions=1, answers=0):
    survey = services.create_survey(staff, org, title, questions=[QUESTION] * questions)
    links = services.generate_links(staff, survey)
    picked = {q.pk: [str(q.choices.first().pk)] for q in survey.questions.all()}
    for _n in range(answers):
        services.submit_response(links[0], None, picked, device=secrets.token_urlsafe(8))
    return survey


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as done:
        response = client.get(url)
    assert response.status_code == 200
    return len(done)


PAGES = [
    "/api/surveys/staff/surveys",
    reverse("surveys:staff_surveys"),
    reverse("admin:surveys_survey_changelist"),
]


@pytest.mark.parametrize("url", PAGES)
def test_a_list_of_surveys_takes_as_many_queries_for_four_surveys_as_for_one(
    url, supervisor, tree, client_for
):
    client = client_for(supervisor)
    make_survey(supervisor, tree.district, "第一次调研", answers=1)
    client.get(url)  # sessions, content types and the like are cached from here
    one = queries(client, url)

    for number in range(3):
        make_survey(supervisor, tree.district, f"调研{number}", questions=3, answers=3)

    assert queries(client, url) == one


def test_the_counts_are_each_surveys_own(supervisor, tree, client_for):
    make_survey(supervisor, tree.district, "第一次调研", answers=2)
    make_survey(supervisor, tree.street_a, "街道调研", answers=3)
    rows = client_for(supervisor).get("/api/surveys/staff/surveys").json()["items"]

    assert {row["title"]: row["responses"] for row in rows} == {"第一次调研": 2, "街道调研": 3}
    assert Response.objects.count() == 5 and SurveyLink.objects.count() == 3


def test_a_surveys_questions_take_as_many_queries_in_the_back_office_for_any_number(
    supervisor, tree, client_for
):
    client = client_for(supervisor)
    few = make_survey(supervisor, tree.district, "一题", questions=1)
    many = make_survey(supervisor, tree.district, "五题", questions=5)
    url = lambda survey: reverse("admin:surveys_survey_change", args=[survey.pk])  # noqa: E731
    client.get(url(few))

    assert queries(client, url(many)) == queries(client, url(few))
