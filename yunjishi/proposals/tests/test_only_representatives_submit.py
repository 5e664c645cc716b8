"""Only member representatives (会员代表) submit proposals, suggestions and visits: a worker
who is not one gets 403 from the pages and the API, and nothing is created."""

import datetime as dt

import pytest
from django.urls import reverse

from yunjishi.core.errors import NotAllowed
from yunjishi.proposals import services
from yunjishi.proposals.models import ContactVisit, Proposal, Suggestion

ITEM = {"title": "关于职工食堂的提案", "text": "延长开放时间", "category": "living"}
REPRESENTATIVE_PAGES = (
    "home",
    "new",
    "mine",
    "new_suggestion",
    "suggestions",
    "new_visit",
    "visits",
    "report",
    "report_print",
)


def nothing_created():
    return not (
        Proposal.objects.exists() or Suggestion.objects.exists() or ContactVisit.objects.exists()
    )


def test_the_service_refuses_a_worker_who_is_not_a_representative(worker):
    with pytest.raises(NotAllowed) as refused:
        services.submit_proposal(worker, **ITEM)
    assert refused.value.code == "not_representative"
    with pytest.raises(NotAllowed):
        services.submit_suggestion(worker, **ITEM)
    with pytest.raises(NotAllowed):
        services.record_visit(
            worker,
            person_name="小夏",
            person_situation="困难",
            visited_on=dt.date.today(),
            notes="走访",
        )
    assert nothing_created()


def test_the_pages_answer_403_to_a_worker_who_is_not_a_representative(worker, client_for):
    client = client_for(worker)
    for name in REPRESENTATIVE_PAGES:
        assert client.get(reverse(f"proposals:{name}")).status_code == 403, name
    assert client.post(reverse("proposals:new"), ITEM).status_code == 403
    assert client.post(reverse("proposals:new_suggestion"), ITEM).status_code == 403
    assert nothing_created()


def test_the_api_answers_403_with_a_reason(worker, client_for):
    client = client_for(worker)
    response = client.post("/api/proposals/", ITEM, content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "not_representative"
    assert (
        client.post("/api/proposals/suggestions", ITEM, content_type="application/json").status_code
        == 403
    )
    assert client.get("/api/proposals/mine").status_code == 403
    assert client.get("/api/proposals/report").status_code == 403
    assert nothing_created()


def test_staff_without_a_representative_role_get_403_on_the_representative_pages(
    handler_a, client_for
):
    client = client_for(handler_a)
    assert client.get(reverse("proposals:new")).status_code == 403
    # The app's home sends staff to their desk instead.
    assert client.get(reverse("proposals:home")).url == reverse("proposals:staff_review")


def test_a_worker_gets_403_on_the_staff_pages(worker, client_for):
    client = client_for(worker)
    for name in ("staff_review", "staff_handling", "staff_supervision", "staff_figures"):
        assert client.get(reverse(f"proposals:{name}")).status_code == 403
    assert client.get("/api/proposals/staff/review").status_code == 403


def test_anonymous_visitors_are_asked_to_log_in(client):
    assert client.get(reverse("proposals:new")).status_code == 302
    assert client.post("/api/proposals/", ITEM, content_type="application/json").status_code == 401


def test_once_made_a_representative_the_worker_submits(worker, client_for):
    profile = worker.member_profile
    profile.is_representative = True
    profile.save()
    response = client_for(worker).post(reverse("proposals:new"), ITEM)
    proposal = Proposal.objects.get()
    assert response.url == reverse("proposals:detail", args=[proposal.pk])
