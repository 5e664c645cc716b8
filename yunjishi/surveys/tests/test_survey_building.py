"""Staff build a survey with categorised choices and give every enterprise its own link."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yunjishi.core.errors import NotAllowed
from yunjishi.surveys import services
from yunjishi.surveys.models import Choice, Question, Survey, SurveyLink

from .fixtures import post_answers


def test_staff_create_a_survey_and_add_a_question_on_the_pages(supervisor, tree, client_for):
    client = client_for(supervisor)
    response = client.post(
        reverse("surveys:staff_surveys"),
        {"org": tree.district.pk, "title": "职工需求调研", "intro": "", "anonymous_allowed": "on"},
    )
    survey = Survey.objects.get(title="职工需求调研")
    assert response.url == reverse("surveys:staff_survey", args=[survey.pk])
    assert survey.created_by == supervisor and survey.anonymous_allowed
    client.post(
        response.url,
        {
            "text": "您最需要哪类服务？",
            "kind": "single",
            "required": "on",
            "choices": "书法培训 | 教育培训\n子女托管 | 子女托管\n都不需要",
        },
    )
    question = Question.objects.get(survey=survey)
    assert question.required
    assert [(c.text, c.category) for c in question.choices.all()] == [
        ("书法培训", "education"),
        ("子女托管", "子女托管"),
        ("都不需要", ""),
    ]


def test_a_choice_question_with_one_choice_is_refused_and_nothing_is_saved(
    supervisor, tree, client_for
):
    survey = services.create_survey(supervisor, tree.district, "调研")
    response = client_for(supervisor).post(
        reverse("surveys:staff_survey", args=[survey.pk]),
        {"text": "您需要什么？", "kind": "single", "choices": "书法培训"},
    )
    assert response.status_code == 200 and response.context["form"].errors["choices"]
    assert not Question.objects.exists() and not Choice.objects.exists()


def test_a_survey_needs_a_title(supervisor, tree):
    with pytest.raises(ValidationError):
        services.create_survey(supervisor, tree.district, "  ")
    assert not Survey.objects.exists()


def test_staff_may_not_run_a_survey_outside_their_subtree(handler_b, tree):
    with pytest.raises(NotAllowed):
        services.create_survey(handler_b, tree.street_a, "越权调研")


def test_every_enterprise_under_the_survey_gets_one_link_and_keeps_it(
    demand_survey, supervisor, tree
):
    first = services.generate_links(supervisor, demand_survey)
    assert {link.org_id for link in first} == {tree.enterprise_a.pk, tree.enterprise_b.pk}
    again = services.generate_links(supervisor, demand_survey)
    assert {link.token for link in again} == {link.token for link in first}
    assert SurveyLink.objects.count() == 2


def test_the_printable_page_shows_every_link_with_its_qr_code(
    demand_survey, links, supervisor, client_for
):
    page = client_for(supervisor).get(reverse("surveys:staff_links", args=[demand_survey.pk]))
    html = page.content.decode()
    for link in links.values():
        assert reverse("surveys:staff_qr", args=[link.token]) in html
        assert f"/surveys/s/{link.token}/" in html
        assert link.org.name in html


def test_staff_of_another_street_do_not_see_the_district_survey(
    demand_survey, handler_b, client_for
):
    client = client_for(handler_b)
    assert demand_survey.title not in client.get(reverse("surveys:staff_surveys")).content.decode()
    url = reverse("surveys:staff_survey", args=[demand_survey.pk])
    assert client.get(url).status_code == 404


def test_a_worker_gets_403_on_the_survey_pages(worker, client_for):
    assert client_for(worker).get(reverse("surveys:staff_surveys")).status_code == 403


def test_the_survey_page_shows_each_choice_with_its_answers(
    demand_survey, links, supervisor, client, client_for
):
    post_answers(client, links["a"], "子女托管")
    page = client_for(supervisor).get(reverse("surveys:staff_survey", args=[demand_survey.pk]))
    assert page.status_code == 200
    needs = next(q for q in page.context["questions"] if q.kind == "single")
    counts = {c.text: c.answered for c in needs.choices.all()}
    assert counts["子女托管"] == 1 and counts["书法培训"] == 0
    # An answered question can no longer be removed.
    remove = reverse("surveys:staff_remove_question", args=[demand_survey.pk, needs.pk])
    assert remove not in page.content.decode()
    client_for(supervisor).post(remove)
    assert Question.objects.filter(pk=needs.pk).exists()


def test_closing_a_survey_from_its_page(demand_survey, supervisor, client_for):
    client_for(supervisor).post(
        reverse("surveys:staff_set_open", args=[demand_survey.pk]), {"open": "0"}
    )
    demand_survey.refresh_from_db()
    assert not demand_survey.is_open
