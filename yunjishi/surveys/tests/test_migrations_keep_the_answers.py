"""Upgrading a database whose surveys lived in the market keeps every survey, link and
answer: the tables are renamed, not recreated; the content types follow; a person who
answered before the move still cannot answer again, and new answers get new ids."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from yunjishi.surveys import services
from yunjishi.surveys.models import Answer, Response, Survey, SurveyLink

BEFORE_THE_MOVE = [("market", "0003_follow_review_names"), ("surveys", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _answer_before_the_move(old, tree, worker):
    """Rows as the market wrote them: a survey, a link, a signed and an anonymous answer."""
    survey = old.get_model("market", "Survey").objects.create(
        org_id=tree.district.pk, title="搬家前的调研", created_by_id=worker.pk
    )
    question = old.get_model("market", "Question").objects.create(
        survey=survey, text="最需要什么？", kind="single"
    )
    care = old.get_model("market", "Choice").objects.create(
        question=question, text="子女托管", category="子女托管"
    )
    link = old.get_model("market", "SurveyLink").objects.create(
        survey=survey, org_id=tree.enterprise_a.pk, token="before-the-move"
    )
    Response = old.get_model("market", "Response")
    signed = Response.objects.create(
        survey=survey,
        link=link,
        user_id=worker.pk,
        signed=True,
        respondent_key=services.respondent_key(survey, worker),
    )
    anonymous = Response.objects.create(survey=survey, link=link)
    for response in (signed, anonymous):
        old.get_model("market", "Answer").objects.create(
            response=response, question=question, choice=care, text=care.text
        )
    return survey.pk


@pytest.mark.django_db(transaction=True)
def test_an_upgraded_database_keeps_its_surveys_and_answers(tree, worker, other_worker):
    try:
        old = _migrate(BEFORE_THE_MOVE)
        pk = _answer_before_the_move(old, tree, worker)
        market_type = ContentType.objects.get_or_create(app_label="market", model="survey")[0]
    finally:
        _migrate(_latest())

    survey = Survey.objects.get(pk=pk)
    assert survey.title == "搬家前的调研" and survey.org == tree.district
    link = SurveyLink.objects.get(token="before-the-move")
    assert Response.objects.filter(survey=survey).count() == 2
    assert Response.objects.get(survey=survey, signed=True).user == worker
    assert Answer.objects.filter(response__survey=survey, text="子女托管").count() == 2
    assert services.survey_classification(survey)[0]["count"] == 2
    assert ContentType.objects.get(pk=market_type.pk).app_label == "surveys"

    # The signed answer still counts: no second one; others answer, with new ids.
    assert services.already_answered(link, worker)
    choice = survey.questions.get().choices.get()
    services.submit_response(link, other_worker, {choice.question_id: [str(choice.pk)]})
    services.submit_response(link, None, {choice.question_id: [str(choice.pk)]}, device="d1")
    assert Response.objects.filter(survey=survey).count() == 4
