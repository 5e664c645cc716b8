"""Bad appeal settings are reported by Django's system check, before anything runs."""

from django.core.checks import run_checks
from django.test import override_settings


def errors() -> list[str]:
    return [e.msg for e in run_checks() if e.id == "appeals.E001"]


def test_the_defaults_pass():
    assert errors() == []


@override_settings(
    APPEALS_OVERDUE_HOURS=0,
    APPEALS_OVERDUE_CLOCK="lunar",
    APPEALS_BUSINESS_HOURS="9 to 5",
    APPEALS_DEADLINE_DAYS={"difficult": "fifteen"},
)
def test_bad_values_are_each_reported():
    found = errors()
    assert len(found) == 4
    assert any("APPEALS_OVERDUE_CLOCK" in message for message in found)
