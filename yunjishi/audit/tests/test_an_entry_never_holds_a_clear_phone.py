"""An audit entry keeps who did what to whose data, and never a clear phone or ID number."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from yunjishi.audit.models import Entry
from yunjishi.audit.services import Action, purge_expired, record

pytestmark = pytest.mark.django_db
User = get_user_model()  # audit sits below people: it never imports it


def test_an_entry_names_people_masked_and_masks_free_text():
    actor = User.objects.create_user("13800009001", "x", display_name="王建国")
    subject = User.objects.create_user("13800009002", "x")
    entry = record(
        actor,
        Action.VIEW,
        subject=subject,
        target="people.memberprofile:1",
        detail="searched 13800009002 and 110101199003077777",
    )
    entry.refresh_from_db()
    assert entry.actor_label == "王**"
    assert entry.subject_label == "138****9002"
    stored = " ".join([entry.actor_label, entry.subject_label, entry.detail, entry.target])
    assert "13800009002" not in stored
    assert "110101199003077777" not in stored
    assert "138****9002" in entry.detail


def test_entries_are_kept_at_least_180_days(settings):
    settings.AUDIT_RETENTION_DAYS = 30  # below the floor: 180 days still hold
    old = record(None, Action.EXPORT, target="stations export")
    kept = record(None, Action.EXPORT, target="stations export")
    Entry.objects.filter(pk=old.pk).update(at=timezone.now() - timezone.timedelta(days=181))
    Entry.objects.filter(pk=kept.pk).update(at=timezone.now() - timezone.timedelta(days=179))
    assert purge_expired() == 1
    assert list(Entry.objects.values_list("pk", flat=True)) == [kept.pk]
