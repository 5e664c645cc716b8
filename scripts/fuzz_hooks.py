"""Schemathesis hooks for scripts/fuzz.sh: who is calling, and the API's one error shape.

Loaded by ``st run`` through ``SCHEMATHESIS_HOOKS``; not part of the application.
"""

import json
import os
import sys
from pathlib import Path

import schemathesis

REPO = Path(__file__).resolve().parent.parent
# The caller: a demo login by phone number, or nobody.
PHONE = os.environ.get("FUZZ_PHONE", "")


def issue_token(phone: str) -> str:
    """A new API token for ``phone``, made in the server's database (DATA_DIR) by the
    server's own code: not through POST /api/auth/token, whose lockout, rate limits and
    second factor are there to stop exactly what a fuzzer does (the fuzzer's own failed
    logins among it)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yunjishi.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from yunjishi.people.models import User
    from yunjishi.people.services import issue_token as issue

    return issue(User.objects.get(phone=phone), "schemathesis")


if PHONE:
    # A fresh token on the first request and again after any 401: a case that logs out or
    # revokes the caller's token costs one new token, not the rest of the run.
    @schemathesis.auth(retry_on=[401])
    class DemoLogin:
        def get(self, case, ctx):
            return issue_token(PHONE)

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
