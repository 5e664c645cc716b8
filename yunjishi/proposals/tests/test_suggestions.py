"""Suggestions (问题建议): raised by a representative, taken up and answered by staff of
the union; a proposal converted by the review group goes on as one."""

import pytest
from django.urls import reverse

from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.proposals import services
from yunjishi.proposals.models import Suggestion, SuggestionEvent


@pytest.fixture
def suggestion(representative):
    return services.submit_suggestion(
        representative, title="厂区增设饮水点", text="夏季高温，建议增设饮水点。", category="safety"
    )


def test_a_suggestion_is_taken_up_answered_and_logged(suggestion, handler_a, representative):
    suggestion = services.take_up_suggestion(handler_a, suggestion, "已转后勤")
    suggestion = services.resolve_suggestion(handler_a, suggestion, "已增设三处饮水点。")
    assert suggestion.status == "resolved" and suggestion.resolved_at is not None
    moves = list(
        SuggestionEvent.objects.filter(suggestion=suggestion).values_list(
            "from_status", "to_status", "actor"
        )
    )
    assert moves == [
        ("", "submitted", representative.pk),
        ("submitted", "handling", handler_a.pk),
        ("handling", "resolved", handler_a.pk),
    ]


def test_a_resolved_suggestion_cannot_move_again(suggestion, handler_a):
    services.resolve_suggestion(handler_a, suggestion, "已办")
    with pytest.raises(Conflict):
        services.take_up_suggestion(handler_a, Suggestion.objects.get(pk=suggestion.pk))


def test_a_reply_is_required_and_street_b_may_not_answer(
    suggestion, handler_a, handler_b, client_for
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.resolve_suggestion(handler_a, suggestion, " ")
    with pytest.raises(NotAllowed):
        services.resolve_suggestion(handler_b, suggestion, "越权答复")
    client = client_for(handler_b)
    assert (
        client.get(reverse("proposals:staff_suggestion", args=[suggestion.pk])).status_code == 404
    )
    url = f"/api/proposals/staff/suggestions/{suggestion.pk}/resolve"
    assert client.post(url, {"reply": "x"}, content_type="application/json").status_code == 404
    assert Suggestion.objects.get(pk=suggestion.pk).status == "submitted"


def test_converting_a_proposal_makes_it_a_suggestion_of_the_same_representative(
    make_proposal, walk, admin_a, representative, client_for
):
    proposal = walk(make_proposal(), "reviewing")
    proposal = services.convert(admin_a, proposal, "属一般性问题，转为建议办理")
    suggestion = Suggestion.objects.get(source_proposal=proposal)
    assert suggestion.representative == representative and suggestion.title == proposal.title
    assert proposal.status == "converted" and proposal.decision_note == "属一般性问题，转为建议办理"
    page = client_for(representative).get(reverse("proposals:detail", args=[proposal.pk]))
    assert reverse("proposals:suggestion", args=[suggestion.pk]) in page.content.decode()


def test_staff_answer_through_the_pages(suggestion, handler_a, representative, client_for):
    client = client_for(handler_a)
    assert suggestion.title in client.get(reverse("proposals:staff_suggestions")).content.decode()
    client.post(
        reverse("proposals:staff_suggestion_resolve", args=[suggestion.pk]), {"reply": "已办结"}
    )
    suggestion.refresh_from_db()
    assert suggestion.status == "resolved"
    page = client_for(representative).get(reverse("proposals:suggestion", args=[suggestion.pk]))
    assert "已办结" in page.content.decode()
