"""``POST /api/auth/signup`` with a lone surrogate (``"\\ud800"``) in the name was a server
error, reachable without logging in: the text cannot be stored. Now a 422 that names the
field, and no account is made; control characters are refused the same way."""

import pytest

from yunjishi.core.testing import assert_error
from yunjishi.people.models import User


def signup(client, raw: str):
    return client.post("/api/auth/signup", raw, content_type="application/json")


@pytest.mark.parametrize(
    ("field", "escaped"),
    [
        ("real_name", "\\ud800"),
        ("real_name", "\\udfff\\ud800"),
        ("real_name", "\\u0000"),
        ("real_name", "\\u000b"),
        ("phone", "\\ud800"),
        ("password", "\\ud800"),
        ("password", "\\u0000"),
    ],
)
def test_a_lone_surrogate_or_a_control_character_is_refused_by_name(client, db, field, escaped):
    values = {"phone": "13800000077", "password": "Gonghui#2024", "real_name": "王职工"}
    values[field] = f"{values[field][:4]}{escaped}"
    raw = "{" + ", ".join(f'"{key}": "{value}"' for key, value in values.items()) + "}"

    response = signup(client, raw)

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == [field]
    assert not User.objects.exists()


def test_a_name_past_its_length_is_refused(client, db):
    name = "王" * 51
    raw = '{"phone": "13800000077", "password": "Gonghui#2024", "real_name": "NAME"}'
    raw = raw.replace("NAME", name)

    body = assert_error(signup(client, raw), 422, "validation_error")

    assert list(body["fields"]) == ["real_name"]
    assert not User.objects.exists()
