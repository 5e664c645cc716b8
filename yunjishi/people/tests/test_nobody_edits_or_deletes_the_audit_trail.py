"""The audit trail is read-only everywhere: the admin lets no one add, change or delete an
entry (superusers included), shows supervisors only their subtree, and the model refuses a
rewrite or a deletion of an entry from code too."""

import pytest
from django.urls import reverse

from yunjishi.audit.models import Action, Entry
from yunjishi.audit.services import record


@pytest.fixture
def entry(tree, handler_a, worker):
    return record(handler_a, Action.VIEW, subject=worker, org=tree.enterprise_a, detail="原样")


@pytest.fixture
def outside(tree, superuser):
    return record(superuser, Action.EXPORT, org=tree.city, target="城市导出")


def test_a_superuser_may_read_but_not_add_change_or_delete_in_the_admin(
    client_for, superuser, entry
):
    client = client_for(superuser)
    change_url = reverse("admin:audit_entry_change", args=[entry.pk])

    assert client.get(reverse("admin:audit_entry_changelist")).status_code == 200
    page = client.get(change_url)
    assert page.status_code == 200 and "原样" in page.content.decode()
    assert client.get(reverse("admin:audit_entry_add")).status_code == 403
    client.post(change_url, {"detail": "改过", "action": "export"})
    assert client.post(reverse("admin:audit_entry_delete", args=[entry.pk])).status_code == 403
    client.post(
        reverse("admin:audit_entry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )

    entry.refresh_from_db()
    assert (entry.detail, entry.action) == ("原样", Action.VIEW)
    assert Entry.objects.count() == 1


def test_the_admin_shows_a_supervisor_their_subtree_only(client_for, supervisor, entry, outside):
    client = client_for(supervisor)

    listed = client.get(reverse("admin:audit_entry_changelist"))
    assert listed.status_code == 200
    assert list(listed.context["cl"].result_list) == [entry]
    assert client.get(reverse("admin:audit_entry_change", args=[outside.pk])).status_code in (
        302,  # the admin's "not found or no permission": back to its index
        403,
    )


def test_the_admin_finds_a_persons_entries_by_full_phone(client_for, superuser, entry, worker):
    listed = client_for(superuser).get(reverse("admin:audit_entry_changelist"), {"q": worker.phone})
    assert list(listed.context["cl"].result_list) == [entry]


def test_an_org_admin_does_not_see_the_trail_in_the_admin(client_for, admin_a, entry):
    client = client_for(admin_a)
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:audit_entry_changelist") not in index
    assert client.get(reverse("admin:audit_entry_change", args=[entry.pk])).status_code in (
        302,
        403,
    )


def test_code_cannot_rewrite_or_delete_an_entry(entry):
    entry.detail = "改过"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    entry.refresh_from_db()
    assert entry.detail == "原样"
