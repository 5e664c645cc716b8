"""Schemathesis hooks for scripts/fuzz.sh: who is calling, and the API's one error shape.

Loaded by ``st run`` through ``SCHEMATHESIS_HOOKS``; not part of the application.
"""

import json
import os

import requests
import schemathesis

# The caller: a demo login (FUZZ_PHONE, FUZZ_PASSWORD) at FUZZ_URL, or nobody.
PHONE = os.environ.get("FUZZ_PHONE", "")
PASSWORD = os.environ.get("FUZZ_PASSWORD", "")
URL = os.environ.get("FUZZ_URL", "")

if PHONE:
    # A fresh token on the first request and again after any 401: a case that logs out or
    # revokes the caller's token costs one login, not the rest of the run.
    @schemathesis.auth(retry_on=[401])
    class DemoLogin:
        def get(self, case, ctx):
            response = requests.post(
                f"{URL}/api/auth/token",
                json={"phone": PHONE, "password": PASSWORD, "name": "schemathesis"},
                timeout=30,
            )
            response.raise_for_status()
            return response.json()["token"]

        def set(self, case, data, ctx):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


ERROR_KEYS = {"code", "message", "fields"}


@schemathesis.check
def errors_have_the_api_shape(ctx, response, case):
    """Every error under /api/ is JSON ``{code, message, fields}`` (yunjishi/core/errors.py):
    never Django's HTML error page, ninja's plain text or a bare ``{"detail": ...}``."""
    if response.status_code < 400:
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        kind = next(
            (
                values[0]
                for name, values in response.headers.items()
                if name.lower() == "content-type"
            ),
            "nothing",
        )
        raise AssertionError(f"A {response.status_code} answer is not JSON but {kind!r}") from None
    if not isinstance(body, dict) or set(body) != ERROR_KEYS:
        raise AssertionError(
            f"A {response.status_code} answer is not in the error shape {{code, message, fields}}"
        )
    if not (
        isinstance(body["code"], str)
        and isinstance(body["message"], str)
        and isinstance(body["fields"], dict)
    ):
        raise AssertionError(
            f"A {response.status_code} answer's code, message or fields is mistyped"
        )
    return None
