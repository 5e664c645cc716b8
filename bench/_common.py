"""Helpers shared by the benchmarks (not a benchmark itself: ``scripts/bench.sh`` skips
files starting with ``_``).

A benchmark runs as ``python bench/<area>.py`` from the repository root, so this folder is
``sys.path[0]`` and ``import _common`` finds this file; importing it puts the repository
root on ``sys.path`` too, for ``yunjishi``.
"""

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# The province tree of orgs.py and appeals.py: children per parent, by level
# (province → 10 cities → 100 districts → 1 000 streets → 19 000 grassroots unions).
CITIES, DISTRICTS, STREETS, GRASSROOTS = 10, 10, 10, 19

BATCH = 50_000


def log(message: str) -> None:
    """A progress line on stderr (stdout is only for the figures)."""
    print(message, file=sys.stderr, flush=True)


def setup_django(area: str, **env: str) -> Path:
    """Django on a fresh SQLite database in a new temporary DATA_DIR, migrated; returns
    the DATA_DIR. ``DATABASE_URL`` and pytest's marker are dropped, ``DEBUG=0``; ``env``
    sets further variables before ``django.setup()``."""
    data_dir = Path(tempfile.mkdtemp(prefix=f"yunjishi-bench-{area}-"))
    os.environ["DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("PYTEST_VERSION", None)
    os.environ["DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "yunjishi.settings"
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return data_dir


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least ``fraction`` of the
    values at or below it (``fraction`` from 0 to 1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def insert(model, names: list[str], rows) -> None:
    """Plain tuples (or lists) in ``names`` order (attribute names), one ``executemany``
    per BATCH rows; ``rows`` may be a generator. Much faster than ``bulk_create`` for
    hundreds of thousands of rows: Django's SQLite backend caps a statement at 999
    parameters, and building a model instance per row costs more than the insert itself."""
    from django.db import connection

    fields = {f.attname: f for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(fields[n].column) for n in names),
        ", ".join(["%s"] * len(names)),
    )
    batch: list = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def insert_rows(model, rows: list[dict]) -> None:
    """Plain rows (attribute name → value) through ``insert``; every other column gets
    its model default, taken from a model instance made of the first row."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    prototype = model(**rows[0])
    defaults = {
        f.attname: f.get_db_prep_save(f.pre_save(prototype, True), connection) for f in fields
    }
    names = [f.attname for f in fields]
    insert(model, names, ([row.get(n, defaults[n]) for n in names] for row in rows))


def build_tree() -> int:
    """The province tree (CITIES, DISTRICTS, STREETS, GRASSROOTS) in bulk, with paths
    built the way treebeard builds them (streets are at depth 4, 16 characters); returns
    the number of orgs."""
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
                    name = f"第{c}-{d}-{s}-{g}公司工会"
                    add(street, 5, g, f"P-{c}-{d}-{s}-{g}", name, "grassroots", 0)
    Org.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
