"""Fixtures of the survey tests (no tests here): a district survey with enterprise links,
and answering it through the page.

Survey tests get them from ``conftest.py``; other apps' tests that need answered surveys
(the market's matching) use ``from yunjishi.surveys.tests.fixtures import *  # noqa: F403``.
"""

import pytest
from django.urls import reverse

from yunjishi.surveys import services
from yunjishi.surveys.models import Choice

__all__ = ["answer_url", "choice", "demand_survey", "links", "post_answers"]

NEEDS = "您最需要工会提供哪类服务？"
MORE = "还希望有哪些活动？"


@pytest.fixture
def demand_survey(supervisor, tree):
    """Run by the district: 1 single choice (required), 1 multiple choice, 1 text question."""
    return services.create_survey(
        supervisor,
        tree.district,
        "新就业形态劳动者需求调研",
        "请根据实际情况填写。",
        questions=[
            {
                "text": NEEDS,
                "kind": "single",
                "choices": [
                    {"text": "书法培训", "category": "教育培训"},
                    {"text": "子女托管", "category": "子女托管"},
                    {"text": "免费健康检查", "category": "医疗健康"},
                    {"text": "都不需要", "category": ""},
                ],
            },
            {
                "text": MORE,
                "kind": "multiple",
                "choices": [
                    {"text": "劳动纠纷咨询", "category": "legal"},
                    {"text": "亲子活动", "category": "子女托管"},
                ],
            },
            {"text": "其他建议", "kind": "text"},
        ],
    )


@pytest.fixture
def links(demand_survey, supervisor, tree):
    """The enterprise links by enterprise: ``links["a"]``, ``links["b"]``."""
    made = {link.org_id: link for link in services.generate_links(supervisor, demand_survey)}
    return {"a": made[tree.enterprise_a.pk], "b": made[tree.enterprise_b.pk]}


def choice(survey, text) -> Choice:
    return Choice.objects.get(question__survey=survey, text=text)


def answer_url(link) -> str:
    return reverse("surveys:answer", args=[link.token])


def post_answers(client, link, *texts, write="", signed=False):
    """Answer through the page as a browser does: open it (which gives a visitor the device
    cookie), then send the choices with these texts. A visitor answers each link once per
    device: give each answer of its own a ``Client()`` of its own."""
    client.get(answer_url(link))
    data = {}
    for text in texts:
        picked = choice(link.survey, text)
        data.setdefault(f"q{picked.question_id}", []).append(str(picked.pk))
    if write:
        question = link.survey.questions.get(kind="text")
        data[f"q{question.pk}"] = write
    if signed:
        data["signed"] = "1"
    return client.post(answer_url(link), data)
