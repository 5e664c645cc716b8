"""The shapes of the surveys API (``api``)."""

import datetime as dt

from ninja import Schema

from yunjishi.orgs.schemas import OrgRef


class ChoiceIn(Schema):
    text: str
    category: str = ""


class SurveyQuestionIn(Schema):
    text: str
    kind: str
    required: bool | None = None
    choices: list[ChoiceIn] = []


class SurveyIn(Schema):
    title: str
    intro: str = ""
    org_id: int | None = None
    anonymous_allowed: bool = True
    questions: list[SurveyQuestionIn] = []


class OpenIn(Schema):
    is_open: bool


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
    question_id: int
    choice_ids: list[int] = []
    text: str = ""


class SurveySubmitIn(Schema):
    answers: list[SurveyAnswerIn]
    signed: bool = False


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
