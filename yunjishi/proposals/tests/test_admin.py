"""The back office shows proposals, suggestions and visits read-only with their history."""

from django.urls import reverse
from django.utils import timezone

from yunjishi.proposals import services


def test_every_page_of_the_back_office_opens_read_only(
    make_proposal, walk, representative, superuser, admin_a, client_for
):
    proposal = walk(make_proposal(), "accepted")
    suggestion = services.submit_suggestion(
        representative, title="建议", text="内容", category="other"
    )
    visit = services.record_visit(
        representative,
        person_name="小夏",
        person_situation="困难",
        visited_on=timezone.localdate(),
        notes="家访",
    )
    rows = {"proposal": proposal, "suggestion": suggestion, "contactvisit": visit}
    for user in (superuser, admin_a):
        client = client_for(user)
        for name, row in rows.items():
            assert client.get(reverse(f"admin:proposals_{name}_changelist")).status_code == 200
            page = client.get(reverse(f"admin:proposals_{name}_change", args=[row.pk]))
            assert page.status_code == 200, name
            assert client.get(reverse(f"admin:proposals_{name}_add")).status_code == 403
    history = client_for(superuser).get(
        reverse("admin:proposals_proposal_change", args=[proposal.pk])
    )
    assert "符合立案条件" in history.content.decode()  # the event notes are shown
    client = client_for(admin_a)
    client.post(
        reverse("admin:proposals_proposal_change", args=[proposal.pk]), {"status": "closed"}
    )
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
