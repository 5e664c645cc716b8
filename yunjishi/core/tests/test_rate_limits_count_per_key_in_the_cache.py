"""Rate limits count in Django's cache, in local memory (one process) and on Redis (every
process and machine): a fixed window per key, and no clear key in the cache."""

import datetime as dt
import os
import socket
import uuid

import pytest
import time_machine
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone

from yunjishi.core import ratelimit
from yunjishi.core.ratelimit import Limit


def redis_url() -> str:
    url = os.environ.get("REDIS_TEST_URL")
    if url:
        return url  # make test sets it: never skip then
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis: set REDIS_TEST_URL or run one on 127.0.0.1:6379")
    return "redis://127.0.0.1:6379/15"


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request):
    if request.param == "locmem":
        config = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    else:
        config = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(),
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    with override_settings(CACHES={"default": config}):
        yield caches["default"]


def test_a_key_is_allowed_up_to_its_limit_and_other_keys_are_apart(cache_backend):
    limit = Limit(f"t-{uuid.uuid4().hex}", 3, 60)

    allowed = [ratelimit.take(limit, "203.0.113.1") for _ in range(4)]

    assert allowed == [True, True, True, False]
    assert ratelimit.exceeded(limit, "203.0.113.1")
    assert not ratelimit.exceeded(limit, "198.51.100.1")
    assert ratelimit.take(limit, "198.51.100.1")


def test_the_cache_holds_no_clear_address(cache_backend):
    limit = Limit(f"t-{uuid.uuid4().hex}", 3, 60)
    ratelimit.hit(limit, "203.0.113.1")

    key = ratelimit._key(limit, "203.0.113.1")
    assert "203.0.113.1" not in key
    assert cache_backend.get(key) == 1


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_a_new_window_starts_after_the_old_one_ends():
    # local memory reads the (travelled) clock; Redis expires keys by its own
    limit = Limit(f"t-{uuid.uuid4().hex}", 2, 60)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        ratelimit.hit(limit, "x")
        ratelimit.hit(limit, "x")
        assert ratelimit.exceeded(limit, "x")
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        assert not ratelimit.exceeded(limit, "x")
        assert ratelimit.take(limit, "x")
