"""The audit trail (审计日志) is read by supervisors, each in their own subtree, and by
superusers; org admins, handlers and workers are refused. It shows every kind of entry
(an export, a role grant...), filters by action, person and dates, and is linked from the
staff home of those who may read it."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from yunjishi.audit.models import Action, Entry
from yunjishi.audit.services import record

URL = reverse("people:audit_trail")


@pytest.fixture
def entries(tree, admin_a, handler_a, worker, superuser):
    """One entry of each kind in street A, one in the city above the district, one of no org."""
    made = {
        "export": record(admin_a, Action.EXPORT, org=tree.street_a, target="stations export"),
        "grant": record(
            admin_a, Action.GRANT, subject=handler_a, org=tree.street_a, detail="handler"
        ),
        "view": record(handler_a, Action.VIEW, subject=worker, org=tree.enterprise_a),
        "change": record(handler_a, Action.CHANGE, subject=worker, org=tree.enterprise_a),
        "revoke": record(admin_a, Action.REVOKE, subject=handler_a, org=tree.street_a),
        "password": record(superuser, Action.PASSWORD, subject=worker, org=tree.enterprise_a),
        "reveal": record(superuser, Action.REVEAL, org=tree.street_a, target="appeals.appeal:1"),
        "token": record(worker, Action.TOKEN, subject=worker, org=tree.enterprise_a),
        "city": record(superuser, Action.EXPORT, org=tree.city, target="城市导出"),
        "nowhere": record(superuser, Action.EXPORT, target="无组织导出"),
    }
    return made


def shown(response) -> set[int]:
    return {entry.pk for entry in response.context["page"]}


def test_a_supervisor_reads_every_kind_of_entry_of_their_subtree_only(
    client_for, supervisor, entries
):
    response = client_for(supervisor).get(URL)

    assert response.status_code == 200
    in_subtree = {e.pk for name, e in entries.items() if name not in ("city", "nowhere")}
    assert shown(response) == in_subtree
    page = response.content.decode()
    for label in ("导出个人信息", "授予工作人员角色", "查看个人信息", "修改个人信息"):
        assert label in page
    assert "城市导出" not in page and "无组织导出" not in page


def test_a_superuser_reads_every_entry(client_for, superuser, entries):
    response = client_for(superuser).get(URL)
    assert shown(response) == {e.pk for e in entries.values()}


@pytest.mark.parametrize("who", ["admin_a", "handler_a", "worker"])
def test_org_admins_handlers_and_workers_are_refused(client_for, entries, request, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    in_admin = client.get(reverse("admin:audit_entry_changelist"))
    # staff: 403; a worker is not let into the admin at all
    assert in_admin.status_code == 403 or in_admin["Location"].startswith("/admin/login/")


def test_a_visitor_is_sent_to_log_in(client, entries):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_staff_home_links_the_trail_for_those_who_may_read_it(client_for, supervisor, admin_a):
    assert URL in client_for(supervisor).get(reverse("staff_home")).content.decode()
    assert URL not in client_for(admin_a).get(reverse("staff_home")).content.decode()


def test_filters_by_action_and_by_person(client_for, superuser, entries, worker, handler_a):
    client = client_for(superuser)

    grants = client.get(URL, {"action": "grant"})
    assert shown(grants) == {entries["grant"].pk}
    by_id = client.get(URL, {"person": f"#{handler_a.pk}"})
    assert shown(by_id) == {entries[n].pk for n in ("grant", "view", "change", "revoke")}
    by_phone = client.get(URL, {"person": worker.phone, "action": "view"})
    assert shown(by_phone) == {entries["view"].pk}
    by_masked_name = client.get(URL, {"person": "王**"})
    assert shown(by_masked_name) == {entries[n].pk for n in ("view", "change", "password", "token")}


def test_filters_by_dates_in_china_time(client_for, superuser, tree):
    # 23:30 on 1 March in Beijing is still 1 March, though 15:30 UTC
    with time_machine.travel(dt.datetime(2026, 3, 1, 15, 30, tzinfo=dt.UTC), tick=False):
        march = record(superuser, Action.EXPORT, org=tree.street_a)
    with time_machine.travel(dt.datetime(2026, 3, 1, 16, 30, tzinfo=dt.UTC), tick=False):
        second = record(superuser, Action.EXPORT, org=tree.street_a)
    client = client_for(superuser)

    first_day = client.get(URL, {"since": "2026-03-01", "until": "2026-03-01"})
    assert shown(first_day) == {march.pk}
    from_second = client.get(URL, {"since": "2026-03-02"})
    assert shown(from_second) == {second.pk}


@pytest.mark.parametrize(
    "query",
    [
        {"since": "2026-03-02", "until": "2026-03-01"},
        {"since": "1066-10-14"},
        {"until": "not a date"},
        {"action": "erase"},
        {"person": "x" * 51},
    ],
)
def test_a_bad_filter_gets_a_chinese_message_and_no_entries(client_for, superuser, entries, query):
    response = client_for(superuser).get(URL, query)

    assert response.status_code == 400
    assert shown(response) == set()
    assert "errorlist" in response.content.decode()


def test_the_page_is_paged(client_for, superuser, tree):
    Entry.objects.bulk_create(
        [Entry(action=Action.VIEW, org_path=tree.street_a.path) for _ in range(51)]
    )
    client = client_for(superuser)

    first, second = client.get(URL), client.get(URL, {"page": 2})
    assert len(shown(first)) == 50 and len(shown(second)) == 1
    assert "page=2" in first.content.decode()


def test_an_entry_made_before_a_supervisor_is_shown_as_recorded(
    client_for, supervisor, tree, worker
):
    record(supervisor, Action.VIEW, subject=worker, org=tree.street_a)
    worker.display_name = "改了名"
    worker.save()

    page = client_for(supervisor).get(URL).content.decode()
    assert "王**" in page and "改了名" not in page  # kept as it was written


@pytest.mark.parametrize("person", ["#99999999999999999999999999", "²", "#", "-", "王**"])
def test_any_person_filter_answers_a_page(client_for, superuser, entries, person):
    assert client_for(superuser).get(URL, {"person": person}).status_code == 200


def test_a_phone_typed_with_spaces_finds_the_person(client_for, superuser, entries, worker):
    response = client_for(superuser).get(URL, {"person": "138 0000 0001", "action": "view"})
    assert shown(response) == {entries["view"].pk}
