"""handler_b works in street B and must neither see nor decide street A's requests,
through the pages, the API or the admin. A worker sees only their own records."""

import pytest
from django.urls import reverse

from yunjishi.core.errors import NotAllowed
from yunjishi.membership import services
from yunjishi.membership.models import JoinApplication

API = "/api/membership"


def _status(application):
    application.refresh_from_db()
    return application.status


def test_handler_b_cannot_decide_street_a_through_the_service(application, handler_b):
    with pytest.raises(NotAllowed):
        services.approve(handler_b, application)
    assert _status(application) == "pending"


def test_handler_b_does_not_see_street_a_on_the_page(application, handler_a, handler_b, client_for):
    assert "钱新人" in client_for(handler_a).get(reverse("membership:staff_queue")).content.decode()
    assert (
        "钱新人"
        not in client_for(handler_b).get(reverse("membership:staff_queue")).content.decode()
    )


def test_handler_b_cannot_decide_street_a_on_the_page(application, handler_b, client_for):
    client = client_for(handler_b)
    assert client.post(reverse("membership:approve", args=[application.pk])).status_code == 404
    response = client.post(reverse("membership:decline", args=[application.pk]), {"reason": "x"})
    assert response.status_code == 404
    assert _status(application) == "pending"


def test_handler_b_does_not_see_street_a_in_the_api(application, handler_a, handler_b, client_for):
    mine = client_for(handler_a).get(f"{API}/staff/applications").json()
    assert [item["id"] for item in mine["items"]] == [application.pk]
    theirs = client_for(handler_b).get(f"{API}/staff/applications").json()
    assert theirs == {"items": [], "count": 0}


def test_handler_b_cannot_decide_street_a_in_the_api(application, handler_b, client_for):
    client = client_for(handler_b)
    response = client.post(f"{API}/staff/applications/{application.pk}/approve")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert _status(application) == "pending"


def test_handler_b_does_not_see_street_a_in_the_admin(application, handler_b, client_for):
    client = client_for(handler_b)
    page = client.get(reverse("admin:membership_joinapplication_changelist"))
    assert page.status_code == 200
    assert "钱新人" not in page.content.decode()
    detail = client.get(reverse("admin:membership_joinapplication_change", args=[application.pk]))
    assert detail.status_code == 302  # "does not exist", back to the index


def test_handler_b_cannot_decide_street_a_in_the_admin(application, handler_b, client_for):
    client_for(handler_b).post(
        reverse("admin:membership_joinapplication_changelist"),
        {"action": "approve_selected", "_selected_action": [application.pk]},
    )
    assert _status(application) == "pending"


def test_a_worker_sees_only_their_own_history(application, newcomer, worker, handler_a, client_for):
    services.request_transfer(worker, to_org=handler_a.staff_assignments.get().org)
    page = client_for(newcomer).get(reverse("membership:home")).content.decode()
    assert "A街道某公司工会" not in page  # the worker's transfer, not the newcomer's
    me = client_for(newcomer).get(f"{API}/me").json()
    assert [event["kind"] for event in me["history"]] == ["applied"]
    assert me["transfer"] is None


def test_a_worker_cannot_use_the_staff_pages_or_api(application, worker, client_for):
    client = client_for(worker)
    assert client.get(reverse("membership:staff_queue")).status_code == 403
    assert client.get(reverse("membership:staff_transfers")).status_code == 403
    assert client.post(reverse("membership:approve", args=[application.pk])).status_code == 403
    response = client.get(f"{API}/staff/applications")
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


def test_a_worker_cannot_withdraw_someone_elses_application(application, worker, client_for):
    client = client_for(worker)
    assert client.post(reverse("membership:withdraw", args=[application.pk])).status_code == 404
    assert client.post(f"{API}/applications/{application.pk}/withdraw").status_code == 404
    assert JoinApplication.objects.get(pk=application.pk).status == "pending"
