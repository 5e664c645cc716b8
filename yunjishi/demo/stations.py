"""Demo step: 驿站 in the seeds' cities, at realistic WGS-84 coordinates.

Fujian (seed 001: 厦门海沧 with the 城建市政 management station, 福州, 泉州泉港 and 德化),
Wuhan (seed 002: 爱心驿站, and its 9-aspect evaluation), Qinghai (seed 004: 民和 township
stations) and Shanghai's 定海路 street (seed 003: the 国际时尚中心 outdoor workers' relay
station open all night). Hours mix 24 h, day hours, ranges past midnight and a Spring
Festival exception; there are 六有 checks, a Wuhan evaluation sheet with scores, visits and
a few activities. Everything goes through the stations services.

A district is looked up by its division code, a station by its union and name, an
activity by its station and title: what exists is left alone, so a second run creates
nothing. Names of real places are used for the places; the stations themselves, their
managers and phone numbers are made up.
"""

import datetime as dt
import io
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from yunjishi.orgs.models import Org
from yunjishi.people.models import StationManagerProfile, User
from yunjishi.stations import activities, evaluation, import_jobs, import_worker, services
from yunjishi.stations.models import (
    Activity,
    CheckIn,
    ChecklistCheck,
    District,
    Evaluation,
    EvaluationSheet,
    HoursException,
    ImportJob,
    Service,
    Station,
    Status,
)

from .seeding import Seeder, SeedError

SHANGHAI = ZoneInfo("Asia/Shanghai")
FUJIAN_ADMIN = "13800001051"  # org admin of the Fujian federation (people.py)
SANITATION_WORKER = "13800002006"  # the Haicang sanitation worker (people.py)
STATION_MANAGER = "13800005001"  # 郑丽娟, station manager in Haicang (people.py)

# (code, province, city, district, prefix, centre lat, centre lon)
DISTRICTS = [
    ("350205", "福建省", "厦门市", "海沧区", "FJ-XM-HC", 24.4846, 118.0326),
    ("350206", "福建省", "厦门市", "湖里区", "FJ-XM-HL", 24.5127, 118.1466),
    ("350102", "福建省", "福州市", "鼓楼区", "FJ-FZ-GL", 26.0822, 119.2980),
    ("350505", "福建省", "泉州市", "泉港区", "FJ-QZ-QG", 25.1207, 118.9160),
    ("350526", "福建省", "泉州市", "德化县", "FJ-QZ-DH", 25.4923, 118.2410),
    ("420106", "湖北省", "武汉市", "武昌区", "HB-WH-WC", 30.5539, 114.3163),
    ("420103", "湖北省", "武汉市", "江汉区", "HB-WH-JH", 30.6010, 114.2706),
    ("630222", "青海省", "海东市", "民和回族土族自治县", "QH-HD-MH", 36.3296, 102.8040),
    ("310110", "上海市", "上海市", "杨浦区", "SH-SH-YP", 31.2597, 121.5260),
]

DAY = "08:00-18:00"
WEEK_9_TO_9 = ["09:00-21:00"] * 7
ALL_DAY = ["00:00-24:00"] * 7


@dataclass(frozen=True)
class DemoStation:
    org: str
    district: str
    name: str
    station_type: str
    address: str
    lat: float
    lon: float
    weekly_hours: list[str]
    services: tuple[str, ...]
    co_builder: str = ""
    co_builder_kind: str = ""
    facilities: tuple[str, ...] = ()
    manager_name: str = ""
    manager_phone: str = ""
    manager_account: str = ""
    checked: tuple[str, ...] = ("sign", "layout", "facilities", "functions", "rules", "map")
    exceptions: dict = field(default_factory=dict)


BASIC = ("休息", "饮水", "热饭", "如厕", "充电")
STATIONS = [
    # 厦门海沧: the management station of seed 001, where the workers play the accordion.
    DemoStation(
        "350205",
        "350205",
        "海沧管理站户外劳动者服务站点",
        "outdoor",
        "福建省厦门市海沧区海沧大道（城建市政公司海沧管理站内）",
        24.4768,
        118.0413,
        ["06:00-20:00"] * 7,
        ("休息", "饮水", "热饭", "如厕", "避暑", "取暖", "充电"),
        co_builder="厦门城建市政公司",
        co_builder_kind="urban",
        facilities=("微波炉", "饮水机", "空调", "手风琴"),
        manager_name="郑丽娟",
        manager_phone="13800005001",
        manager_account=STATION_MANAGER,
        exceptions={dt.date(2026, 2, 16): ("08:00-14:00", "除夕")},
    ),
    DemoStation(
        "350205",
        "350205",
        "兴业银行海沧支行爱心驿站",
        "love",
        "福建省厦门市海沧区滨湖北路（兴业银行网点内）",
        24.4871,
        118.0357,
        ["08:30-17:30"] * 5 + ["09:00-16:00", "休息"],
        ("休息", "饮水", "无线上网", "充电", "借伞", "如厕"),
        co_builder="兴业银行",
        co_builder_kind="bank",
        manager_name="陈晓燕",
        manager_phone="0592-6012345",
        checked=("sign", "layout", "facilities", "functions", "rules"),
    ),
    DemoStation(
        "350205",
        "350205",
        "中石化海沧加油站司机之家",
        "driver",
        "福建省厦门市海沧区角嵩路（加油站内）",
        24.5012,
        118.0521,
        ALL_DAY,
        ("休息", "饮水", "热饭", "如厕", "充电", "应急救治"),
        co_builder="中国石化厦门石油分公司",
        co_builder_kind="petrol",
        manager_name="林建国",
        manager_phone="13800005011",
    ),
    DemoStation(
        "350200",
        "350206",
        "湖里万达广场骑手驿站",
        "rider",
        "福建省厦门市湖里区仙岳路（万达广场东侧）",
        24.5071,
        118.1781,
        ["10:00-14:00,17:00-02:00"] * 7,
        ("休息", "饮水", "热饭", "充电", "如厕"),
        co_builder="万达广场",
        co_builder_kind="shop",
        manager_name="黄志明",
        manager_phone="13800005012",
    ),
    DemoStation(
        "350100",
        "350102",
        "五一广场工会驿站",
        "union",
        "福建省福州市鼓楼区五一中路（五一广场南侧）",
        26.0727,
        119.3042,
        WEEK_9_TO_9,
        BASIC + ("避暑", "取暖", "借伞"),
        manager_name="吴美玲",
        manager_phone="13800005013",
    ),
    DemoStation(
        "350100",
        "350102",
        "东街口暖心驿站",
        "warm",
        "福建省福州市鼓楼区八一七北路（东街口）",
        26.0860,
        119.2966,
        ["07:00-22:00"] * 7,
        ("休息", "饮水", "热饭", "无线上网", "充电"),
        co_builder="福建省农信联社",
        co_builder_kind="bank",
        manager_name="郑雅琴",
        manager_phone="13800005014",
    ),
    DemoStation(
        "350505",
        "350505",
        "泉港区职工服务中心户外劳动者驿站",
        "outdoor",
        "福建省泉州市泉港区驿峰中路（区职工服务中心一楼）",
        25.1260,
        118.9165,
        [DAY] * 5 + ["09:00-17:00", "09:00-17:00"],
        BASIC + ("应急救治",),
        manager_name="庄文辉",
        manager_phone="13800005015",
    ),
    DemoStation(
        "350526",
        "350526",
        "德化县城关户外劳动者驿站",
        "outdoor",
        "福建省泉州市德化县浔中镇（县城关）",
        25.4918,
        118.2416,
        [DAY] * 7,
        ("休息", "饮水", "热饭", "取暖"),
        manager_name="颜丽华",
        manager_phone="13800005016",
    ),
    # 武汉 (seed 002): 爱心驿站, 武昌区机安社区 among the nation's best.
    DemoStation(
        "420100",
        "420106",
        "武昌区机安社区爱心驿站",
        "love",
        "湖北省武汉市武昌区机安社区",
        30.5302,
        114.3449,
        ALL_DAY,
        ("休息", "饮水", "热饭", "如厕", "充电", "避暑", "取暖", "应急救治"),
        co_builder="机安社区",
        co_builder_kind="community",
        facilities=("微波炉", "饮水机", "冰箱", "药箱", "职工书屋"),
        manager_name="刘红梅",
        manager_phone="13800005021",
    ),
    DemoStation(
        "420100",
        "420106",
        "黄鹤楼街爱心驿站",
        "love",
        "湖北省武汉市武昌区民主路",
        30.5455,
        114.3031,
        ["07:30-19:30"] * 7,
        ("休息", "饮水", "热饭", "借伞"),
        co_builder="中国邮政武昌分公司",
        co_builder_kind="post",
        manager_name="张卫东",
        manager_phone="13800005022",
    ),
    DemoStation(
        "420100",
        "420103",
        "江汉路步行街爱心驿站",
        "love",
        "湖北省武汉市江汉区江汉路步行街",
        30.5807,
        114.2862,
        ["09:00-22:00"] * 7,
        ("休息", "饮水", "充电", "如厕", "无线上网"),
        co_builder="江汉区城管局",
        co_builder_kind="urban",
        manager_name="王丽",
        manager_phone="13800005023",
        checked=("sign", "layout", "rules"),
    ),
    # 青海海东民和 (seed 004): township stations after the Jishishan earthquake.
    DemoStation(
        "630222",
        "630222",
        "民和县川口镇工会驿站",
        "union",
        "青海省海东市民和回族土族自治县川口镇",
        36.3310,
        102.8031,
        ["08:00-19:00"] * 7,
        ("休息", "饮水", "热饭", "如厕", "取暖"),
        manager_name="马建军",
        manager_phone="13800005031",
    ),
    DemoStation(
        "630222",
        "630222",
        "民和县官亭镇工会驿站",
        "union",
        "青海省海东市民和回族土族自治县官亭镇",
        35.8566,
        102.8238,
        ["08:30-18:00"] * 6 + ["休息"],
        ("休息", "饮水", "热饭", "如厕", "取暖"),
        manager_name="韩德福",
        manager_phone="13800005032",
        checked=("sign", "facilities"),
    ),
    # 上海杨浦定海路 (seed 003): the relay station that stays lit before dawn.
    DemoStation(
        "310110001",
        "310110",
        "上海国际时尚中心户外职工爱心接力站",
        "love",
        "上海市杨浦区杨树浦路2866号（国际时尚中心）",
        31.2676,
        121.5589,
        ALL_DAY,
        ("休息", "饮水", "热饭", "如厕", "充电", "避暑", "取暖"),
        co_builder="上海国际时尚中心",
        co_builder_kind="enterprise",
        manager_name="徐敏",
        manager_phone="13800005041",
    ),
    DemoStation(
        "310110001",
        "310110",
        "定海路社区食堂骑手驿站",
        "rider",
        "上海市杨浦区定海路（社区食堂旁）",
        31.2738,
        121.5511,
        ["10:30-14:30,16:30-01:00"] * 7,
        ("休息", "饮水", "热饭", "充电"),
        co_builder="定海路社区食堂",
        co_builder_kind="community",
        manager_name="袁师傅",
        manager_phone="13800005042",
    ),
]

# Wuhan's 2025 scores, aspect by aspect in the order of evaluation.DEFAULT_ASPECTS.
WUHAN_SCORES = {
    "武昌区机安社区爱心驿站": [15, 15, 10, 14, 10, 10, 10, 5, 9],
    "黄鹤楼街爱心驿站": [13, 12, 9, 12, 7, 9, 9, 4, 8],
    "江汉路步行街爱心驿站": [10, 11, 8, 10, 5, 7, 8, 4, 7],
}
ACTIVITIES = [
    ("海沧管理站户外劳动者服务站点", "工友音乐会：手风琴伴唱", 3, "18:30", 2, 30),
    ("五一广场工会驿站", "夏季防暑降温知识讲座", 5, "15:00", 1, 40),
    ("武昌区机安社区爱心驿站", "户外劳动者免费义诊", 7, "09:00", 3, 50),
    ("上海国际时尚中心户外职工爱心接力站", "骑手安全骑行课堂", 4, "14:00", 1, 25),
]


def seed(seeder: Seeder) -> None:
    for _ in range(services.ensure_default_services()):
        seeder.record(Service)
    districts = _seed_districts(seeder)
    orgs = {o.code: o for o in Org.objects.filter(code__in={s.org for s in STATIONS})}
    missing = {s.org for s in STATIONS} - orgs.keys()
    if missing:
        raise SeedError(f"Orgs missing for the demo stations: {', '.join(sorted(missing))}.")
    admin = User.objects.filter(phone=FUJIAN_ADMIN).first()
    by_name = {}
    for spec in STATIONS:
        by_name[spec.name] = _seed_station(seeder, spec, orgs[spec.org], districts, admin)
    _seed_evaluation(seeder, by_name)
    _seed_visits(seeder, by_name)
    _seed_activities(seeder, by_name)
    _seed_import(seeder, admin)


def _seed_districts(seeder: Seeder) -> dict[str, District]:
    for code, province, city, name, prefix, lat, lon in DISTRICTS:
        _row, created = District.objects.get_or_create(
            code=code,
            defaults={
                "province": province,
                "city": city,
                "name": name,
                "prefix": prefix,
                "lat": lat,
                "lon": lon,
            },
        )
        seeder.record(District, created)
    return {d.code: d for d in District.objects.filter(code__in=[d[0] for d in DISTRICTS])}


def _seed_station(seeder, spec: DemoStation, org, districts, admin) -> Station:
    existing = Station.objects.filter(org=org, name=spec.name).first()
    if existing is not None:
        return existing
    manager = None
    if spec.manager_account:
        manager = StationManagerProfile.objects.filter(user__phone=spec.manager_account).first()
    station = services.create_station(
        None,
        org,
        {
            "name": spec.name,
            "station_type": spec.station_type,
            "co_builder": spec.co_builder,
            "co_builder_kind": spec.co_builder_kind,
            "address": spec.address,
            "lat": spec.lat,
            "lon": spec.lon,
            "weekly_hours": spec.weekly_hours,
            "services": list(spec.services),
            "facilities": list(spec.facilities),
            "manager_name": spec.manager_name,
            "manager_phone": spec.manager_phone,
            "manager": manager,
        },
        district=districts[spec.district],
    )
    seeder.record(Station)
    services.change_status(None, station, Status.RUNNING)
    for day, (text, note) in spec.exceptions.items():
        services.set_exception(None, station, day, text, note)
        seeder.record(HoursException)
    if admin is not None:
        for item in spec.checked:
            ChecklistCheck.objects.create(
                station=station, item=item, checked_by=admin, checked_at=timezone.now()
            )
            seeder.record(ChecklistCheck)
    return Station.objects.get(pk=station.pk)


# A file the Fujian admin imported: one of its rows names a service no station offers, so
# the job's page shows a per-row report and nothing was imported.
DEMO_IMPORT = (
    "站点名称,所属工会编码,区划代码,地址,纬度,经度,开放时间,免费服务\n"
    "德化县浔中镇户外劳动者驿站,350526,350526,福建省泉州市德化县浔中镇,25.49,118.24,24小时,热饭\n"
    "德化县龙浔镇户外劳动者驿站,350526,350526,福建省泉州市德化县龙浔镇,25.50,118.25,24小时,洗澡\n"
)


def _seed_import(seeder: Seeder, admin: User | None) -> None:
    if admin is None or ImportJob.objects.filter(started_by=admin).exists():
        return
    with translation.override("zh-hans"):
        job = import_jobs.start(admin, io.BytesIO(DEMO_IMPORT.encode()), "德化驿站补录.csv")
    import_worker.run(job.pk)  # now, rather than when the worker comes to it
    seeder.record(ImportJob)


def _platform_admin() -> User | None:
    """The demo platform admin (a superuser) acts for the unions that have no demo staff."""
    return User.objects.filter(is_superuser=True).order_by("pk").first()


def _seed_evaluation(seeder: Seeder, by_name: dict[str, Station]) -> None:
    actor = _platform_admin()
    if actor is None:
        return
    wuhan = Org.objects.get(code="420100")
    sheet = EvaluationSheet.objects.filter(org=wuhan, year=2025).first()
    if sheet is None:
        sheet = evaluation.create_sheet(actor, wuhan, 2025, title="2025年武汉市爱心驿站星级评定")
        seeder.record(EvaluationSheet)
    names = [aspect.name for aspect in sheet.aspects.all()]
    for station_name, scores in WUHAN_SCORES.items():
        station = by_name[station_name]
        if Evaluation.objects.filter(station=station, year=2025).exists():
            continue
        evaluation.evaluate(actor, station, 2025, dict(zip(names, scores, strict=True)))
        seeder.record(Evaluation)


def _seed_visits(seeder: Seeder, by_name: dict[str, Station]) -> None:
    worker = User.objects.filter(phone=SANITATION_WORKER).first()
    if worker is None:
        return
    station = by_name["海沧管理站户外劳动者服务站点"]
    for days_ago in (1, 2, 3, 5, 8):
        at = dt.datetime(2025, 7, 20, 12, 10, tzinfo=SHANGHAI) - dt.timedelta(days=days_ago)
        _visit, created = CheckIn.objects.get_or_create(
            station=station, user=worker, hour=CheckIn.hour_of(at), defaults={"at": at}
        )
        seeder.record(CheckIn, created)


def _seed_activities(seeder: Seeder, by_name: dict[str, Station]) -> None:
    actor = _platform_admin()
    if actor is None:
        return
    today = timezone.localdate()
    for station_name, title, days_ahead, start, hours_long, places in ACTIVITIES:
        station = by_name[station_name]
        if Activity.objects.filter(station=station, title=title).exists():
            continue
        hour, minute = (int(x) for x in start.split(":"))
        starts_at = dt.datetime.combine(
            today + dt.timedelta(days=days_ahead), dt.time(hour, minute), tzinfo=SHANGHAI
        )
        activities.create_activity(
            actor,
            station,
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=hours_long),
            places=places,
        )
        seeder.record(Activity)
