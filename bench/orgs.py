"""Subtree counts over a province-sized union tree.

Builds ~20 000 orgs (province → 10 cities → 100 districts → 1 000 streets → 19 000
grassroots unions) and 200 000 member profiles in a fresh SQLite database, then for 500
street-union staff members times "how many members are in my subtree" through the scope
mechanism (``MemberProfile.objects.visible_to(staff)``) and through a naive
``org__path__startswith`` filter.

Run: make bench AREA=orgs   (or .venv/bin/python bench/orgs.py)
"""

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

CITIES, DISTRICTS, STREETS, GRASSROOTS = 10, 10, 10, 19  # children per parent, by level
MEMBERS = 200_000
STAFF = 500
SEED = 20240601

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def setup_django() -> Path:
    """Django on a fresh SQLite database in a temporary DATA_DIR."""
    data_dir = Path(tempfile.mkdtemp(prefix="yunjishi-bench-orgs-"))
    os.environ["DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "yunjishi.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return data_dir


def build_tree():
    """The whole tree in bulk, with paths built the way treebeard builds them."""
    from yunjishi.orgs.models import Org

    rows: list[Org] = []

    def add(parent_path: str, depth: int, step: int, code: str, name: str, level: str, kids: int):
        path = Org._get_path(parent_path, depth, step)
        rows.append(Org(path=path, depth=depth, numchild=kids, code=code, name=name, level=level))
        return path

    province = add("", 1, 1, "P", "测试省总工会", "province", CITIES)
    for c in range(1, CITIES + 1):
        city = add(province, 2, c, f"P-{c}", f"第{c}市总工会", "city", DISTRICTS)
        for d in range(1, DISTRICTS + 1):
            district = add(city, 3, d, f"P-{c}-{d}", f"第{c}市第{d}区总工会", "county", STREETS)
            for s in range(1, STREETS + 1):
                street = add(
                    district,
                    4,
                    s,
                    f"P-{c}-{d}-{s}",
                    f"第{c}-{d}-{s}街道总工会",
                    "street",
                    GRASSROOTS,
                )
                for g in range(1, GRASSROOTS + 1):
                    add(
                        street,
                        5,
                        g,
                        f"P-{c}-{d}-{s}-{g}",
                        f"第{c}-{d}-{s}-{g}公司工会",
                        "grassroots",
                        0,
                    )
    Org.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def insert_rows(model, rows: list[dict]) -> None:
    """Insert plain rows (attribute name → value) in one ``executemany``; every other
    column gets its model default. Much faster than ``bulk_create`` for 200 000 rows:
    Django's SQLite backend caps a statement at 999 parameters, and building a model
    instance per row costs more than the insert itself."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    prototype = model(**rows[0])
    defaults = {
        f.attname: f.get_db_prep_save(f.pre_save(prototype, True), connection) for f in fields
    }
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    names = [f.attname for f in fields]
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[row.get(n, defaults[n]) for n in names] for row in rows])


def build_people(rng: random.Random):
    """200 000 members spread over the grassroots unions, and 500 street handlers."""
    from yunjishi.orgs.models import Org
    from yunjishi.people.models import MemberProfile, StaffAssignment, User

    grassroots = list(Org.objects.filter(level="grassroots").values_list("pk", flat=True))
    streets = list(Org.objects.filter(level="street").values_list("pk", "path"))

    insert_rows(
        User,
        [
            {"phone": f"13{i:09d}", "password": "!", "display_name": f"职工{i}"}
            for i in range(MEMBERS + STAFF)
        ],
    )
    user_ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    member_ids, staff_ids = user_ids[:MEMBERS], user_ids[MEMBERS:]

    insert_rows(
        MemberProfile,
        [
            {
                "user_id": user_id,
                "real_name": f"职工{n}",
                "org_id": rng.choice(grassroots),
                "membership_status": "member",
            }
            for n, user_id in enumerate(member_ids)
        ],
    )
    staff_streets = rng.sample(streets, STAFF)
    insert_rows(
        StaffAssignment,
        [
            {"user_id": user_id, "org_id": org_id, "role": "handler"}
            for user_id, (org_id, _path) in zip(staff_ids, staff_streets, strict=True)
        ],
    )
    User.objects.filter(pk__in=staff_ids).update(is_staff=True)
    return list(zip(staff_ids, [path for _pk, path in staff_streets], strict=True))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def timed(fn) -> tuple[float, int]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    rng = random.Random(SEED)
    started = time.perf_counter()
    data_dir = setup_django()
    try:
        run(rng, started)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(data_dir, ignore_errors=True)


def run(rng: random.Random, started: float) -> None:
    from django.db import transaction

    from yunjishi.people.models import MemberProfile, User
    from yunjishi.people.scope import staff_paths

    with transaction.atomic():
        org_count = build_tree()
        staff = build_people(rng)
    build_seconds = time.perf_counter() - started

    users = User.objects.in_bulk([user_id for user_id, _path in staff])
    for user in users.values():
        staff_paths(user)  # the one assignment query per request, outside the timing

    scoped_ms: list[float] = []
    naive_ms: list[float] = []
    for user_id, path in staff:
        user = users[user_id]
        took, scoped = timed(lambda user=user: MemberProfile.objects.visible_to(user).count())
        scoped_ms.append(took)
        took, naive = timed(
            lambda path=path: MemberProfile.objects.filter(org__path__startswith=path).count()
        )
        naive_ms.append(took)
        if scoped != naive:
            raise SystemExit(f"counts differ for street {path}: {scoped} vs {naive}")

    scoped_p50 = statistics.median(scoped_ms)
    naive_p50 = statistics.median(naive_ms)
    print(f"orgs.tree_size: {org_count} orgs")
    print(f"orgs.members: {MEMBERS} profiles")
    print(f"orgs.build_s: {build_seconds:.1f} s")
    print(f"orgs.subtree_count_p50_ms: {scoped_p50:.2f} ms")
    print(f"orgs.subtree_count_p99_ms: {percentile(scoped_ms, 0.99):.2f} ms")
    print(f"orgs.startswith_p50_ms: {naive_p50:.2f} ms")
    print(f"orgs.startswith_p99_ms: {percentile(naive_ms, 0.99):.2f} ms")
    print(f"orgs.speedup_vs_startswith: {naive_p50 / scoped_p50:.1f} x")


if __name__ == "__main__":
    main()
