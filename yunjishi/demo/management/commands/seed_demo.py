"""``manage.py seed_demo``: load the demo data and print the demo logins.

Each domain contributes one step, a function ``seed(seeder)`` in its own module under
``yunjishi/demo/``. To add demo data for a new module, write ``yunjishi/demo/<module>.py``
and append its ``seed`` to ``STEPS``, after the steps whose rows it needs.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yunjishi.demo import (
    appeals,
    market,
    membership,
    orgs,
    people,
    proposals,
    stations,
    surveys,
)
from yunjishi.demo.seeding import Seeder, SeedError

STEPS = [
    orgs.seed,  # the union tree
    people.seed,  # occupations, people and their roles
    membership.seed,  # intake rules
    market.seed,  # 云集市 listings, a batch, orders in every state
    surveys.seed,  # a demand survey with enterprise links and answers
    proposals.seed,  # 平湖 云履职: 187 proposals, 178 立案结案, suggestions, visits
    appeals.seed,  # 广州石化 小诉求: 492 appeals, 488 solved (99.18%), four under way
    stations.seed,  # 驿站 in Fujian, Wuhan, Qinghai and Shanghai 定海路, with hours and activities
]


class Command(BaseCommand):
    help = "Load the demo union tree and demo people (safe to run again) and print their logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-logins", action="store_true", help="Do not print the table of demo logins."
        )

    def handle(self, *args, **options):
        seeder = Seeder()
        try:
            # Not one transaction: the steps write through the services, and every write
            # service is its own outermost transaction. A step that fails leaves what the
            # steps before it wrote; running the command again creates only what is missing.
            for step in STEPS:
                step(seeder)
        except (SeedError, ValidationError) as error:
            raise CommandError(
                _("The demo data was not loaded: %(error)s") % {"error": error}
            ) from error

        self.stdout.write(
            ngettext(
                "Demo data: %(count)d row created.",
                "Demo data: %(count)d rows created.",
                seeder.total,
            )
            % {"count": seeder.total}
        )
        for line in seeder.summary_lines():
            self.stdout.write(line)
        if not options["no_logins"]:
            self.stdout.write("")
            self.stdout.write(
                _("Demo logins. Demo accounts only: never load demo data into a real deployment.")
            )
            self.stdout.write(seeder.login_table())
