"""Who looked at or changed a member's data is written to the audit trail, once per act:
the members list and page, the members API, the admin's pages of people. No entry ever
holds a clear phone number, even when the search was for one."""

import pytest
from django.urls import reverse

from yunjishi.audit.models import Action, Entry

PHONE = "13800000001"  # the worker's, from the shared fixtures
MASKED = "138****0001"


def only_entry(**filters) -> Entry:
    entries = list(Entry.objects.filter(**filters))
    assert len(entries) == 1, entries
    return entries[0]


def no_clear_phone_anywhere() -> None:
    for row in Entry.objects.values():
        assert PHONE not in " ".join(str(value) for value in row.values()), row


def test_a_search_of_the_members_page_by_phone_is_one_masked_view(client_for, handler_a, worker):
    page = client_for(handler_a).get(reverse("people:staff_members"), {"q": PHONE})

    assert page.status_code == 200 and "王职工" in page.content.decode()
    entry = only_entry()
    assert (entry.action, entry.actor, entry.subject) == (Action.VIEW, handler_a, worker)
    assert MASKED in entry.detail and "1" in entry.detail  # the search, masked; one row
    assert entry.org_path == worker.member_profile.org.path
    no_clear_phone_anywhere()


def test_a_list_of_several_members_names_nobody_and_counts_the_rows(
    client_for, supervisor, worker, other_worker
):
    client_for(supervisor).get(reverse("people:staff_members"))

    entry = only_entry(action=Action.VIEW)
    assert entry.subject is None
    assert "2" in entry.detail
    assert entry.org_label == "测试区总工会"  # the supervisor's part of the tree


def test_the_members_api_list_and_detail_are_each_one_view(client_for, handler_a, worker):
    client = client_for(handler_a)
    listed = client.get("/api/members/", {"q": PHONE})
    member_id = listed.json()["items"][0]["id"]
    shown = client.get(f"/api/members/{member_id}")

    assert shown.status_code == 200
    entries = list(Entry.objects.order_by("pk"))
    assert [(e.action, e.subject) for e in entries] == [
        (Action.VIEW, worker),
        (Action.VIEW, worker),
    ]
    assert entries[1].target == f"people.memberprofile:{member_id}"
    no_clear_phone_anywhere()


def test_a_member_page_is_one_view_and_a_refused_one_none(client_for, handler_a, handler_b, worker):
    pk = worker.member_profile.pk
    assert client_for(handler_b).get(reverse("people:staff_member", args=[pk])).status_code == 404
    assert not Entry.objects.exists()

    client_for(handler_a).get(reverse("people:staff_member", args=[pk]))

    entry = only_entry()
    assert (entry.action, entry.actor, entry.subject) == (Action.VIEW, handler_a, worker)
    assert entry.subject_label == "王**"


def test_a_worker_refused_the_members_api_leaves_no_entry(client_for, worker):
    assert client_for(worker).get("/api/members/", {"q": PHONE}).status_code == 403
    assert not Entry.objects.exists()


@pytest.mark.parametrize("model", ["user", "memberprofile"])
def test_the_admins_page_of_a_person_is_a_view_and_saving_it_a_change(
    client_for, admin_a, worker, model
):
    obj = worker if model == "user" else worker.member_profile
    url = reverse(f"admin:people_{model}_change", args=[obj.pk])
    client = client_for(admin_a)

    assert client.get(url).status_code == 200
    viewed = only_entry()
    assert (viewed.action, viewed.subject, viewed.org_path) == (
        Action.VIEW,
        worker,
        worker.member_profile.org.path,
    )

    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and not form.fields[name].disabled
    }
    if model == "user":
        data.update(display_name="王小职工", is_active="on")
    else:
        data.update(employer_name="丙公司", occupation="", is_hardship=True)
        data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    before = Entry.objects.count()
    saved = client.post(url, data)

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    changes = Entry.objects.filter(action=Action.CHANGE)
    assert Entry.objects.count() == before + 1  # one act, one entry
    change = changes.get()
    assert change.subject == worker
    changed_field = "display_name" if model == "user" else "employer_name"
    assert str(form.fields[changed_field].label) in change.detail  # 显示名称, 用人单位
    if model == "memberprofile":
        assert f"{form.fields['is_hardship'].label}: 否→是" in change.detail


def test_the_admins_list_of_people_is_a_view_with_its_search_masked(client_for, superuser, worker):
    client_for(superuser).get(reverse("admin:people_user_changelist"), {"q": PHONE})

    entry = only_entry()
    assert entry.action == Action.VIEW and MASKED in entry.detail
    no_clear_phone_anywhere()


def test_an_org_admins_list_in_the_admin_is_filed_under_their_union(
    client_for, admin_a, worker, tree
):
    client_for(admin_a).get(reverse("admin:people_memberprofile_changelist"))

    entry = only_entry()
    assert (entry.action, entry.actor, entry.org_path) == (Action.VIEW, admin_a, tree.street_a.path)
