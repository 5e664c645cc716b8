"""Each app mounts its own staff API under its own prefix (``router.add_router("/staff", …)``
in the app's ``api.py``); the project's api.py mounts only the apps."""

import pytest

from yunjishi.api import api

STAFF_PATHS = [
    "/api/market/staff/review",
    "/api/stations/staff/stations",
    "/api/appeals/staff/appeals",
    "/api/appeals/staff/rules",
    "/api/appeals/staff/categories",
    "/api/proposals/staff/review",
    "/api/membership/staff/applications",
    "/api/surveys/staff/surveys",
]


def test_every_staff_path_is_in_the_api_document():
    paths = set(api.get_openapi_schema()["paths"])

    assert set(STAFF_PATHS) <= paths


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_a_staff_path_asks_for_a_login_rather_than_being_unknown(client, db, path):
    response = client.get(path)

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_a_worker_is_refused_on_a_staff_path(client_for, worker, path):
    assert client_for(worker).get(path).status_code == 403
