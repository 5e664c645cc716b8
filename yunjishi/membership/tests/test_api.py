from yunjishi.membership.models import JoinApplication, TransferRequest
from yunjishi.people.models import MemberProfile

API = "/api/membership"


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_a_worker_applies_and_reads_their_status(newcomer, cleaner, tree, client_for):
    client = client_for(newcomer)
    body = {"real_name": "钱新人", "occupation_id": cleaner.pk, "area_id": tree.street_b.pk}
    response = _post(client, f"{API}/applications", body)
    assert response.status_code == 201
    assert response.json()["org"] == {"id": tree.street_b.pk, "code": "T-SB", "name": "街道B总工会"}
    me = client.get(f"{API}/me").json()
    assert me["membership_status"] == "applied"
    assert me["application"]["id"] == response.json()["id"]
    assert me["history"][0]["label"] == "申请入会"


def test_bad_fields_come_back_in_the_error_shape(newcomer, cleaner, client_for):
    body = {"real_name": "", "occupation_id": cleaner.pk, "area_id": 999999}
    response = _post(client_for(newcomer), f"{API}/applications", body)
    assert response.status_code == 422
    data = response.json()
    assert data["code"] == "validation_error"
    assert set(data["fields"]) == {"real_name", "area"}
    assert not JoinApplication.objects.exists()


def test_a_second_application_is_a_409(application, newcomer, cleaner, tree, client_for):
    body = {"real_name": "钱新人", "occupation_id": cleaner.pk, "area_id": tree.street_b.pk}
    response = _post(client_for(newcomer), f"{API}/applications", body)
    assert (response.status_code, response.json()["code"]) == (409, "already_applied")


def test_staff_approve_and_a_repeat_is_a_409(application, handler_a, client_for):
    client = client_for(handler_a)
    response = _post(client, f"{API}/staff/applications/{application.pk}/approve")
    assert (response.status_code, response.json()["status"]) == (200, "approved")
    again = _post(client, f"{API}/staff/applications/{application.pk}/approve")
    assert (again.status_code, again.json()["code"]) == (409, "already_decided")


def test_decline_without_a_reason_is_refused(application, handler_a, client_for):
    url = f"{API}/staff/applications/{application.pk}/decline"
    response = _post(client_for(handler_a), url, {"reason": ""})
    assert response.status_code == 422
    assert "reason" in response.json()["fields"]
    assert (
        _post(client_for(handler_a), url, {"reason": "非本单位职工"}).json()["status"] == "declined"
    )


def test_withdraw_through_the_api(application, newcomer, client_for):
    response = _post(client_for(newcomer), f"{API}/applications/{application.pk}/withdraw")
    assert response.json()["status"] == "withdrawn"


def test_transfer_round_trip(worker, tree, handler_b, client_for):
    body = {"new_employer_name": "乙公司", "area_id": tree.street_b.pk}
    response = _post(client_for(worker), f"{API}/transfers", body)
    assert response.status_code == 201
    transfer_id = response.json()["id"]
    staff = client_for(handler_b)
    listed = staff.get(f"{API}/staff/transfers").json()
    assert [t["id"] for t in listed["items"]] == [transfer_id]
    assert listed["items"][0]["member_name"] == "王职工"
    assert _post(staff, f"{API}/staff/transfers/{transfer_id}/approve").status_code == 200
    assert MemberProfile.objects.get(user=worker).org == tree.enterprise_b


def test_a_transfer_to_an_unknown_union_is_a_field_error(worker, client_for):
    response = _post(client_for(worker), f"{API}/transfers", {"to_org_id": 999999})
    assert (response.status_code, list(response.json()["fields"])) == (422, ["to_org_id"])
    assert not TransferRequest.objects.exists()


def test_leave_through_the_api(worker, client_for):
    response = _post(client_for(worker), f"{API}/leave", {"reason": "退休"})
    assert response.json()["membership_status"] == "left"
    assert response.json()["history"][-1]["kind"] == "left"


def test_a_visitor_gets_a_401(client, db):
    response = client.get(f"{API}/me")
    assert (response.status_code, response.json()["code"]) == (401, "unauthenticated")
