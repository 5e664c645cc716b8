"""A nightly task drops the audit entries past the retention period, never one younger
than 180 days (等保), whatever the setting says."""

import datetime as dt

import pytest
import time_machine
from huey.contrib.djhuey import HUEY

from yunjishi.audit import tasks
from yunjishi.audit.models import Entry
from yunjishi.audit.services import Action, record, retention_days

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 5, 19, 40, tzinfo=dt.UTC)


def written_days_ago(days: int) -> Entry:
    with time_machine.travel(NOW - dt.timedelta(days=days), tick=False):
        return record(None, Action.EXPORT, target=f"{days} days ago")


def test_the_task_runs_once_a_night_at_3_40_in_beijing():
    def due(hour, minute):
        return [task.name for task in HUEY.read_periodic(dt.datetime(2026, 12, 5, hour, minute))]

    assert "purge_audit_trail" in due(19, 40)  # UTC
    assert "purge_audit_trail" not in due(19, 41)
    assert "purge_audit_trail" not in due(3, 40)


@pytest.mark.parametrize("setting, kept_days", [(365, 365), (30, 180), (200, 200)])
def test_the_task_drops_only_entries_past_the_retention(settings, setting, kept_days):
    settings.AUDIT_RETENTION_DAYS = setting
    assert retention_days() == kept_days
    kept = written_days_ago(kept_days - 1)
    expired = written_days_ago(kept_days + 1)

    with time_machine.travel(NOW, tick=False):
        tasks.purge_audit_trail()  # Huey runs tasks in-process in the tests

    remaining = set(Entry.objects.values_list("pk", flat=True))
    assert kept.pk in remaining and expired.pk not in remaining
