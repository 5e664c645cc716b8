"""Demo step: 云集市 listings of the seed, published in a batch, and orders in every state.

The listings are the services seed 000 names (线上心理咨询, 大数据工程师课程培训, 免费健康检查,
亲子阅读分享会, 书法培训, 少儿编程, 企业知识产权保护讲座, 急救知识科普, 赴顺丰集团参观, 小记者夏令营)
plus a few more so every one of the 7 domains has something, offered by the demo providers.
Everything goes through the market services: create → submit → approve → publish in the batch
"2024年第一批", then 下单 → 配货 → 发货 → 签收 → 评价, cancellations and a no-show.

A listing is looked up by title and provider; one that exists is left alone, and orders are
placed only for listings created in this run, so a second run creates nothing.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from yunjishi.market import listings as market
from yunjishi.market import orders
from yunjishi.market.models import (
    Batch,
    Eligibility,
    Follow,
    Format,
    Listing,
    Order,
    OrderStatus,
    Review,
)
from yunjishi.people.models import ServiceDomain, User

from .seeding import Seeder, SeedError

SHANGHAI = ZoneInfo("Asia/Shanghai")
BATCH_TITLE = "2024年第一批"
D = ServiceDomain

# Who reviews and publishes the listings of providers under each union (by org code).
REVIEWERS = {
    "440305": "13800001001",  # 陈晓琳, org admin of the Nanshan district union
    "350526": "13800001051",  # 林文斌, org admin of the Fujian federation, above Dehua
}

# Demo people, by phone (see people.py).
GUO, HAN, XIE, LUO, PENGCHENG, SU = (f"1380000300{n}" for n in range(1, 7))
RIDER, COURIER, OFFICE, DRIVER, PETRO, SANITATION, GUARD, PINGLIANG, TRUCKER = (
    f"1380000200{n}" for n in range(1, 10)
)


@dataclass(frozen=True)
class Session:
    days_ahead: int
    at: str  # "HH:MM", Beijing time
    hours: float
    places: int


@dataclass(frozen=True)
class DemoListing:
    provider: str  # phone
    title: str
    domain: str
    description: str
    format: str
    place: str = ""
    online_url: str = ""
    eligibility: str = Eligibility.ALL
    for_new_employment_form: bool = False
    repeatable: bool = True
    per_person_limit: int = 1
    places: int | None = None
    sessions: tuple[Session, ...] = ()


LISTINGS = [
    DemoListing(
        XIE,
        "线上心理咨询",
        D.HEALTH,
        "一对一线上心理咨询，每次50分钟，帮助职工缓解工作压力、改善睡眠与情绪。"
        "由三甲医院护士长、国家二级心理咨询师接待，内容严格保密。",
        Format.ONLINE,
        online_url="https://meeting.example.com/yunjishi/xinli",
        places=40,
    ),
    DemoListing(
        XIE,
        "免费健康检查",
        D.HEALTH,
        "劳模医护团队为一线职工提供血压、血糖、心电图等基础体检，并现场解读报告、提供用药咨询。",
        Format.OFFLINE,
        place="南山区职工服务中心一楼体检室",
        places=120,
    ),
    DemoListing(
        XIE,
        "骑手专属 健康体检",
        D.HEALTH,
        "为外卖骑手、快递员、网约车司机等新就业形态劳动者专设的健康体检，"
        "重点检查颈腰椎、视力和心血管，就近在骑手驿站完成，无需请假。",
        Format.STATION,
        place="南山区科技园骑手暖心驿站",
        eligibility=Eligibility.NEW_EMPLOYMENT_FORM,
        for_new_employment_form=True,
        places=60,
    ),
    DemoListing(
        XIE,
        "急救知识科普",
        D.LECTURES,
        "心肺复苏、AED使用、海姆立克急救法现场教学，每月一期进企业、进驿站，学完可参加考核。",
        Format.OFFLINE,
        place="南山区职工服务中心三楼培训室",
        places=80,
    ),
    DemoListing(
        HAN,
        "大数据工程师课程培训",
        D.TECHNOLOGY,
        "面向产业工人的大数据工程师入门课程：数据采集、清洗、可视化与生产数据分析，"
        "三次课连续学习，结业颁发技能大师工作室学习证明。",
        Format.OFFLINE,
        place="南山区职工技能培训基地A201",
        repeatable=False,
        sessions=(
            Session(10, "19:00", 2.5, 30),
            Session(17, "19:00", 2.5, 30),
            Session(24, "19:00", 2.5, 30),
        ),
    ),
    DemoListing(
        PENGCHENG,
        "亲子阅读分享会",
        D.EDUCATION,
        "周末亲子阅读分享会，职工带孩子一起读绘本、讲故事，培养孩子阅读习惯。",
        Format.OFFLINE,
        place="南山区职工书屋",
        per_person_limit=2,
        sessions=(Session(6, "10:00", 2, 25), Session(13, "10:00", 2, 25)),
    ),
    DemoListing(
        PENGCHENG,
        "书法培训",
        D.EDUCATION,
        "软笔书法零基础班，职工和职工子女均可报名，笔墨纸砚由培训中心提供。",
        Format.OFFLINE,
        place="鹏城职业技能培训中心302教室",
        sessions=(Session(8, "14:30", 2, 20), Session(15, "14:30", 2, 20)),
    ),
    DemoListing(
        PENGCHENG,
        "少儿编程",
        D.EDUCATION,
        "面向8至12岁职工子女的图形化编程体验课，用积木式编程做小游戏。",
        Format.OFFLINE,
        place="鹏城职业技能培训中心创客教室",
        per_person_limit=2,
        sessions=(Session(9, "09:30", 2, 16), Session(16, "09:30", 2, 16)),
    ),
    DemoListing(
        PENGCHENG,
        "小记者夏令营",
        D.EDUCATION,
        "暑期五天小记者夏令营：采访劳模工匠、走进企业、写一篇自己的新闻稿。职工子女优先。",
        Format.OFFLINE,
        place="南山区青少年活动中心",
        per_person_limit=2,
        repeatable=False,
        sessions=(Session(40, "09:00", 5 * 24 - 15, 40),),
    ),
    DemoListing(
        PENGCHENG,
        "新就业形态劳动者岗位推荐会",
        D.RECRUITMENT,
        "驿站里的小型招聘会：物流、配送、社区服务等岗位现场对接，提供简历指导和劳动合同讲解。",
        Format.STATION,
        place="南山区科技园骑手暖心驿站",
        for_new_employment_form=True,
        sessions=(Session(12, "15:00", 3, 100),),
    ),
    DemoListing(
        LUO,
        "企业知识产权保护讲座",
        D.LEGAL,
        "执业律师讲解职务发明、商业秘密与竞业限制，帮助职工和企业守住创新成果。",
        Format.OFFLINE,
        place="南山区职工服务中心报告厅",
        places=150,
    ),
    DemoListing(
        LUO,
        "劳动争议线上法律咨询",
        D.LEGAL,
        "欠薪、工伤、劳动合同纠纷线上一对一咨询，律师给出维权路径和材料清单。",
        Format.ONLINE,
        online_url="https://meeting.example.com/yunjishi/falv",
        places=50,
    ),
    DemoListing(
        GUO,
        "劳模工匠进企业：安全生产宣讲",
        D.LECTURES,
        "全国劳动模范结合三十年超高层钢结构施工经历，讲安全生产与工匠精神。",
        Format.OFFLINE,
        place="南山区职工服务中心报告厅",
        places=200,
    ),
    DemoListing(
        GUO,
        "赴顺丰集团参观",
        D.VISITS,
        "走进顺丰深圳总部，参观智慧物流分拣中心，与一线劳模面对面交流。限工会会员。",
        Format.OFFLINE,
        place="顺丰集团深圳总部（集合点：南山区职工服务中心门口）",
        eligibility=Eligibility.MEMBERS,
        repeatable=False,
        sessions=(Session(20, "09:00", 4, 30),),
    ),
    DemoListing(
        SU,
        "德化白瓷技艺参观体验",
        D.VISITS,
        "省级劳动模范带领参观德化白瓷工坊，了解传统制瓷技艺并亲手拉坯。",
        Format.OFFLINE,
        place="泉州市德化县白瓷技艺传承工作室",
        sessions=(Session(18, "09:30", 3, 20),),
    ),
]

P, A, DL, C, R = (
    OrderStatus.PLACED,
    OrderStatus.ALLOCATED,
    OrderStatus.DELIVERED,
    OrderStatus.CONFIRMED,
    OrderStatus.REVIEWED,
)
CANCELLED, NO_SHOW = OrderStatus.CANCELLED, OrderStatus.NO_SHOW


@dataclass(frozen=True)
class DemoOrder:
    title: str
    provider: str
    worker: str
    state: str
    session: int = 0  # which session of a dated listing
    stars: int = 0
    review: str = ""
    reason: str = ""  # a provider's reason to cancel; empty: the worker cancels
    days_ago: int = 3  # when a service already given took place
    reorder: bool = False  # 再来一单 once reviewed


ORDERS = [
    DemoOrder("免费健康检查", XIE, RIDER, R, stars=5, review="检查很仔细，报告当场解读，很贴心。"),
    DemoOrder("免费健康检查", XIE, OFFICE, C, days_ago=2),
    DemoOrder("免费健康检查", XIE, COURIER, DL, days_ago=1),
    DemoOrder("免费健康检查", XIE, GUARD, A),
    DemoOrder("免费健康检查", XIE, PETRO, P),
    DemoOrder("骑手专属 健康体检", XIE, RIDER, A),
    DemoOrder("骑手专属 健康体检", XIE, DRIVER, P),
    DemoOrder(
        "线上心理咨询",
        XIE,
        OFFICE,
        R,
        stars=4,
        review="老师很耐心，聊完轻松多了，希望时间再长一点。",
        days_ago=9,
        reorder=True,
    ),
    DemoOrder("线上心理咨询", XIE, SANITATION, P),
    DemoOrder("线上心理咨询", XIE, PINGLIANG, CANCELLED),
    DemoOrder("急救知识科普", XIE, COURIER, NO_SHOW, days_ago=5),
    DemoOrder("急救知识科普", XIE, SANITATION, R, stars=5, review="学会了心肺复苏，实用！"),
    DemoOrder("大数据工程师课程培训", HAN, OFFICE, A),
    DemoOrder(
        "大数据工程师课程培训",
        HAN,
        TRUCKER,
        CANCELLED,
        reason="第一期名额调整给本区企业职工，已为您预留下一期，开班前另行通知。",
    ),
    DemoOrder("企业知识产权保护讲座", LUO, PETRO, R, stars=5, review="讲得通俗，案例很有用。"),
    DemoOrder("劳动争议线上法律咨询", LUO, GUARD, DL, days_ago=1),
    DemoOrder("劳模工匠进企业：安全生产宣讲", GUO, TRUCKER, C, days_ago=4),
    DemoOrder("赴顺丰集团参观", GUO, RIDER, P),
    DemoOrder("赴顺丰集团参观", GUO, COURIER, A),
    DemoOrder("亲子阅读分享会", PENGCHENG, OFFICE, P),
    DemoOrder("书法培训", PENGCHENG, SANITATION, A, session=1),
    DemoOrder("少儿编程", PENGCHENG, COURIER, P, session=1),
    DemoOrder("小记者夏令营", PENGCHENG, GUARD, P),
    DemoOrder("新就业形态劳动者岗位推荐会", PENGCHENG, DRIVER, P),
    DemoOrder("德化白瓷技艺参观体验", SU, SANITATION, P),
]

# Workers who follow a domain hear of every new batch in it (上新).
FOLLOWS = [(RIDER, D.HEALTH), (OFFICE, D.EDUCATION), (OFFICE, D.TECHNOLOGY)]


def seed(seeder: Seeder) -> None:
    providers = _by_phone({item.provider for item in LISTINGS})
    _seed_follows(seeder)
    created: dict[tuple[str, str], Listing] = {}  # (title, provider phone) → new listing
    for item in LISTINGS:
        listing = _seed_listing(seeder, item, providers[item.provider])
        if listing is not None:
            created[(item.title, item.provider)] = listing
    if not created:
        return
    _publish(seeder, list(created.values()))
    _seed_orders(seeder, created)


def _by_phone(phones) -> dict[str, User]:
    users = {user.phone: user for user in User.objects.filter(phone__in=phones)}
    missing = set(phones) - users.keys()
    if missing:
        raise SeedError(f"Demo people missing for the market: {', '.join(sorted(missing))}.")
    return users


def _seed_follows(seeder: Seeder) -> None:
    users = _by_phone({phone for phone, _domain in FOLLOWS})
    for phone, domain in FOLLOWS:
        _, created = Follow.objects.get_or_create(user=users[phone], domain=domain)
        seeder.record(Follow, created)


def _at(days_ahead: int, hhmm: str) -> dt.datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    day = timezone.localdate(timezone=SHANGHAI) + dt.timedelta(days=days_ahead)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SHANGHAI)


def _seed_listing(seeder: Seeder, item: DemoListing, provider_user: User) -> Listing | None:
    """Create and submit the listing unless the provider already has one by that title."""
    if Listing.objects.filter(title=item.title, provider__user=provider_user).exists():
        return None
    data = {
        "title": item.title,
        "description": item.description,
        "domain": item.domain,
        "format": item.format,
        "place": item.place,
        "online_url": item.online_url,
        "eligibility": item.eligibility,
        "for_new_employment_form": item.for_new_employment_form,
        "repeatable": item.repeatable,
        "per_person_limit": item.per_person_limit,
    }
    sessions = [
        {
            "starts_at": _at(s.days_ahead, s.at),
            "ends_at": _at(s.days_ahead, s.at) + dt.timedelta(hours=s.hours),
            "places": s.places,
        }
        for s in item.sessions
    ]
    listing = market.create_listing(
        provider_user, data, sessions=sessions or None, places=item.places
    )
    seeder.record(Listing)
    return market.submit(provider_user, listing)


def _publish(seeder: Seeder, new_listings: list[Listing]) -> None:
    """Approve the new listings and publish them in one batch per owning union."""
    by_org: dict[str, list[Listing]] = {}
    for listing in new_listings:
        by_org.setdefault(listing.org.code, []).append(listing)
    unknown = by_org.keys() - REVIEWERS.keys()
    if unknown:
        raise SeedError(f"No demo reviewer for listings of union {', '.join(sorted(unknown))}.")
    reviewers = _by_phone({REVIEWERS[code] for code in by_org})
    for code, group in by_org.items():
        staff = reviewers[REVIEWERS[code]]
        approved = [market.approve(staff, listing) for listing in group]
        market.publish_batch(staff, group[0].org, BATCH_TITLE, approved)
        seeder.record(Batch)


def _seed_orders(seeder: Seeder, created: dict[tuple[str, str], Listing]) -> None:
    people = _by_phone({o.worker for o in ORDERS} | {o.provider for o in ORDERS})
    for spec in ORDERS:
        listing = created.get((spec.title, spec.provider))
        if listing is None:
            continue  # the listing was there before this run: so were its orders
        worker, provider = people[spec.worker], people[spec.provider]
        slots = list(market.upcoming_slots(listing))
        slot = slots[spec.session] if slots[0].starts_at else None
        order, _ = orders.place_order(worker, listing, slot=slot)
        seeder.record(Order)
        _drive(seeder, order, spec, worker, provider)
        if spec.reorder:
            orders.reorder(worker, order)
            seeder.record(Order)


def _drive(seeder: Seeder, order: Order, spec: DemoOrder, worker: User, provider: User) -> None:
    """Move a placed order along the loop to the state the demo wants."""
    if spec.state == P:
        return
    if spec.state == CANCELLED and not spec.reason:
        orders.cancel(worker, order, "临时有事，去不了了。")
        return
    # A session's own time; otherwise a past day for a service already given, or a day ahead.
    given = spec.state in (DL, C, R, NO_SHOW)
    when = order.scheduled_at or _at(-spec.days_ago if given else 3, "10:00")
    orders.allocate(provider, order, scheduled_at=when)
    if spec.state == A:
        return
    if spec.state == CANCELLED:
        orders.cancel(provider, order, spec.reason)
    elif spec.state == NO_SHOW:
        orders.no_show(provider, order)
    else:
        orders.deliver(provider, order)
        if spec.state == C:
            orders.confirm(worker, order)
        elif spec.state == R:
            orders.confirm(worker, order)
            orders.review(worker, order, spec.stars, spec.review)
            seeder.record(Review)
