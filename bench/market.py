"""Ordering under load: 200 workers at once for a listing with 50 places, over HTTP.

Builds a fresh database (SQLite in a temporary DATA_DIR, or a scratch PostgreSQL database
when ``BENCH_DATABASE_URL`` names a server), with one live listing of 50 places and 200
worker accounts with API tokens, and starts gunicorn on it (``BENCH_GUNICORN_WORKERS``
sync workers, 4 by default). Then, with 50 client threads:

1. every worker orders once (``POST /api/market/listings/{id}/orders``, its own
   ``Idempotency-Key``): timed, and exactly 50 orders must be accepted;
2. on a second listing with 50 places, every worker sends the same order twice at once
   with one key: still 50 orders, and each pair answers with one order id;
3. the trivial JSON endpoint (``/api/health`` or ``/health/``) takes as many requests at
   the same concurrency, for the baseline of what the server does per request at all.

The database then says how many orders each listing got and whether any worker holds two
orders of one listing or two bookings under one key (duplicates, which must be 0). Exits
non-zero when a count is wrong or a request failed.

Run: make bench AREA=market   (or .venv/bin/python bench/market.py)
"""

import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from _common import REPO, log, percentile

PLACES = 50
WORKERS = 200
CONCURRENCY = 50
GUNICORN_WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "4"))
HEALTH_PATHS = ("/api/health", "/health/", "/api/health/")
SEED = 20240601

VENV_BIN = Path(sys.executable).parent


# --- The database and the data --------------------------------------------------------


def scratch_postgres(url: str) -> tuple[str, str]:
    """A new, empty database on the server of ``url``: returns (its URL, its name)."""
    import psycopg

    name = f"yunjishi_bench_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(data_dir: Path, database_url: str) -> dict[str, str]:
    """The environment of both this process and gunicorn: the same data, production-like."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("PYTEST_VERSION", None)
    env.update(
        DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="yunjishi.settings",
        DEBUG="0",
        SECURE_HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def setup_django(env: dict[str, str]) -> None:
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_data() -> tuple[int, int, list[str]]:
    """Two live listings of 50 places each, and 200 workers with a token each."""
    from django.utils import timezone

    from yunjishi.market import listings
    from yunjishi.orgs.services import add_org
    from yunjishi.people.models import ApiToken, ProviderProfile, User
    from yunjishi.people.services import assign_staff, issue_token

    # Through the services, each a write service committing on its own.
    city = add_org(None, code="B-C", name="测试市总工会", level="city")
    street = add_org(city, code="B-S", name="测试街道总工会", level="street")
    staff = User.objects.create_user("13900000001", display_name="审核员")
    assign_staff(staff, street, "org_admin")
    provider = User.objects.create_user("13700000001", display_name="谢劳模")
    ProviderProfile.objects.create(
        user=provider, name="谢劳模", title="provincial_model", org=street
    )
    made = []
    for title in ("免费健康检查", "急救知识科普"):
        listing = listings.create_listing(
            provider,
            {
                "title": title,
                "description": "劳模医护团队为一线职工提供的免费服务。",
                "domain": "health",
                "format": "offline",
                "place": "职工服务中心",
            },
            places=PLACES,
        )
        listings.submit(provider, listing)
        made.append(listings.approve(staff, listing))
    listings.publish_batch(staff, street, "第一批", made)

    User.objects.bulk_create(
        User(phone=f"1380000{n:04d}", password="!", display_name=f"职工{n}") for n in range(WORKERS)
    )
    workers = User.objects.filter(phone__startswith="1380000").order_by("pk")
    tokens = [issue_token(worker, "bench") for worker in workers]
    # As if each client had used its token a moment ago: the once-in-five-minutes
    # "last used" write is not what this benchmark measures.
    ApiToken.objects.update(last_used_at=timezone.now())
    return made[0].pk, made[1].pk, tokens


# --- The server -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen:
    command = [
        str(VENV_BIN / "gunicorn"),
        "yunjishi.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={GUNICORN_WORKERS}",
        "--worker-class=sync",
        "--timeout=60",
        "--graceful-timeout=5",
        "--backlog=2048",
        "--log-level=warning",
    ]
    server = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped as one, never left behind
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see {log_path}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start in 30 s")


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(5)


# --- The client -----------------------------------------------------------------------


@dataclass
class Reply:
    status: int  # 0: no answer at all (connection refused, reset, timed out)
    body: dict
    ms: float
    key: str = ""


def call(port: int, method: str, path: str, *, token: str = "", key: str = "") -> Reply:
    headers = {"Accept": "application/json"}
    body = None
    if method == "POST":
        headers["Content-Type"] = "application/json"
        body = b"{}"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if key:
        headers["Idempotency-Key"] = key
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        raw = response.read()
        status = response.status
    except OSError as error:
        log(f"  {method} {path}: {error!r}")
        return Reply(0, {}, (time.perf_counter() - start) * 1000, key)
    finally:
        connection.close()
    took = (time.perf_counter() - start) * 1000
    try:
        payload = json.loads(raw) if raw else {}
    except ValueError:
        payload = {"raw": raw[:200].decode(errors="replace")}
    return Reply(status, payload if isinstance(payload, dict) else {}, took, key)


def fire(jobs) -> tuple[list[Reply], float]:
    """Run the calls on CONCURRENCY threads; returns the replies and the wall time in s."""
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        start = time.perf_counter()
        replies = list(pool.map(lambda job: job(), jobs))
        return replies, time.perf_counter() - start


def find_health(port: int) -> str:
    """Where the trivial endpoint answers (a few times, to warm it up), or ""."""
    for path in HEALTH_PATHS:
        reply = call(port, "GET", path)
        if reply.status == 200 and reply.body.get("ok") is True:
            fire([lambda path=path: call(port, "GET", path) for _ in range(4 * GUNICORN_WORKERS)])
            return path
    return ""


# --- The checks -----------------------------------------------------------------------


def statuses(replies: list[Reply]) -> str:
    counts = Counter((r.status, r.body.get("code", "")) for r in replies)
    return ", ".join(f"{status} {code}".strip() + f" ×{n}" for (status, code), n in counts.items())


def unexpected(replies: list[Reply], allowed: set[tuple[int, str]]) -> list[Reply]:
    """Replies other than an order (201/200) or a refusal in ``allowed`` (status, code)."""
    return [
        r
        for r in replies
        if r.status not in (200, 201) and (r.status, r.body.get("code", "")) not in allowed
    ]


def duplicates_in_db(listing_ids: list[int]) -> int:
    """Orders no worker should have: a second live order of one listing (the per-person
    limit is 1), or a second booking under one idempotency key."""
    from django.db.models import Count

    from yunjishi.booking.models import Booking
    from yunjishi.market.models import Order, OrderStatus

    same_listing = (
        Order.objects.filter(listing_id__in=listing_ids)
        .exclude(status=OrderStatus.CANCELLED)
        .values("listing", "worker")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    same_key = (
        Booking.objects.exclude(idempotency_key=None)
        .values("user", "idempotency_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    return sum(row["n"] - 1 for row in same_listing) + sum(row["n"] - 1 for row in same_key)


def duplicates_in_replies(replies: list[Reply]) -> int:
    """Answers to one key that name more than one order."""
    ids: dict[str, set] = {}
    for reply in replies:
        if reply.status in (200, 201):
            ids.setdefault(reply.key, set()).add(reply.body.get("id"))
    return sum(len(found) - 1 for found in ids.values())


# --- Main -----------------------------------------------------------------------------


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="yunjishi-bench-market-"))
    admin_url = os.environ.get("BENCH_DATABASE_URL", "")
    database_url, scratch = scratch_postgres(admin_url) if admin_url else ("", "")
    try:
        log(f"building the data in {data_dir}" + (f" and PostgreSQL {scratch}" if scratch else ""))
        return bench(data_dir, server_env(data_dir, database_url))
    finally:
        if scratch:
            drop_postgres(admin_url, scratch)


def bench(data_dir: Path, env: dict[str, str]) -> int:
    rng = random.Random(SEED)
    server = None
    try:
        setup_django(env)
        first, second, tokens = build_data()
        from django.db import connections

        connections.close_all()

        port = free_port()
        log(f"starting gunicorn: {GUNICORN_WORKERS} sync workers on 127.0.0.1:{port}")
        server = start_gunicorn(env, port, data_dir / "gunicorn.log")
        # Every worker process loads the URLconf and the API and opens its database on
        # its first requests: not part of the figures.
        fire([lambda t=t: call(port, "GET", "/api/auth/me", token=t) for t in tokens[:40]])

        log(f"{WORKERS} workers order one listing of {PLACES} places")
        path = f"/api/market/listings/{first}/orders"
        order_jobs = [
            lambda t=t, n=n: call(port, "POST", path, token=t, key=f"bench-{n}-{t[:8]}")
            for n, t in enumerate(tokens)
        ]
        rng.shuffle(order_jobs)
        ordered, order_wall = fire(order_jobs)
        log(f"  {statuses(ordered)}")

        log("every worker sends one order twice at once, with one key")
        path = f"/api/market/listings/{second}/orders"
        twice_jobs = []
        for n, t in enumerate(tokens):
            key = f"twice-{n}-{t[:8]}"
            twice_jobs += [lambda t=t, key=key: call(port, "POST", path, token=t, key=key)] * 2
        twice, _ = fire(twice_jobs)
        log(f"  {statuses(twice)}")

        health = find_health(port)
        if health:
            log(f"{WORKERS} requests to {health}")
            trivial, trivial_wall = fire(
                [lambda: call(port, "GET", health) for _ in range(WORKERS)]
            )
            log(f"  {statuses(trivial)}")
        else:
            trivial, trivial_wall = [], 0.0
    finally:
        if server is not None:
            stop_gunicorn(server)

    from django.db import connections

    from yunjishi.booking.models import Slot
    from yunjishi.market.models import Order

    accepted = Order.objects.filter(listing_id=first).count()
    accepted_twice = Order.objects.filter(listing_id=second).count()
    duplicates = duplicates_in_db([first, second]) + duplicates_in_replies(twice)
    taken = {
        slot.pool.listing.pk: slot.taken
        for slot in Slot.objects.filter(pool__listing__in=[first, second]).select_related(
            "pool__listing"
        )
    }
    connections.close_all()

    order_rps = len(ordered) / order_wall
    latencies = [r.ms for r in ordered]
    print(f"market.accepted: {accepted} orders")
    print(f"market.duplicates: {duplicates} orders")
    print(f"market.order_rps: {order_rps:.1f} req/s")
    print(f"market.order_p50_ms: {percentile(latencies, 0.50):.1f} ms")
    print(f"market.order_p99_ms: {percentile(latencies, 0.99):.1f} ms")
    problems = []
    if trivial:
        trivial_rps = len(trivial) / trivial_wall
        print(f"market.trivial_rps: {trivial_rps:.1f} req/s")
        print(f"market.order_vs_trivial: {order_rps / trivial_rps:.3f} ratio")
    else:
        problems.append(
            f"no trivial JSON endpoint answers at {' or '.join(HEALTH_PATHS)}: "
            "route yunjishi.core.health_views.health in yunjishi/urls.py"
        )
    if accepted != PLACES or sum(r.status == 201 for r in ordered) != PLACES:
        problems.append(f"{accepted} orders accepted for {PLACES} places")
    if accepted_twice != PLACES:
        problems.append(f"{accepted_twice} orders on the listing ordered twice at once")
    if taken != {first: PLACES, second: PLACES}:
        problems.append(f"places taken {taken}, expected {PLACES} each")
    if duplicates:
        problems.append(f"{duplicates} duplicate orders")
    full = {(409, "full")}
    for label, replies, allowed in (
        ("order", ordered, full),
        ("twice", twice, full),
        ("trivial", trivial, set()),
    ):
        wrong = unexpected(replies, allowed)
        if wrong:
            problems.append(f"{len(wrong)} unexpected {label} replies: {statuses(wrong)}")
    for problem in problems:
        log(f"FAILED: {problem}")
    if problems:
        log(f"the data is kept in {data_dir}")
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
