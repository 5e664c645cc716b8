"""The map-tile settings fail loudly on a bad value, at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from yunjishi import settings as project_settings


@pytest.mark.parametrize(
    "value",
    ["tiles.example/{z}/{x}/{y}.png", "https://tiles.example/tiles.png", "ftp://x/{z}{x}{y}"],
)
def test_a_bad_tile_url_stops_start_up(monkeypatch, value):
    monkeypatch.setenv("STATIONS_TILE_URL", value)
    with pytest.raises(ImproperlyConfigured, match="STATIONS_TILE_URL"):
        project_settings.env_tile_url("STATIONS_TILE_URL")


def test_a_good_tile_url_and_the_gcj02_switch_are_read(monkeypatch):
    monkeypatch.setenv("STATIONS_TILE_URL", "https://{s}.tiles.example/{z}/{x}/{y}.png")
    assert project_settings.env_tile_url("STATIONS_TILE_URL").startswith("https://{s}.")
    monkeypatch.setenv("STATIONS_TILE_GCJ02", "maybe")
    with pytest.raises(ImproperlyConfigured, match="STATIONS_TILE_GCJ02"):
        project_settings.env_bool("STATIONS_TILE_GCJ02", True)
