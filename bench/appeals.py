"""The appeals sweep and statistics at a province's size.

Builds, in a fresh SQLite database, a province tree (province → 10 cities → 100 districts
→ 1 000 streets → 19 000 grassroots unions), a handler per street, a tracker per district
and a supervisor per city, 100 000 workers and 1 000 000 appeals handled by the streets:
900 000 closed over the past year (counted into the closed tallies as closing them
would) and 100 000 under way, whose last status change lies up to six days back, so about
half of the running ones have been quiet for more than 72 hours.

Then it times:

- the overdue sweep (``sweep.sweep_overdue``): tags every appeal whose 72 hours have
  passed and writes an inbox notice and an e-mail delivery for each responsible person,
  queueing the e-mails for Huey; goal ≤ 10 s;
- the same sweep again, which must send nothing;
- the statistics page of the whole province subtree, as a province staffer reads it (a
  Django test client GET of ``appeals:staff_stats``, one warm-up, then the median of 5);
  goal ≤ 500 ms; its figures checked against a plain count of the appeals;
- the baseline, in the same run: the counts by state alone, grouped straight from the
  subtree's appeals as they would be without the tallies (``naive_counts_ms``), and how
  many times slower that is than the whole page (``stats_speedup_vs_naive``).

Run: make bench AREA=appeals   (or .venv/bin/python bench/appeals.py)
``BENCH_APPEALS=100000`` builds a tenth of the size (a tenth of them under way, as many
workers as appeals under way), to check the script quickly.
"""

import datetime as dt
import os
import random
import shutil
import statistics
import sys
import time

import _common
from _common import insert, log

APPEALS = int(os.environ.get("BENCH_APPEALS", "1000000"))
OPEN = APPEALS // 10
WORKERS = max(1000, OPEN)
SEED = 20240601


def fast_build() -> None:
    """The build only: no fsync, a big page cache. Not the settings under test."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-500000")


def setup_django():
    """Django as _common sets it up, quieter, with the static files collected (the
    statistics page is timed as it is served, with the production static storage)."""
    data_dir = _common.setup_django("appeals", LOG_LEVEL="WARNING")
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    from django.urls import reverse

    reverse("appeals:staff_home")  # import the URLconf and the API now, not in the timing
    return data_dir


def build_tree() -> tuple[list[tuple[int, str]], dict]:
    """The province tree of _common; returns the streets and the ids by path."""
    from yunjishi.orgs.models import Org

    _common.build_tree()
    ids = dict(Org.objects.values_list("path", "pk"))
    streets = [(pk, path) for path, pk in ids.items() if len(path) == 16]
    return sorted(streets), ids


def build_people(streets, org_ids) -> dict[int, tuple[int, int, int]]:
    """Staff for every street, district and city, and an org admin of the province (who
    reads the statistics); returns street id → (handler, tracker, supervisor)."""
    from django.db import connection

    from yunjishi.people.models import StaffAssignment, User

    districts = sorted({path[:12] for _pk, path in streets})
    cities = sorted({path[:8] for _pk, path in streets})
    staff = [("handler", path) for _pk, path in streets]
    staff += [("tracker", path) for path in districts]
    staff += [("supervisor", path) for path in cities]
    staff += [("org_admin", streets[0][1][:4])]  # the province
    names = ["phone", "password", "display_name", "email", "is_staff", "is_active"]
    names += ["is_superuser", "date_joined"]
    joined = connection.ops.adapt_datetimefield_value(dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    people = [
        (f"139{n:08d}", "!", f"干部{n}", f"staff{n}@example.com", True, True, False, joined)
        for n in range(len(staff))
    ]
    people += [
        (f"138{n:08d}", "!", f"职工{n}", "", False, True, False, joined) for n in range(WORKERS)
    ]
    insert(User, names, people)
    user_ids = dict(User.objects.values_list("phone", "pk"))
    by_path = {}
    rows = []
    for n, (role, path) in enumerate(staff):
        user_id = user_ids[f"139{n:08d}"]
        by_path[(role, path)] = user_id
        rows.append((user_id, org_ids[path], role, joined))
    insert(StaffAssignment, ["user_id", "org_id", "role", "created_at"], rows)
    return {
        pk: (
            by_path[("handler", path)],
            by_path[("tracker", path[:12])],
            by_path[("supervisor", path[:8])],
        )
        for pk, path in streets
    }


APPEAL_FIELDS = [
    "tracking_number",
    "submitter_id",
    "is_anonymous",
    "category_id",
    "severity",
    "title",
    "text",
    "org_id",
    "place",
    "terms",
    "complexity",
    "status",
    "handling_org_id",
    "handler_id",
    "tracker_id",
    "supervisor_id",
    "submitted_at",
    "status_changed_at",
    "accepted_at",
    "resolved_at",
    "closed_at",
    "clock_started_at",
    "accept_due_at",
    "due_at",
    "paused_at",
    "paused_hours",
    "overdue_at",
    "overdue_since",
    "overdue_periods",
    "outcome",
    "answer",
    "handling_seconds",
    "satisfaction",
    "reopened",
]


def appeal_rows(rng, now, streets, people, categories, workers):
    """Rows in APPEAL_FIELDS order; times as SQLite stores them (UTC text), made from
    epoch seconds with ``time.strftime``: the build is about the data, not Django."""
    hour = 3600.0
    base = now.timestamp()

    def at(seconds: float) -> str:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(seconds))

    street_ids = [pk for pk, _path in streets]
    for n in range(APPEALS):
        street = street_ids[int(rng.random() * len(street_ids))]
        handler, tracker, supervisor = people[street]
        draw = rng.random()
        if n >= OPEN:  # closed in the past year
            submitted = base - (24 + draw * 359 * 24) * hour
            seconds = int(3600 + draw * 199 * 3600)
            resolved = submitted + seconds
            changed = resolved + 3 * hour
            status, overdue_at, paused, closed = "closed", None, None, at(changed)
            satisfaction = "satisfied" if draw < 0.7 else "basic" if draw < 0.85 else "unsatisfied"
            satisfaction = "" if n % 10 == 0 else satisfaction
            periods, outcome, answer = (1 if n % 10 == 1 else 0), "resolved", "已办理。"
            resolved = at(resolved)
        else:  # under way: last changed up to six days ago
            changed = base - draw * 144 * hour
            submitted = changed - rng.random() * 96 * hour
            resolved, seconds, satisfaction, periods, outcome, answer = None, None, "", 0, "", ""
            pick = n % 10
            status = (
                ("submitted", "submitted", "submitted", "accepted", "accepted")[pick]
                if (pick < 5)
                else ("needs_info" if pick == 9 else "in_progress")
            )
            paused = at(changed) if status == "needs_info" else None
            overdue_at = None if paused else at(changed + 72 * hour)
            closed = None
        yield (
            f"SQB{n:011d}",
            workers[n % len(workers)],
            n % 5 == 0,
            categories[n % len(categories)],
            "minor",
            f"诉求{n}",
            "职工反映的情况。",
            street,
            "",
            "",
            "normal",
            status,
            street,
            handler,
            tracker,
            supervisor,
            at(submitted),
            at(changed),
            at(submitted + hour),
            resolved,
            closed,
            at(submitted),
            at(submitted + 8 * hour),
            at(submitted + 7 * 24 * hour),
            paused,
            0.0,
            overdue_at,
            None,
            periods,
            outcome,
            answer,
            seconds,
            satisfaction,
            False,
        )


def build_appeals(rng, now, streets, people) -> None:
    """Bulk insert with the indexes dropped and built again after: one sorted build per
    index instead of a million random insertions into each."""
    from django.db import connection

    from yunjishi.appeals.models import Appeal, Category
    from yunjishi.people.models import User

    names = ["劳动纠纷", "工资待遇", "后勤保障", "安全生产", "生活困难", "意见建议", "劳动保护"]
    Category.objects.bulk_create(Category(name=name, sort=n) for n, name in enumerate(names))
    categories = list(Category.objects.values_list("pk", flat=True))
    workers = list(User.objects.filter(is_staff=False).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [Appeal._meta.db_table],
        )
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        insert(Appeal, APPEAL_FIELDS, appeal_rows(rng, now, streets, people, categories, workers))
        for _name, sql in indexes:
            cursor.execute(sql)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def time_statistics_page() -> tuple[float, int]:
    """The statistics page as the province's org admin gets it: milliseconds (median of 5
    after a warm-up) and the HTTP status."""
    from django.test import Client
    from django.urls import reverse

    from yunjishi.people.models import StaffAssignment

    admin = StaffAssignment.objects.get(role="org_admin", org__depth=1).user
    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("appeals:staff_stats")
    client.get(url, secure=True)  # warm up: templates, translations, database pages
    runs = [timed(lambda: client.get(url, secure=True)) for _ in range(5)]
    return statistics.median(took for took, _response in runs) * 1000, runs[0][1].status_code


def main() -> int:
    data_dir = setup_django()
    try:
        return run(random.Random(SEED))
    finally:
        from django.db import connections

        connections.close_all()
        if os.environ.get("BENCH_KEEP"):
            log(f"the data is kept in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


def time_naive_counts(province) -> float:
    """The baseline: only the counts by state, grouped straight from the appeals of the
    subtree (no tallies), which the statistics page would need without them; median of 3."""
    from django.db.models import Count

    from yunjishi.appeals.models import Appeal

    def count():
        subtree = Appeal.objects.filter(org__path__startswith=province.path)
        return list(subtree.values("status").annotate(n=Count("pk")))

    times = [timed(count)[0] * 1000 for _ in range(3)]
    return statistics.median(times)


def run(rng: random.Random) -> int:
    from django.db import transaction
    from django.utils import timezone

    from yunjishi.appeals import stats, sweep
    from yunjishi.appeals.models import Appeal
    from yunjishi.orgs.models import Org

    now = timezone.now()
    started = time.perf_counter()
    fast_build()
    with transaction.atomic():
        streets, org_ids = build_tree()
        people = build_people(streets, org_ids)
    log(f"tree and people in {time.perf_counter() - started:.1f} s")
    with transaction.atomic():
        build_appeals(rng, now, streets, people)
    log(f"{APPEALS} appeals in {time.perf_counter() - started:.1f} s")
    tallies = stats.rebuild_tallies()
    log(f"{tallies} closed tallies; built in {time.perf_counter() - started:.1f} s")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=NORMAL")  # back to the settings' value
    due = Appeal.objects.filter(overdue_at__lte=now, overdue_since__isnull=True).count()
    log(f"{due} appeals quiet for 72 hours or more")

    sweep_s, notices = timed(lambda: sweep.sweep_overdue(now))
    second_s, second = timed(lambda: sweep.sweep_overdue(now + dt.timedelta(seconds=1)))
    log(f"second sweep in {second_s:.2f} s")

    stats_ms, page_status = time_statistics_page()
    province = Org.objects.get(depth=1)
    figures = stats.figures(province)
    naive_ms = time_naive_counts(province)

    problems = []
    tagged = Appeal.objects.filter(overdue_since=now).count()
    if tagged != due or notices != 3 * due:
        problems.append(f"tagged {tagged} and wrote {notices} notices for {due} due appeals")
    if second:
        problems.append(f"the second sweep wrote {second} notices")
    if page_status != 200:
        problems.append(f"the statistics page answered {page_status}")
    counted = Appeal.objects.exclude(status="merged").count()
    solved = Appeal.objects.filter(status__in=("resolved", "explained", "closed")).count()
    if (figures["total"], figures["solved"]) != (counted, solved):
        problems.append(
            f"statistics say {figures['total']} / {figures['solved']}, "
            f"the appeals {counted} / {solved}"
        )

    print(f"appeals.sweep_s: {sweep_s:.2f} s")
    print(f"appeals.sweep_notices: {notices} notices")
    print(f"appeals.second_sweep_notices: {second} notices")
    print(f"appeals.stats_ms: {stats_ms:.1f} ms")
    print(f"appeals.naive_counts_ms: {naive_ms:.1f} ms")
    print(f"appeals.stats_speedup_vs_naive: {naive_ms / stats_ms:.1f} x")
    for problem in problems:
        log(f"FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
