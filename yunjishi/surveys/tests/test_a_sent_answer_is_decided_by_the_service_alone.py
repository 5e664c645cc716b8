"""The answer page leaves a sent answer to ``services.submit_response`` (closed, a login
the survey asks for, answered before) and shows the page each refusal calls for; it does
not ask the database first what the service asks again. The API names each refusal by its
code."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from yunjishi.core.testing import assert_error
from yunjishi.surveys import services
from yunjishi.surveys.models import Response

from .fixtures import answer_url, choice


def form(link, text="子女托管") -> dict:
    picked = choice(link.survey, text)
    return {f"q{picked.question_id}": str(picked.pk)}


def test_a_visitor_sending_an_answer_to_a_survey_for_members_is_asked_to_log_in(
    demand_survey, links, client
):
    demand_survey.anonymous_allowed = False
    demand_survey.save()
    client.get(answer_url(links["a"]))

    response = client.post(answer_url(links["a"]), form(links["a"]))

    assert response.status_code == 302 and "/accounts/" in response.url
    assert not Response.objects.exists()


def test_an_answer_sent_to_a_closed_survey_shows_that_it_is_closed(
    demand_survey, links, supervisor, client
):
    client.get(answer_url(links["a"]))
    services.set_open(supervisor, demand_survey, False)

    response = client.post(answer_url(links["a"]), form(links["a"]))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "surveys/closed.html"
    assert not Response.objects.exists()


def test_a_sent_answer_asks_once_whether_this_person_answered_before(links, worker, client_for):
    client = client_for(worker)
    client.get(answer_url(links["a"]))

    with CaptureQueriesContext(connection) as done:
        response = client.post(answer_url(links["a"]), form(links["a"]))

    assert response.status_code == 302
    asked = [
        q["sql"]
        for q in done.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT") and "respondent_key" in q["sql"]
    ]
    assert len(asked) == 1, asked


def test_the_api_says_a_closed_survey_is_closed(demand_survey, links, supervisor, client):
    url = f"/api/surveys/s/{links['a'].token}"
    client.get(url)
    services.set_open(supervisor, demand_survey, False)
    picked = choice(demand_survey, "子女托管")
    body = {"answers": [{"question_id": picked.question_id, "choice_ids": [picked.pk]}]}

    response = client.post(url, body, content_type="application/json")

    assert_error(response, 409, "closed")
