"""Demo step: intake rules that route new-employment-form workers in Nanshan.

A rider, courier or ride-hailing driver in Nanshan who applies to join without an employer
union is routed to the regional union of their trade (seed 000 and DESIGN.md, "by region
and occupation for new-employment-form workers").
"""

from yunjishi.membership.models import IntakeRule
from yunjishi.orgs.models import Org
from yunjishi.people.models import Occupation

from .seeding import Seeder, SeedError

# (occupation, area covered, receiving union), by org code.
INTAKE_RULES = [
    ("外卖骑手", "440305", "440305-WMQS"),
    ("快递员", "440305", "440305-KDHY"),
    ("网约车司机", "440305", "440305-WYC"),
]


def seed(seeder: Seeder) -> None:
    for occupation_name, area_code, org_code in INTAKE_RULES:
        occupation = Occupation.objects.filter(name=occupation_name).first()
        area = Org.objects.filter(code=area_code).first()
        org = Org.objects.filter(code=org_code).first()
        if occupation is None or area is None or org is None:
            raise SeedError(f"Intake rule {occupation_name} @ {area_code}: a row is missing.")
        # One rule per occupation and area: an existing rule, wherever it routes, is kept.
        _, created = IntakeRule.objects.get_or_create(
            occupation=occupation, area=area, defaults={"org": org}
        )
        seeder.record(IntakeRule, created)
