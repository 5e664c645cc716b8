"""A missing or foreign answer gets a clear message and saves nothing."""

from yunjishi.surveys.models import Answer, Response

from .fixtures import answer_url, choice, post_answers


def test_a_missing_single_choice_is_refused_with_a_message(links, client):
    response = post_answers(client, links["a"], "亲子活动", write="多办活动")
    assert response.status_code == 400
    needs = choice(links["a"].survey, "子女托管").question
    item = next(i for i in response.context["items"] if i["question"] == needs)
    assert item["errors"]
    # What was typed and ticked is still there.
    assert "多办活动" in response.content.decode()
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_two_answers_to_a_single_choice_are_refused(links, client):
    response = post_answers(client, links["a"], "子女托管", "书法培训")
    assert response.status_code == 400 and not Response.objects.exists()


def test_a_choice_of_another_question_is_refused(links, client):
    survey = links["a"].survey
    needs = choice(survey, "子女托管").question
    foreign = choice(survey, "亲子活动")
    response = client.post(answer_url(links["a"]), {f"q{needs.pk}": str(foreign.pk)})
    assert response.status_code == 400 and not Response.objects.exists()


def test_an_unknown_token_is_not_found(db, client):
    assert client.get("/surveys/s/nope/").status_code == 404
