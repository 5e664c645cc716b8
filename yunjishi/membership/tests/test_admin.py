from django.urls import reverse

from yunjishi.membership.models import IntakeRule, MembershipEvent

CHANGELIST = "admin:membership_joinapplication_changelist"


def test_an_admin_action_approves_through_the_service(application, handler_a, client_for):
    client_for(handler_a).post(
        reverse(CHANGELIST), {"action": "approve_selected", "_selected_action": [application.pk]}
    )
    application.refresh_from_db()
    assert application.status == "approved"
    assert application.applicant.member_profile.membership_number


def test_the_decline_action_asks_for_a_reason_first(application, handler_a, client_for):
    client = client_for(handler_a)
    data = {"action": "decline_selected", "_selected_action": [application.pk]}
    page = client.post(reverse(CHANGELIST), data)
    assert "不予批准的理由" in page.content.decode()
    application.refresh_from_db()
    assert application.status == "pending"
    client.post(reverse(CHANGELIST), {**data, "confirm": "1", "reason": ""})
    application.refresh_from_db()
    assert application.status == "pending"
    client.post(reverse(CHANGELIST), {**data, "confirm": "1", "reason": "材料不全"})
    application.refresh_from_db()
    assert (application.status, application.decline_reason) == ("declined", "材料不全")


def test_applications_cannot_be_edited_or_added_by_hand(application, handler_a, client_for):
    client = client_for(handler_a)
    url = reverse("admin:membership_joinapplication_change", args=[application.pk])
    client.post(url, {"real_name": "改名"})
    application.refresh_from_db()
    assert application.real_name == "钱新人"
    assert client.get(reverse("admin:membership_joinapplication_add")).status_code == 403


def test_the_history_is_read_only(application, admin_a, client_for):
    event = MembershipEvent.objects.get()
    client = client_for(admin_a)
    url = reverse("admin:membership_membershipevent_change", args=[event.pk])
    assert client.get(url).status_code == 200
    assert (
        client.get(reverse("admin:membership_membershipevent_delete", args=[event.pk])).status_code
        == 403
    )


def test_an_org_admin_adds_an_intake_rule_in_their_branch(admin_a, rider, tree, client_for):
    client = client_for(admin_a)
    client.post(
        reverse("admin:membership_intakerule_add"),
        {"occupation": rider.pk, "area": tree.street_a.pk, "org": tree.enterprise_a.pk},
    )
    assert IntakeRule.objects.filter(area=tree.street_a, org=tree.enterprise_a).exists()


def test_an_org_admin_cannot_file_a_rule_outside_their_branch(admin_a, rider, tree, client_for):
    client_for(admin_a).post(
        reverse("admin:membership_intakerule_add"),
        {"occupation": rider.pk, "area": tree.street_b.pk, "org": tree.street_b.pk},
    )
    assert not IntakeRule.objects.exists()
