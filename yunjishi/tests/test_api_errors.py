"""Every API error has one shape, {"code", "message", "fields"}, with a Chinese message."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from yunjishi.api import api
from yunjishi.core.errors import Conflict, NotAllowed, ServiceError
from yunjishi.core.testing import CJK, assert_error


def handled(exc):
    """What the API answers when a handler raises ``exc``."""
    request = RequestFactory().get("/api/anything")
    return api.on_exception(request, exc)


def test_the_openapi_schema_and_the_docs_are_served(client, db):
    schema = client.get("/api/openapi.json")
    docs = client.get("/api/docs")

    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/auth/token" in paths
    assert "/api/inbox/" in paths
    assert docs.status_code == 200
    assert "openapi.json" in docs.content.decode()


def test_the_docs_page_loads_nothing_from_other_sites(client, db):
    page = client.get("/api/docs").content.decode()

    outside = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
    assert outside == []


def test_a_missing_field_is_422_and_names_the_field(client, db):
    response = client.post(
        "/api/auth/signup",
        {"phone": "13912345678", "password": "Gonghui#2024"},
        content_type="application/json",
    )

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == ["real_name"]
    assert all(CJK.search(m) for m in body["fields"]["real_name"])


def test_a_body_that_is_not_json_is_an_error_in_the_same_shape(client, db):
    response = client.post("/api/auth/signup", "{not json", content_type="application/json")

    assert response.status_code in (400, 422)
    assert set(response.json()) == {"code", "message", "fields"}


def test_a_malformed_phone_is_422_on_the_phone_field(client, db):
    response = client.post(
        "/api/auth/signup",
        {"phone": "12345", "password": "Gonghui#2024", "real_name": "陈新会员"},
        content_type="application/json",
    )

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == ["phone"]
    assert CJK.search(body["fields"]["phone"][0])
    assert body["message"] == body["fields"]["phone"][0]


def test_a_weak_password_is_422_on_the_password_field_in_chinese(client, db):
    response = client.post(
        "/api/auth/signup",
        {"phone": "13912345678", "password": "12345678", "real_name": "陈新会员"},
        content_type="application/json",
    )

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == ["password"]
    assert all(CJK.search(m) for m in body["fields"]["password"]), body["fields"]


def test_no_auth_is_401(client, db):
    assert_error(client.get("/api/auth/me"), 401, "unauthenticated")


def test_a_bad_bearer_token_is_401(client, db):
    response = client.get("/api/auth/me", headers={"authorization": "Bearer nonsense"})

    assert_error(response, 401, "unauthenticated")


def test_an_unknown_org_is_404(client, db):
    assert_error(client.get("/api/orgs/999999"), 404, "not_found")


def test_a_conflict_raised_by_a_service_is_409(db):
    body = assert_error(handled(Conflict("名额已满。")), 409, "conflict")

    assert body["message"] == "名额已满。"
    assert body["fields"] == {}


def test_a_service_error_keeps_its_code_status_and_fields(db):
    error = ServiceError("日期有误。", code="bad_date", status=400, fields={"day": ["日期有误。"]})

    body = assert_error(handled(error), 400, "bad_date")

    assert body["fields"] == {"day": ["日期有误。"]}


@pytest.mark.parametrize("exc", [PermissionDenied(), NotAllowed()], ids=["django", "service"])
def test_permission_denied_is_403(db, exc):
    assert_error(handled(exc), 403, "forbidden")


def test_a_lazy_chinese_message_is_rendered_as_text(db):
    from django.utils.translation import gettext_lazy

    body = assert_error(handled(NotAllowed(gettext_lazy("You may not do this."))), 403, "forbidden")

    assert isinstance(body["message"], str)
