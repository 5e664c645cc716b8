"""No phone or ID number reaches a log in clear: the console handler of settings.LOGGING masks them."""

import io
import logging

import pytest
from django.conf import settings

from yunjishi.core.logging import MaskPIIFilter

PHONE = "13800000001"
ID_NUMBER = "11010519491231002X"


def live_console_handler() -> logging.Handler:
    """The handler Django configured from settings.LOGGING["handlers"]["console"]."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, MaskPIIFilter) for f in h.filters)
    ]
    assert len(handlers) == 1, "settings.LOGGING must put MaskPIIFilter on the console handler"
    return handlers[0]


@pytest.fixture
def console():
    """The console handler the running project really logs to, writing into a buffer."""
    handler = live_console_handler()
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.fixture
def configured_from_settings():
    """A logger of its own whose handler has the console's filters and format, into a buffer."""
    live = live_console_handler()
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.filters = list(live.filters)
    handler.setFormatter(live.formatter)
    logger = logging.getLogger("pii-test")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.addHandler(handler)
    yield logger, buffer
    logger.handlers.clear()


def test_the_settings_put_the_mask_on_the_console_handler():
    console = settings.LOGGING["handlers"]["console"]
    classes = [settings.LOGGING["filters"][name]["()"] for name in console["filters"]]

    assert "yunjishi.core.logging.MaskPIIFilter" in classes
    assert settings.LOGGING["root"]["handlers"] == ["console"]


def test_the_console_handler_of_the_settings_masks_a_phone_and_an_id_number(
    configured_from_settings,
):
    logger, buffer = configured_from_settings

    logger.warning("member %s with ID %s asked for help", PHONE, ID_NUMBER)

    line = buffer.getvalue()
    assert "138****0001" in line
    assert "**************002X" in line
    assert PHONE not in line
    assert ID_NUMBER not in line
    assert "19491231" not in line


@pytest.mark.parametrize(
    "written",
    [PHONE, "+8613800000001", "+86 138 0000 0001", "138-0000-0001", "138 0000 0001"],
)
def test_a_phone_is_masked_however_it_is_written(configured_from_settings, written):
    logger, buffer = configured_from_settings

    logger.info("typed %s at the login page", written)

    line = buffer.getvalue()
    assert written not in line
    assert "138****0001" in line


def test_numbers_that_are_not_phones_are_left_alone(configured_from_settings):
    logger, buffer = configured_from_settings

    logger.info("order 202411230001 took 1380000 ms, id 110105")

    assert "order 202411230001 took 1380000 ms, id 110105" in buffer.getvalue()


def test_a_phone_in_an_exception_traceback_is_masked(configured_from_settings):
    logger, buffer = configured_from_settings

    try:
        raise ValueError(f"Key (phone)=({PHONE}) already exists; id {ID_NUMBER}")
    except ValueError:
        logger.exception("could not save")

    output = buffer.getvalue()
    assert "Traceback" in output
    assert "138****0001" in output
    assert PHONE not in output
    assert ID_NUMBER not in output


def test_a_record_is_masked_for_every_handler_after_the_console(configured_from_settings):
    """The filter rewrites the record itself, so a later handler never sees the phone either."""
    logger, buffer = configured_from_settings
    seen = []
    later = logging.Handler()
    later.emit = lambda record: seen.append(record.getMessage())
    logger.addHandler(later)

    logger.info("call %s", PHONE)

    assert seen == ["call 138****0001"]


def test_a_failed_login_writes_no_phone_to_the_console(client, worker, console, password):
    logging.getLogger().setLevel(logging.DEBUG)
    try:
        for _ in range(6):  # five failures, then the lockout
            client.post("/accounts/login/", {"username": PHONE, "password": "wrong"})
        client.post("/accounts/login/", {"username": "138 0000 0001", "password": password})
        client.post("/api/auth/token", {"phone": PHONE, "password": "wrong"}, "application/json")
    finally:
        logging.getLogger().setLevel(settings.LOGGING["root"]["level"])

    output = console.getvalue()
    assert "AXES" in output  # the attempts were logged ...
    assert PHONE not in output  # ... without the phone
    assert "138 0000 0001" not in output


def test_a_successful_login_writes_no_phone_to_the_console(client, worker, console, password):
    client.post("/accounts/login/", {"username": PHONE, "password": password})
    client.post("/accounts/logout/")

    output = console.getvalue()
    assert "AXES" in output
    assert PHONE not in output
