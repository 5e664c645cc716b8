"""A survey answer the database cannot take (an id past 64 bits, text with NUL, more
answers than any survey has) is refused, over the API with the field named and on the page
with the question's message, and nothing is saved."""

import json

import pytest

from yunjishi.core.testing import assert_error
from yunjishi.surveys.models import Answer, Response, Survey

from .fixtures import choice, post_answers


def submit(client, link, body):
    client.get(f"/api/surveys/s/{link.token}")  # the device cookie
    return client.post(
        f"/api/surveys/s/{link.token}", json.dumps(body), content_type="application/json"
    )


def _needs(link):
    picked = choice(link.survey, "子女托管")
    return {"question_id": picked.question_id, "choice_ids": [picked.pk]}


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"question_id": 2**63, "choice_ids": []}, "answers.1.question_id"),
        ({"question_id": 1, "choice_ids": [2**70]}, "answers.1.choice_ids.0"),
        ({"question_id": True}, "answers.1.question_id"),
        ({"question_id": 1, "text": "多办\x00活动"}, "answers.1.text"),
        ({"question_id": 1, "text": "\ud800"}, "answers.1.text"),
    ],
)
def test_an_answer_out_of_bounds_is_refused_by_name(extra, field, links, client):
    response = submit(client, links["a"], {"answers": [_needs(links["a"]), extra]})

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == [field]
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_more_answers_than_a_survey_can_have_are_refused(links, client):
    answers = [_needs(links["a"])] * 101

    response = submit(client, links["a"], {"answers": answers})

    assert list(assert_error(response, 422, "validation_error")["fields"]) == ["answers"]
    assert not Response.objects.exists()


def test_signed_must_be_true_or_false(links, client):
    response = submit(client, links["a"], {"answers": [_needs(links["a"])], "signed": "yes"})

    assert list(assert_error(response, 422, "validation_error")["fields"]) == ["signed"]


def test_a_text_answer_with_nul_is_refused_on_the_page(links, client):
    response = post_answers(client, links["a"], "子女托管", write="多办\x00活动")

    assert response.status_code == 400
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_a_survey_with_a_title_past_its_length_or_a_control_character_is_refused(
    supervisor, client_for
):
    client = client_for(supervisor)
    for title in ["调" * 101, "需求\x0b调研"]:
        response = client.post(
            "/api/surveys/staff/surveys", {"title": title}, content_type="application/json"
        )
        assert list(assert_error(response, 422, "validation_error")["fields"]) == ["title"]
    assert not Survey.objects.exists()
