"""The shapes of the surveys API (``api``)."""

import datetime as dt
from typing import Annotated

from ninja import Field, Schema

from yunjishi.core.fields import Bool, Id, Line, Text
from yunjishi.orgs.schemas import OrgRef

# A survey is a questionnaire a worker fills on a phone: these are far past any real one.
MAX_QUESTIONS = 100
MAX_CHOICES = 50


class ChoiceIn(Schema):
    text: Annotated[str, Line(200)]
    category: Annotated[str, Line(50)] = ""


class SurveyQuestionIn(Schema):
    text: Annotated[str, Line(300)]
    kind: Annotated[str, Line(10)]
    required: Bool | None = None
    choices: list[ChoiceIn] = Field([], max_length=MAX_CHOICES)


class SurveyIn(Schema):
    title: Annotated[str, Line(100)]
    intro: Annotated[str, Text(2000)] = ""
    org_id: Id | None = None
    anonymous_allowed: Bool = True
    questions: list[SurveyQuestionIn] = Field([], max_length=MAX_QUESTIONS)


class OpenIn(Schema):
    is_open: Bool


class ChoiceOut(Schema):
    id: int
    text: str
    category: str


class QuestionOut(Schema):
    id: int
    text: str
    kind: str
    required: bool
    order: int
    choices: list[ChoiceOut]

    @staticmethod
    def resolve_choices(obj) -> list:
        return list(obj.choices.all())


class SurveyOut(Schema):
    """A survey read with ``Survey.objects.with_counts()`` (``responses`` is its
    ``answered``) and its questions' choices prefetched."""

    id: int
    title: str
    intro: str
    org: OrgRef
    anonymous_allowed: bool
    is_open: bool
    created_at: dt.datetime
    questions: list[QuestionOut]
    responses: int

    @staticmethod
    def resolve_questions(obj) -> list:
        return list(obj.questions.all())

    @staticmethod
    def resolve_responses(obj) -> int:
        return obj.answered


class LinkOut(Schema):
    id: int
    org: OrgRef
    token: str
    url: str
    qr_url: str


class PublicChoiceOut(Schema):
    id: int
    text: str


class PublicQuestionOut(Schema):
    id: int
    text: str
    kind: str
    required: bool
    choices: list[PublicChoiceOut]

    @staticmethod
    def resolve_choices(obj) -> list:
        return list(obj.choices.all())


class PublicSurveyOut(Schema):
    title: str
    intro: str
    enterprise: OrgRef
    anonymous_allowed: bool
    is_open: bool
    questions: list[PublicQuestionOut]


class SurveyAnswerIn(Schema):
    question_id: Id
    choice_ids: list[Id] = Field([], max_length=MAX_CHOICES)
    text: Annotated[str, Text(2000)] = ""


class SurveySubmitIn(Schema):
    answers: list[SurveyAnswerIn] = Field(max_length=MAX_QUESTIONS)
    signed: Bool = False


class SubmitOut(Schema):
    id: int
    submitted_at: dt.datetime
    signed: bool


class OrgCount(Schema):
    id: int
    name: str
    count: int


class DemandRow(Schema):
    category: str
    label: str
    is_domain: bool
    count: int
    respondents: int
    orgs: list[OrgCount]
