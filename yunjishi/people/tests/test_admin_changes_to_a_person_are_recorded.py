"""A change to a person's account or member record in the admin is in the audit trail:
who changed which fields, flags with their old and new value."""

from yunjishi.audit.models import Action, Entry


def test_an_account_change_in_the_admin_is_recorded(client_for, superuser, worker):
    response = client_for(superuser).post(
        f"/admin/people/user/{worker.pk}/change/",
        {"display_name": "王职工", "email": "worker@example.com", "is_staff": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    worker.refresh_from_db()
    assert not worker.is_active
    [entry] = Entry.objects.filter(action=Action.CHANGE)
    assert entry.actor == superuser and entry.subject == worker
    assert "有效: 是→否" in entry.detail  # the field as staff know it, old → new


def test_a_member_record_change_in_the_admin_is_recorded(client_for, admin_a, worker):
    member = worker.member_profile
    response = client_for(admin_a).post(
        f"/admin/people/memberprofile/{member.pk}/change/",
        {"real_name": "王职工", "employer_name": "甲公司", "is_hardship": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert member.is_hardship and member.employer_name == "甲公司"
    [entry] = Entry.objects.filter(action=Action.CHANGE)
    assert entry.actor == admin_a and entry.subject == worker
    assert "用人单位, 困难职工: 否→是" in entry.detail
