"""Assertions the apps' tests share (no test runs here)."""

import json
import re

CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == code
    assert isinstance(body["fields"], dict)
    assert CJK.search(body["message"]), body["message"]
    return body
