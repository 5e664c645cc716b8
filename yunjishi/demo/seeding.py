"""What the demo steps share: the demo password, a tally of created rows, the logins to print.

A step is a plain function ``seed(seeder)``. It looks every row up by its natural key (org
code, phone, occupation name, ...) and creates only what is missing: a row that exists is
left exactly as it is, so a second run creates nothing and changes nothing, and whatever an
operator changed in the demo (a name, a password) survives the next run.
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _

# One password for every demo account. It passes Django's default validators; it is printed
# on the console on purpose, so demo data must never be loaded into a real deployment.
DEMO_PASSWORD = "Yunjishi2024!"


class SeedError(Exception):
    """The demo data cannot be loaded (for example a parent org was given another code)."""


@dataclass(frozen=True)
class Login:
    role: str | Promise
    name: str
    phone: str
    hint: str | Promise


@dataclass
class Seeder:
    created: Counter = field(default_factory=Counter)
    logins: list[Login] = field(default_factory=list)
    _password_hash: str | None = field(default=None, repr=False)

    def password_hash(self) -> str:
        """The demo password, hashed once per run."""
        if self._password_hash is None:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash

    def record(self, model: type[models.Model], created: bool = True) -> None:
        if created:
            self.created[model] += 1

    @property
    def total(self) -> int:
        return sum(self.created.values())

    def summary_lines(self) -> list[str]:
        return [
            f"  {model._meta.verbose_name_plural}: {count}"
            for model, count in sorted(self.created.items(), key=lambda item: item[0]._meta.label)
        ]

    def login_table(self) -> str:
        header = (_("Role"), _("Name"), _("Phone"), _("Password"), _("What to try"))
        rows = [
            (str(login.role), login.name, login.phone, DEMO_PASSWORD, str(login.hint))
            for login in self.logins
        ]
        return format_table([tuple(str(cell) for cell in header), *rows])


def display_width(text: str) -> int:
    """Columns a string takes on a terminal: CJK characters are two columns wide."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def format_table(rows: list[tuple[str, ...]]) -> str:
    """A plain-text table; the last column is left ragged so long hints do not pad lines."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell + " " * (width - display_width(cell))
            for cell, width in zip(row[:-1], widths, strict=True)
        ]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in [*widths, display_width(row[-1])]))
    return "\n".join(lines)
