"""The station map under the Content-Security-Policy: Leaflet draws the markers, and the
tiles come from the configured tile host, which the policy allows for images; a host the
policy does not name is refused (the control: the browser does enforce it).

The tile host is a small HTTP server on another port of 127.0.0.1 (another origin), which
answers every tile with the same 1x1 PNG."""

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.test import override_settings

from yunjishi.core.csp import source_of

pytestmark = pytest.mark.browser

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
WATCH = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__refused.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


class Tile(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(PNG)))
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args):
        pass


@pytest.fixture
def tile_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Tile)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
    server.shutdown()
    server.server_close()


def open_map(open_as, live_server, make_station):
    station = make_station(name="海沧驿站", lat=24.4798, lon=118.0894)
    make_station(name="另一个驿站", lat=24.4898, lon=118.0994)
    page = open_as(None)
    page.add_init_script(WATCH)
    page.goto(f"{live_server.url}/stations/map/?searched=1&lat={station.lat}&lon={station.lon}")
    page.wait_for_selector(".leaflet-marker-icon")
    page.wait_for_load_state("networkidle")
    return page


def test_the_map_loads_its_tiles_from_the_configured_host(
    open_as, live_server, make_station, tile_url, shots
):
    policy = {**settings.SECURE_CSP}
    policy["img-src"] = [*policy["img-src"], source_of(tile_url)]
    with override_settings(STATIONS_TILE_URL=tile_url, SECURE_CSP=policy):
        page = open_map(open_as, live_server, make_station)

        assert page.locator(".leaflet-marker-icon").count() == 2
        tiles = page.locator("img.leaflet-tile")
        assert tiles.count() > 0
        assert page.locator("img.leaflet-tile-loaded").count() == tiles.count()
        assert page.evaluate("() => window.__refused") == []
        page.screenshot(path=str(shots / "yunjishi-stations-map-tiles.png"))


def test_a_tile_host_the_policy_does_not_name_is_refused(
    open_as, live_server, make_station, tile_url
):
    with override_settings(STATIONS_TILE_URL=tile_url):  # the policy is left as it was
        page = open_map(open_as, live_server, make_station)

        refused = page.evaluate("() => window.__refused")
        assert refused and all(r.startswith("img-src http://127.0.0.1:") for r in refused)
        assert page.locator("img.leaflet-tile-loaded").count() == 0


def test_without_tiles_the_markers_stand_on_a_plain_map_with_nothing_refused(
    open_as, live_server, make_station
):
    page = open_map(open_as, live_server, make_station)

    assert page.locator(".leaflet-marker-icon").count() == 2
    assert page.locator(".leaflet-control-scale").count() == 1
    assert page.locator("#station-map").bounding_box()["height"] > 300  # site.css: 60vh
    assert page.evaluate("() => window.__refused") == []
