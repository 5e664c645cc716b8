"""Anonymous answers keep no trace of who gave them; signed ones do; one per person."""

import pytest
from django.urls import reverse

from yunjishi.core.errors import Conflict
from yunjishi.surveys import services
from yunjishi.surveys.models import Response

from .fixtures import answer_url, post_answers


def test_an_anonymous_visitor_answers_without_logging_in_and_no_user_is_stored(links, client):
    page = client.get(answer_url(links["a"]))
    assert page.status_code == 200 and "子女托管" in page.content.decode()
    response = post_answers(client, links["a"], "子女托管", write="希望周末也有托管")
    assert response.url == reverse("surveys:answered", args=[links["a"].token])
    saved = Response.objects.get()
    assert saved.user is None and not saved.signed and saved.respondent_key is None
    assert saved.link == links["a"]
    assert sorted(a.text for a in saved.answers.all()) == ["子女托管", "希望周末也有托管"]


def test_a_logged_in_worker_answering_anonymously_is_not_stored_but_answers_once(
    links, worker, client_for
):
    client = client_for(worker)
    post_answers(client, links["a"], "子女托管")
    saved = Response.objects.get()
    assert saved.user is None and not saved.signed
    # A second visit shows the thank-you page; a second submit is refused.
    assert client.get(answer_url(links["a"])).status_code == 302
    with pytest.raises(Conflict):
        services.submit_response(links["b"], worker, {})
    assert Response.objects.count() == 1


def test_a_signed_answer_keeps_the_worker(links, worker, client_for):
    post_answers(client_for(worker), links["a"], "子女托管", signed=True)
    saved = Response.objects.get()
    assert saved.user == worker and saved.signed


def test_a_survey_without_anonymous_answers_asks_to_log_in_and_signs(
    demand_survey, links, worker, client
):
    demand_survey.anonymous_allowed = False
    demand_survey.save()
    page = client.get(answer_url(links["a"]))
    assert page.status_code == 302 and "/accounts/" in page.url
    client.force_login(worker, backend="django.contrib.auth.backends.ModelBackend")
    post_answers(client, links["a"], "子女托管")
    assert Response.objects.get().user == worker


def test_a_closed_survey_takes_no_answers(demand_survey, links, supervisor, client):
    services.set_open(supervisor, demand_survey, False)
    response = post_answers(client, links["a"], "子女托管")
    assert response.status_code == 200 and not Response.objects.exists()
