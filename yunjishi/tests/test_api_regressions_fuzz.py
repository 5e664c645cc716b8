"""What a schemathesis run against /api/ found, kept fixed: answers outside the handlers have
the error shape too, and the OpenAPI document describes what the endpoints send."""

import json

from django.test import Client
from pydantic import BaseModel

from yunjishi.api import api
from yunjishi.core.testing import assert_error
from yunjishi.notify.models import Notification
from yunjishi.people.models import MemberProfile
from yunjishi.surveys.models import Survey


def test_a_method_the_path_does_not_take_is_405_in_the_error_shape(client_for, worker):
    response = client_for(worker).put("/api/auth/me")

    assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET"


def test_an_unknown_path_under_api_is_404_in_the_error_shape(client, db):
    assert_error(client.get("/api/no-such-thing"), 404, "not_found")
    assert_error(client.post("/api/market/no/such/thing/"), 404, "not_found")


def test_a_path_without_its_trailing_slash_is_still_redirected(client, db):
    response = client.get("/api/orgs?q=x")

    assert response.status_code == 301
    assert response["Location"] == "/api/orgs/?q=x"


def test_a_multipart_body_without_a_boundary_is_400_with_a_chinese_message(client, db):
    response = client.post("/api/auth/token", b"phone=1", content_type="multipart/form-data")

    assert_error(response, 400, "bad_request")


def test_a_failed_login_with_a_broken_multipart_body_is_400_in_the_error_shape(client, db):
    """axes reads request.POST on a failed login: Django's own HTML 400 came out."""
    response = client.post(
        "/api/auth/token",
        b'{"phone": "13800000009", "password": "wrong"}',
        content_type="multipart/form-data",
    )

    assert_error(response, 400, "bad_request")


def test_a_body_over_the_upload_limit_is_413_in_the_error_shape(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"phone": "1" * 2000, "password": "x"})

    response = client.post("/api/auth/token", body, content_type="application/json")

    assert_error(response, 413, "too_large")


def test_a_session_post_without_csrf_is_403_with_a_chinese_message(worker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(worker, backend="django.contrib.auth.backends.ModelBackend")

    response = client.post("/api/inbox/read", {}, content_type="application/json")

    assert_error(response, 403, "forbidden")


def test_an_offset_out_of_range_names_the_field_with_a_clear_message(client, db):
    body = assert_error(client.get("/api/orgs/?offset=-1"), 422, "validation_error")

    assert list(body["fields"]) == ["offset"]
    assert body["fields"]["offset"] == ["请输入允许范围内的数字。"]


def _operations(prefix: str):
    for bound in api._get_bound_routers():
        if bound.prefix.startswith(prefix):
            for path, view in bound.path_operations.items():
                for operation in view.operations:
                    yield f"{bound.prefix}{path}", operation


def _named_schemas(operation):
    """The named schemas an operation's models use, each as ninja would render it."""
    for model, by_alias, mode in [
        *((m, True, "validation") for m in operation.models),
        *((m, operation.by_alias, "serialization") for m in operation.response_models.values()),
    ]:
        if isinstance(model, type) and issubclass(model, BaseModel):  # not NOT_SET nor None
            yield from (
                model.model_json_schema(by_alias=by_alias, mode=mode).get("$defs", {}).items()
            )


def test_every_schema_of_every_endpoint_is_documented_under_its_own_name():
    """ninja files schemas by class name and the last of a name wins: two apps each with an
    ``EventOut`` left /api/membership/me documented with the other app's fields. The names
    of our schemas are kept unique (test_api_schema_names_are_unique); this reads the
    document itself, schemas ninja makes (pages of results) included."""
    assert misdocumented_schemas("") == []


def misdocumented_schemas(prefix: str) -> list[tuple[str, str]]:
    """(path, schema name) of each schema under ``prefix`` the document shows with other
    fields than the endpoint uses (another schema of the same name won)."""
    components = api.get_openapi_schema()["components"]["schemas"]
    wrong = set()
    for path, operation in _operations(prefix):
        for name, schema in _named_schemas(operation):
            documented = components.get(name, {}).get("properties", {})
            if set(documented) != set(schema.get("properties", {})):
                wrong.add((path, name))
    return sorted(wrong)


def test_a_json_body_that_is_a_list_is_refused_and_changes_nothing(client_for, worker):
    """ninja's schemas read their fields with getattr from whatever they are given: a list
    passed as a body of defaults, and the worker had left the union."""
    response = client_for(worker).post(
        "/api/membership/leave", "[null, null]", content_type="application/json"
    )

    assert_error(response, 400, "bad_request")
    assert MemberProfile.objects.get(user=worker).membership_status == "member"


def test_a_json_body_that_is_a_string_is_refused_and_creates_nothing(client_for, admin_a):
    """``"AAA"`` created a survey titled "Aaa": its title was ``str.title``."""
    response = client_for(admin_a).post(
        "/api/surveys/staff/surveys", '"AAA"', content_type="application/json"
    )

    assert_error(response, 400, "bad_request")
    assert not Survey.objects.exists()


def test_a_json_body_that_is_null_is_refused_and_changes_nothing(client_for, worker):
    """``null`` passed as a body of defaults: no ids, so the whole inbox was marked read."""
    Notification.objects.create(user=worker, title="有新消息")

    response = client_for(worker).post("/api/inbox/read", "null", content_type="application/json")

    assert_error(response, 400, "bad_request")
    assert Notification.objects.get(user=worker).read_at is None
