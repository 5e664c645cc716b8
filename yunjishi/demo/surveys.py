"""Demo step: a demand survey (需求调研) of 南山区总工会 with one link per enterprise
(一企一码) and answers, so the demand classification list and the market's 精准匹配 have
data (after the market's step: its listings meet some of the demand).

Seed 000 speaks of 7000 questionnaires; the demo answers a few dozen, spread over the
enterprises, with a category that no listing serves (子女托管) to show a gap.
A survey that exists (same title and union) is left alone.
"""

from yunjishi.orgs.models import Org
from yunjishi.people.models import User
from yunjishi.surveys import services
from yunjishi.surveys.models import Answer, Response, Survey, SurveyLink

from .seeding import Seeder, SeedError

TITLE = "2024年南山区职工服务需求调研"
ORG_CODE = "440305"
STAFF_PHONE = "13800001001"  # 陈晓琳, org admin of 南山区总工会
# (choice text, demand category): categories are service domains or free names of a need.
NEEDS = [
    ("免费健康体检", "health"),
    ("技能培训课程", "education"),
    ("劳动法律咨询", "legal"),
    ("子女暑期托管", "子女托管"),
    ("心理咨询疏导", "心理咨询"),
]
# How many answers pick each need, per enterprise link (cycled).
PATTERN = [0, 0, 1, 3, 0, 2, 3, 4, 1, 0, 3, 2]


def seed(seeder: Seeder) -> None:
    org = Org.objects.filter(code=ORG_CODE).first()
    staff = User.objects.filter(phone=STAFF_PHONE).first()
    if org is None or staff is None:
        raise SeedError("The Nanshan union and its org admin must be seeded before the survey.")
    if Survey.objects.filter(org=org, title=TITLE).exists():
        return
    survey = services.create_survey(
        staff,
        org,
        TITLE,
        "为精准对接劳模工匠服务，请花一分钟告诉我们您最需要的服务。匿名填写。",
        questions=[
            {
                "text": "您最需要工会提供哪类服务？",
                "kind": "single",
                "required": True,
                "choices": [{"text": text, "category": category} for text, category in NEEDS],
            },
            {
                "text": "您希望以什么形式参加？",
                "kind": "multiple",
                "required": False,
                "choices": [{"text": "线上", "category": ""}, {"text": "线下", "category": ""}],
            },
            {"text": "其他建议", "kind": "text", "required": False, "choices": []},
        ],
    )
    seeder.record(Survey)
    links = services.generate_links(staff, survey)
    for _link in links:
        seeder.record(SurveyLink)
    need, form, _other = survey.questions.order_by("order")
    need_choices = list(need.choices.order_by("order"))
    form_choices = list(form.choices.order_by("order"))
    for number, link in enumerate(links):
        for step, pick in enumerate(PATTERN[number % 3 :]):
            answers = {
                need.pk: [str(need_choices[pick].pk)],
                form.pk: [str(form_choices[(step + number) % 2].pk)],
            }
            # Anonymous visitors, each on their own phone (one answer per link and device).
            services.submit_response(link, None, answers, device=f"demo-{link.pk}-{step}")
            seeder.record(Response)
            seeder.record(Answer)
            seeder.record(Answer)
