"""The surveys' back office: scoped to the staffer's subtree, every page opens, and an
anonymous response shows no respondent and no key that could lead to one."""

from django.urls import reverse

from yunjishi.surveys.models import Question, Response

from .fixtures import post_answers


def test_a_survey_shows_its_questions_and_links(
    demand_survey, links, supervisor, handler_b, client_for
):
    url = reverse("admin:surveys_survey_change", args=[demand_survey.pk])
    page = client_for(supervisor).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "子女托管" in html and links["a"].token in html
    survey_list = client_for(handler_b).get(reverse("admin:surveys_survey_changelist"))
    assert demand_survey.title not in survey_list.content.decode()


def test_every_survey_page_of_the_back_office_opens(
    demand_survey, links, superuser, client, client_for
):
    post_answers(client, links["a"], "子女托管")
    rows = {
        "survey": demand_survey,
        "question": Question.objects.filter(survey=demand_survey).first(),
        "response": Response.objects.first(),
    }
    admin = client_for(superuser)
    for name, row in rows.items():
        assert admin.get(reverse(f"admin:surveys_{name}_changelist")).status_code == 200, name
        assert admin.get(reverse(f"admin:surveys_{name}_change", args=[row.pk])).status_code == 200


def test_an_anonymous_response_shows_no_key_in_the_back_office(
    links, superuser, client, client_for
):
    post_answers(client, links["a"], "子女托管")
    response = Response.objects.get()
    assert response.device_key  # kept, to refuse a second answer from the same phone
    page = client_for(superuser).get(reverse("admin:surveys_response_change", args=[response.pk]))
    assert page.status_code == 200
    assert response.device_key not in page.content.decode()
