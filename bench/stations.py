"""Nearest open stations over a province of 200 000, and the bulk import that builds them.

Builds a fresh SQLite database in a temporary DATA_DIR with a province union and 80
districts, then:

1. imports 200 000 generated station rows (about 70 % around 30 city centres, the rest
   spread over a 5° × 5° box; 12 weekly schedules, some 24 h, some past midnight; 0–5 free
   services) through ``imports.import_table``, the code path of the import page: every
   row checked, then inserted in batches in one transaction (``import_rows_per_s``);
2. gives 2 000 of them holiday exceptions on the benchmark's date and the day before;
3. asks ``search.nearest`` for the 10 nearest stations open at one moment (a holiday
   evening, 21:30 Beijing time) from 1 000 random points, half of them wanting 热饭
   (``nearest_p50_ms``, ``nearest_p99_ms``);
4. runs ``search.brute_force`` (every station, the day-by-day hours rule, services from
   the many-to-many table) for the first ``BRUTE_POINTS`` of those points, with the
   stations loaded once beforehand so only the scan is timed (``bruteforce_p50_ms``), and
   counts the points whose answers differ in any station or distance (``mismatches``,
   which must be 0). ``speedup_vs_bruteforce`` is the ratio of the two p50s.

Run: make bench AREA=stations   (or .venv/bin/python bench/stations.py)
"""

import datetime as dt
import os
import random
import shutil
import statistics
import time

from _common import log, percentile, setup_django

STATIONS = 200_000
POINTS = 1000
BRUTE_POINTS = int(os.environ.get("BENCH_BRUTE_POINTS", "120"))
EXCEPTIONS = 2000
K = 10
SEED = 20240601
BOX = (23.6, 28.3, 115.9, 120.6)  # roughly Fujian: south, north, west, east
SCHEDULES = [
    "00:00-24:00",
    "08:00-18:00",
    "07:30-11:30,13:30-17:30",
    "09:00-21:00",
    "06:00-22:00",
    "22:00-06:00",
    "18:00-02:00",
    "10:00-14:00,17:00-23:30",
    "08:00-20:00",
    "07:00-19:00",
    "16:00-01:00",
    "休息",
]
SERVICES = ["取暖", "避暑", "休息", "热饭", "饮水", "无线上网", "应急救治", "借伞", "充电", "如厕"]


def build_districts(rng: random.Random):
    from yunjishi.orgs.services import add_org
    from yunjishi.stations.models import District

    province = add_org(None, code="B-FJ", name="测试省总工会", level="province")
    south, north, west, east = BOX
    districts = District.objects.bulk_create(
        District(
            code=f"35{n // 10 + 1:02d}{n % 10 + 1:02d}",
            name=f"第{n + 1}区",
            city=f"第{n // 10 + 1}市",
            province="测试省",
            prefix=f"FJ-C{n // 10 + 1}-D{n % 10 + 1}",
            lat=rng.uniform(south, north),
            lon=rng.uniform(west, east),
        )
        for n in range(80)
    )
    return province, districts


def station_rows(rng: random.Random, districts) -> list[list]:
    south, north, west, east = BOX
    centres = [(rng.uniform(south, north), rng.uniform(west, east)) for _ in range(30)]
    header = ["站点名称", "区划代码", "地址", "纬度", "经度", "开放时间", "周日", "免费服务"]
    rows = [header]
    for n in range(STATIONS):
        if rng.random() < 0.7:
            clat, clon = rng.choice(centres)
            lat, lon = clat + rng.gauss(0, 0.08), clon + rng.gauss(0, 0.08)
        else:
            lat, lon = rng.uniform(south, north), rng.uniform(west, east)
        every = rng.choice(SCHEDULES)
        sunday = rng.choice(SCHEDULES) if rng.random() < 0.3 else ""
        services = "、".join(rng.sample(SERVICES, rng.randint(0, 5)))
        district = districts[n % len(districts)]
        rows.append(
            [
                f"驿站{n}",
                district.code,
                f"测试路{n}号",
                round(lat, 6),
                round(lon, 6),
                every,
                sunday,
                services,
            ]
        )
    return rows


def add_exceptions(rng: random.Random, moment: dt.datetime) -> None:
    from yunjishi.stations import services
    from yunjishi.stations.models import Station

    day = moment.date()
    ids = rng.sample(list(Station.objects.values_list("pk", flat=True)), EXCEPTIONS)
    for pk in ids:
        station = Station.objects.get(pk=pk)
        when = day if rng.random() < 0.6 else day - dt.timedelta(days=1)
        services.set_exception(None, station, when, rng.choice(SCHEDULES[:11] + ["", ""]))


def random_points(rng: random.Random) -> list[tuple[float, float]]:
    from yunjishi.stations.models import Station

    south, north, west, east = BOX
    sample = list(Station.objects.order_by("?").values_list("lat", "lon")[: POINTS * 2])
    points = []
    for n in range(POINTS):
        if n % 5 == 0:
            points.append((rng.uniform(south, north), rng.uniform(west, east)))
        else:
            lat, lon = sample[n]
            points.append((lat + rng.gauss(0, 0.01), lon + rng.gauss(0, 0.01)))
    return points


def main() -> None:
    data_dir = setup_django("stations")
    try:
        from yunjishi.stations import imports, search
        from yunjishi.stations.hours import SHANGHAI
        from yunjishi.stations.models import Service

        rng = random.Random(SEED)
        province, districts = build_districts(rng)
        rows = station_rows(rng, districts)
        log(f"importing {STATIONS} rows")
        started = time.perf_counter()
        result = imports.import_table(None, rows, default_org=province)
        import_s = time.perf_counter() - started
        if result.errors or result.created != STATIONS:
            raise SystemExit(f"import failed: {result.errors[:5]}")
        log(f"imported in {import_s:.1f} s")

        moment = dt.datetime(2025, 1, 28, 21, 30, tzinfo=SHANGHAI)  # 除夕 evening
        add_exceptions(rng, moment)
        hot_meal = 1 << Service.objects.get(name="热饭").bit
        points = random_points(rng)
        masks = [hot_meal if n % 2 else 0 for n in range(POINTS)]

        for lat, lon in points[:50]:  # warm the caches and the database pages
            search.nearest(lat, lon, at=moment, k=K)
        fast_ms, answers = [], []
        for (lat, lon), mask in zip(points, masks, strict=True):
            started = time.perf_counter()
            answers.append(search.nearest(lat, lon, at=moment, mask=mask, k=K))
            fast_ms.append((time.perf_counter() - started) * 1000)

        log(f"loading every station for brute force ({BRUTE_POINTS} points)")
        pool = search.candidates()
        exceptions = search.exceptions_near(moment)
        slow_ms, mismatches = [], 0
        for n in range(BRUTE_POINTS):
            lat, lon = points[n]
            started = time.perf_counter()
            expected = search.brute_force(
                lat, lon, at=moment, mask=masks[n], k=K, pool=pool, exceptions=exceptions
            )
            slow_ms.append((time.perf_counter() - started) * 1000)
            got = [(h.station_id, h.distance_m) for h in answers[n]]
            if got != [(h.station_id, h.distance_m) for h in expected]:
                mismatches += 1
                log(f"mismatch at {lat}, {lon}: {got} != {expected}")

        fast_p50 = statistics.median(fast_ms)
        slow_p50 = statistics.median(slow_ms)
        print(f"stations.nearest_p50_ms: {fast_p50:.2f} ms")
        print(f"stations.nearest_p99_ms: {percentile(fast_ms, 0.99):.2f} ms")
        print(f"stations.bruteforce_p50_ms: {slow_p50:.1f} ms")
        print(f"stations.speedup_vs_bruteforce: {slow_p50 / fast_p50:.0f} x")
        print(f"stations.mismatches: {mismatches} count")
        print(f"stations.import_rows_per_s: {STATIONS / import_s:.0f} rows/s")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
