"""No phone or ID number in clear in a request's log line: gunicorn's access log (started
as scripts/run.sh starts it) and Django's own request loggers."""

import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from yunjishi.core.gunicorn_logging import mask_uri

REPO = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).parent / "gunicorn"
PHONE = "13812345678"
ID_NUMBER = "11010519491231002X"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn serving the project with the repository's gunicorn.conf.py, its access log
    in a file; yields (base URL, log path)."""
    port, log = free_port(), tmp_path / "access.log"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTEST_VERSION")}
    env.update(DATA_DIR=str(tmp_path / "data"), DEBUG="0", SECURE_HTTPS="0", LOG_LEVEL="WARNING")
    errors = (tmp_path / "error.log").open("w")
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "yunjishi.wsgi:application",
            "--config=gunicorn.conf.py",  # as scripts/run.sh starts it
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            f"--access-logfile={log}",
            "--no-control-socket",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errors,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "error.log").read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(15)
        errors.close()


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def read_when_written(log: Path, count: int) -> str:
    deadline = time.monotonic() + 15  # gunicorn writes the line after the answer is sent
    while time.monotonic() < deadline:
        text = log.read_text() if log.exists() else ""
        if text.count("\n") >= count:
            return text
        time.sleep(0.1)
    return log.read_text()


def test_gunicorns_access_log_masks_a_phone_in_the_query_and_the_path(gunicorn):
    base, log = gunicorn

    statuses = [
        get(f"{base}/api/members/?q={PHONE}"),
        get(f"{base}/api/members/?q=%2B86{PHONE}"),
        get(f"{base}/api/members/?q=138%201234%205678&id={ID_NUMBER}"),
        get(f"{base}/api/members/{PHONE}"),
    ]

    text = read_when_written(log, len(statuses))
    assert statuses == [401, 401, 401, 401]  # the requests were served ...
    assert text.count("/api/members/") == 4, text  # ... and logged ...
    assert "138****5678" in text
    assert PHONE not in text  # ... without the phone or the ID number
    assert "12345678" not in text
    assert ID_NUMBER not in text


@pytest.mark.parametrize(
    "line, shown",
    [
        (f"GET /api/members/?q={PHONE} HTTP/1.1", "GET /api/members/?q=138****5678 HTTP/1.1"),
        (f"q=%2B86{PHONE}&page=2", "q=138****5678&page=2"),
        ("q=138+1234+5678", "q=138****5678"),
        (f"/x/{ID_NUMBER}/", "/x/**************002X/"),
        ("/api/orders/202411230001?limit=13", "/api/orders/202411230001?limit=13"),
    ],
)
def test_a_request_line_is_masked_however_the_number_is_encoded(line, shown):
    assert mask_uri(line) == shown


def test_a_masked_request_line_cannot_break_the_log_into_two_lines():
    assert "\n" not in mask_uri(f"/api/members/?q={PHONE}%0Aforged 200")


def chain_of(name: str) -> list[logging.Handler]:
    """Every handler a record logged at ``name`` reaches."""
    found: list[logging.Handler] = []
    logger: logging.Logger | None = logging.getLogger(name)
    while logger is not None:
        found += logger.handlers
        if not logger.propagate:
            break
        logger = logger.parent
    return found


@pytest.fixture
def every_stream():
    """Every stream handler of Django's request loggers, writing into one buffer."""
    buffer = io.StringIO()
    handlers = {
        h
        for name in ("django.request", "django.server")
        for h in chain_of(name)
        if isinstance(h, logging.StreamHandler)
    }
    previous = {h: h.setStream(buffer) for h in handlers}
    yield buffer
    for h, stream in previous.items():
        h.setStream(stream)


def test_djangos_request_loggers_mask_a_phone_on_every_handler(client, settings, every_stream):
    settings.DEBUG = True  # Django's own console handler writes only in DEBUG

    client.get(f"/api/members/{PHONE}")  # "Unauthorized: /api/members/<phone>"
    logging.getLogger("django.server").info('"GET /api/members/?q=%s HTTP/1.1" 401 10', PHONE)

    output = every_stream.getvalue()
    assert "/api/members/138****5678" in output
    assert "q=138****5678" in output
    assert PHONE not in output


def test_no_log_line_goes_out_by_mail_unmasked(settings):
    """Django's default mail_admins handler would send the request unmasked."""
    assert not any(
        isinstance(h, logging.Handler) and type(h).__name__ == "AdminEmailHandler"
        for name in ("django.request", "django.server", "django.security.csrf")
        for h in chain_of(name)
    )
