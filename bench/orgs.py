"""Subtree counts over a province-sized union tree.

Builds ~20 000 orgs (province → 10 cities → 100 districts → 1 000 streets → 19 000
grassroots unions) and 200 000 member profiles in a fresh SQLite database, then for 500
street-union staff members times "how many members are in my subtree" through the scope
mechanism (``MemberProfile.objects.visible_to(staff)``) and through a naive
``org__path__startswith`` filter.

Run: make bench AREA=orgs   (or .venv/bin/python bench/orgs.py)
"""

import random
import shutil
import statistics
import time

from _common import build_tree, insert_rows, percentile, setup_django

MEMBERS = 200_000
STAFF = 500
SEED = 20240601


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


def timed(fn) -> tuple[float, int]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    rng = random.Random(SEED)
    started = time.perf_counter()
    data_dir = setup_django("orgs")
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
