"""Every response carries a strict Content-Security-Policy: this site only, nothing inline;
images also from the map tiles' host when one is configured."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from yunjishi.core.csp import source_of


def policy_of(response) -> dict[str, list[str]]:
    directives = [d.split() for d in response.headers["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives}


def assert_strict(policy: dict[str, list[str]]) -> None:
    assert policy["default-src"] == ["'self'"]
    # Scripts and styles fall back to default-src, or say no more than it does.
    assert policy.get("script-src", ["'self'"]) == ["'self'"]
    assert policy.get("style-src", ["'self'"]) == ["'self'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_a_page_gets_a_strict_policy(client):
    response = client.get("/")

    assert response.status_code == 200
    assert_strict(policy_of(response))
    assert policy_of(response)["img-src"] == ["'self'", "data:"]


@pytest.mark.django_db
def test_an_api_response_gets_the_same_policy(client):
    page = client.get("/")
    api = client.get("/api/health")

    assert api.status_code == 200
    assert api["Content-Type"].startswith("application/json")
    assert api["Content-Security-Policy"] == page["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_page_that_is_not_found_gets_it_too(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_strict(policy_of(response))


def settings_policy(tmp_path, **env) -> dict[str, list[str]]:
    """SECURE_CSP as the settings build it from the environment, in a fresh process."""
    code = "import json, yunjishi.settings as s; print(json.dumps(s.SECURE_CSP))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_map_tiles_host_may_send_images_and_nothing_else(tmp_path):
    policy = settings_policy(
        tmp_path, STATIONS_TILE_URL="https://webrd0{s}.is.example.com/tile?x={x}&y={y}&z={z}"
    )

    assert policy["img-src"] == ["'self'", "data:", "https://*.is.example.com"]
    assert_strict(policy)
    assert sum("example.com" in source for sources in policy.values() for source in sources) == 1


def test_without_tiles_images_come_from_this_site_only(tmp_path):
    assert settings_policy(tmp_path, STATIONS_TILE_URL="")["img-src"] == ["'self'", "data:"]


@pytest.mark.parametrize(
    ("template", "source"),
    [
        ("https://tiles.example/{z}/{x}/{y}.png", "https://tiles.example"),
        ("http://Tiles.Example:8080/{z}/{x}/{y}.png", "http://tiles.example:8080"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
    ],
)
def test_a_tile_url_gives_the_source_of_its_host(template, source):
    assert source_of(template) == source


@pytest.mark.parametrize(
    "template",
    ["https://a.{s}.example/{z}/{x}/{y}.png", "https://{s}/{z}/{x}/{y}.png", "ftp://tiles/{z}"],
)
def test_a_host_that_cannot_be_allowed_fails_loudly(template):
    with pytest.raises(ImproperlyConfigured):
        source_of(template)


@pytest.mark.django_db
def test_with_debug_on_django_s_own_error_pages_are_left_whole(client, settings):
    settings.DEBUG = True

    assert "Content-Security-Policy" not in client.get("/no-such-page/").headers
    assert_strict(policy_of(client.get("/")))
