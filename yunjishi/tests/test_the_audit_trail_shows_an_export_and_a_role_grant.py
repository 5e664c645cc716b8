"""Issue 10, done when: "the audit trail shows an export and a role grant". A handler
downloads the appeals workbook and an org admin makes a worker a handler, both through
their pages; the district's supervisor reads both on the 审计日志 page, and the org admin
may not read it."""

from django.urls import reverse

from yunjishi.audit.models import Action, Entry


def test_the_supervisor_reads_an_export_and_a_role_grant_on_the_trail_page(
    client_for, tree, handler_a, admin_a, supervisor, worker
):
    exported = client_for(handler_a).get(reverse("appeals:staff_export"), {"queue": "all"})
    assert exported.status_code == 200
    granted = client_for(admin_a).post(
        reverse("admin:people_staffassignment_add"),
        {"user": worker.pk, "org": tree.enterprise_a.pk, "role": "handler"},
    )
    assert granted.status_code == 302

    page = client_for(supervisor).get(reverse("people:audit_trail"))

    assert page.status_code == 200
    shown = {(e.action, e.actor_id) for e in page.context["page"]}
    assert (Action.EXPORT, handler_a.pk) in shown
    assert (Action.GRANT, admin_a.pk) in shown
    text = page.content.decode()
    assert "导出个人信息" in text and "授予工作人员角色" in text
    assert Entry.objects.filter(action=Action.GRANT, subject=worker).count() == 1
    assert client_for(admin_a).get(reverse("people:audit_trail")).status_code == 403
