"""Demo step: 广州石化's 小诉求 (seed 004) and a few appeals elsewhere.

"2023年1月至今，职工通过系统提出诉求492项，已解决(解释)488项，完成率99.18%": 488 solved and
closed appeals from January 2023 to March 2024 are created in bulk, with their history and
ratings, spread over the company's workshops, departments and company union by the
routing rules "小诉求不出区域，一般诉求不出直属单位，大诉求有公司跟踪"; four more are under way
now, made through the services so the staff's inboxes and the workbench show them: one
waiting to be accepted for three days (the next sweep tags it overdue), one in progress
under 督办, one anonymous waiting for the worker's answer, one just accepted. In Dinghai
Road street an anonymous appeal waits for its handler.

Every appeal, worker and text is made up. Demo appeals are found again by their tracking
numbers (``SQD…``) and by their titles, so a second run creates nothing.
"""

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.appeals import routing, services, stats, supervision
from yunjishi.appeals.models import (
    Appeal,
    Category,
    Complexity,
    Event,
    EventKind,
    Rating,
    RoutingRule,
    Satisfaction,
    Severity,
    Status,
    Target,
)
from yunjishi.orgs.models import Org
from yunjishi.people.models import MemberProfile, MembershipStatus, User

from .seeding import Login, Seeder, SeedError

SHANGHAI = ZoneInfo("Asia/Shanghai")
GZSH = "440100-GZSH"
HISTORIC = 488  # solved (解决或解释) since January 2023
PREFIX = "SQD"
SEED = 492

CATEGORIES = [  # (name, description, usual reach)
    ("劳动纠纷", "劳动合同、劳务派遣、解除劳动关系等争议", Severity.MAJOR),
    ("工资待遇", "工资、津贴、加班费、社保公积金", Severity.GENERAL),
    ("后勤保障", "食堂、班车、宿舍、澡堂、更衣室", Severity.MINOR),
    ("安全生产", "作业环境、防护用品、安全隐患", Severity.GENERAL),
    ("生活困难", "本人或家庭的困难，需要帮扶救助", Severity.MINOR),
    ("意见建议", "对企业和工会工作的意见和建议", Severity.MINOR),
]

# Where 广州石化's appeals are sent, by reach (seed 004).
RULES = [
    (Severity.MINOR, Target.ORIGIN),  # 小诉求不出区域
    (Severity.GENERAL, Target.UNIT),  # 一般诉求不出直属单位
    (Severity.MAJOR, Target.OWNER),  # 大诉求有公司跟踪
]

# Fictional workers of 广州石化 (demo phones 13800002101…), with 孙丽 from people.py.
WORKSHOPS = ["440100-GZSH-LY-CJY", "440100-GZSH-LY-CH", "440100-GZSH-HG-JBX", "440100-GZSH-HQ"]
WORKERS = [
    ("13800002101", "陈国华", "440100-GZSH-LY-CJY"),
    ("13800002102", "李秀英", "440100-GZSH-LY-CJY"),
    ("13800002103", "梁志明", "440100-GZSH-LY-CH"),
    ("13800002104", "黄丽娟", "440100-GZSH-LY-CH"),
    ("13800002105", "罗建军", "440100-GZSH-HG-JBX"),
    ("13800002106", "张伟", "440100-GZSH-HG-JBX"),
    ("13800002107", "林小燕", "440100-GZSH-HQ"),
    ("13800002108", "吴海涛", "440100-GZSH-HQ"),
]
SUN_LI = "13800002005"

# (category, reach, title, text, answer): the kinds of 小诉求 the article describes
TOPICS = [
    (
        "后勤保障",
        Severity.MINOR,
        "大修期间现场送餐不及时",
        "装置大修期间在现场干活，午饭经常送到时已经凉了，希望改进送餐时间和保温。",
        "已与餐饮中心协调，大修期间增加保温箱并提前半小时送餐。",
    ),
    (
        "后勤保障",
        Severity.MINOR,
        "食堂晚餐品种太少",
        "夜班前在食堂吃晚饭，品种只有两三样，希望增加一些。",
        "食堂已增加晚餐面食和粥品窗口。",
    ),
    (
        "后勤保障",
        Severity.MINOR,
        "澡堂下班高峰热水不够",
        "下班高峰澡堂热水不够用，排队洗冷水，冬天很难受。",
        "已更换加热设备并延长供热水时间。",
    ),
    (
        "后勤保障",
        Severity.MINOR,
        "更衣柜数量不足",
        "车间新来的同事没有更衣柜，只能把衣服放在休息室。",
        "已增配更衣柜二十个。",
    ),
    (
        "后勤保障",
        Severity.GENERAL,
        "班车发车时间与交班时间冲突",
        "早班交班后赶不上班车，希望班车推迟十五分钟发车。",
        "已调整班车发车时间。",
    ),
    (
        "安全生产",
        Severity.GENERAL,
        "装置区夜间照明不足",
        "常减压装置区部分巡检路线夜间照明不足，存在绊倒风险。",
        "已增设防爆照明灯具。",
    ),
    (
        "安全生产",
        Severity.MINOR,
        "防护耳塞更换不及时",
        "高噪声区的防护耳塞发放间隔太长，希望按月发放。",
        "已改为按月发放。",
    ),
    (
        "安全生产",
        Severity.GENERAL,
        "巡检通道雨天积水",
        "雨天巡检通道积水严重，影响巡检安全。",
        "已疏通排水沟并铺设防滑板。",
    ),
    (
        "工资待遇",
        Severity.GENERAL,
        "夜班津贴标准咨询",
        "希望了解夜班津贴的计算标准和发放时间。",
        "已由人事部门解释夜班津贴标准并在班组公示。",
    ),
    (
        "工资待遇",
        Severity.GENERAL,
        "高温津贴发放时间",
        "今年高温津贴还没有发放，想问一下什么时候发。",
        "高温津贴已随七月工资发放。",
    ),
    (
        "劳动纠纷",
        Severity.MAJOR,
        "劳务派遣工同工同酬",
        "劳务派遣的同事和正式员工干一样的活，待遇差距较大。",
        "公司已研究制定派遣员工薪酬调整方案并逐步落实。",
    ),
    (
        "生活困难",
        Severity.MINOR,
        "家属重病申请帮扶",
        "爱人重病住院，医疗费用负担很重，希望工会给予帮扶。",
        "工会已按程序发放困难帮扶金并协助申请医疗救助。",
    ),
    (
        "意见建议",
        Severity.MINOR,
        "建议增设职工书屋",
        "希望在生活区增设职工书屋，方便下班后看书学习。",
        "已在生活区活动中心开设职工书屋。",
    ),
    (
        "意见建议",
        Severity.MAJOR,
        "建议开设职工篮球场夜间照明",
        "篮球场没有夜间照明，下班后没法打球。",
        "已安装篮球场夜间照明。",
    ),
]
EXPLAINED_ANSWER = "经核实，该事项需按集团统一规定执行，已向职工当面解释政策依据。"


@dataclass(frozen=True)
class Live:
    """An appeal under way now, made through the services."""

    phone: str
    org: str
    category: str
    reach: str
    title: str
    text: str
    anonymous: bool = False
    step: str = "submitted"  # submitted (3 days quiet) | supervised | asked | accepted


LIVE = [
    Live(
        SUN_LI,
        "440100-GZSH-LY-CJY",
        "后勤保障",
        Severity.MINOR,
        "大修现场缺少饮水点",
        "炼油一部大修现场离饮水点太远，高温天气作业时喝水很不方便，希望增设临时饮水点。",
    ),
    Live(
        "13800002103",
        "440100-GZSH-LY-CH",
        "安全生产",
        Severity.GENERAL,
        "催化裂化装置区巡检路线照明不足",
        "催化裂化装置区东侧巡检路线夜间照明不足，几盏灯已经坏了，夜班巡检存在安全隐患。",
        step="supervised",
    ),
    Live(
        "13800002105",
        "440100-GZSH-HG-JBX",
        "工资待遇",
        Severity.GENERAL,
        "班组夜班津贴少发",
        "三月份班组的夜班津贴比往月少了一截，问了班长也说不清楚，希望核实。",
        anonymous=True,
        step="asked",
    ),
    Live(
        "13800002107",
        "440100-GZSH-HQ",
        "意见建议",
        Severity.MINOR,
        "建议食堂提供夜宵",
        "夜班职工凌晨没有地方吃东西，建议食堂在夜班期间提供简单夜宵。",
        step="accepted",
    ),
    Live(
        "13800002007",
        "310110001-HJBA",
        "后勤保障",
        Severity.MINOR,
        "保安岗亭夏天没有空调",
        "小区门口的保安岗亭夏天非常闷热，没有空调也没有风扇，值班时中暑风险很大。",
        anonymous=True,
    ),
]

DENG, FENG = "13800001042", "13800001043"  # tracker (炼油一部), supervisor (公司)


def seed(seeder: Seeder) -> None:
    categories = _seed_categories(seeder)
    gzsh = Org.objects.filter(code=GZSH).first()
    if gzsh is None:
        raise SeedError(f"Org {GZSH} is missing.")
    _seed_rules(seeder, gzsh)
    workers = _seed_workers(seeder)
    if not Appeal.objects.filter(tracking_number__startswith=PREFIX).exists():
        _seed_history(seeder, categories, workers)
        stats.rebuild_tallies()
    # Through the services, each a write service (its own outermost transaction).
    _seed_under_way(seeder, categories)


def _seed_under_way(seeder: Seeder, categories: dict[str, Category]) -> None:
    events_before = Event.objects.count()
    for item in LIVE:
        _seed_live(seeder, item, categories)
    # The services write the live appeals' history themselves.
    seeder.created[Event] += Event.objects.count() - events_before


def _seed_categories(seeder: Seeder) -> dict[str, Category]:
    for sort, (name, description, reach) in enumerate(CATEGORIES):
        _, created = Category.objects.get_or_create(
            name=name,
            defaults={"description": description, "default_severity": reach, "sort": sort},
        )
        seeder.record(Category, created)
    return {c.name: c for c in Category.objects.filter(name__in=[c[0] for c in CATEGORIES])}


def _seed_rules(seeder: Seeder, gzsh: Org) -> None:
    for severity, target in RULES:
        _, created = RoutingRule.objects.get_or_create(
            org=gzsh, category=None, severity=severity, defaults={"target": target}
        )
        seeder.record(RoutingRule, created)


def _seed_workers(seeder: Seeder) -> list[User]:
    orgs = {o.code: o for o in Org.objects.filter(code__in=WORKSHOPS)}
    for phone, name, code in WORKERS:
        seeder.logins.append(
            Login(_("Worker · member"), name, phone, _("Guangzhou Petrochemical: my appeals"))
        )
        if User.objects.filter(phone=phone).exists():
            continue
        user = User.objects.create(
            phone=phone,
            display_name=name,
            email=f"gzsh.{phone[-4:]}@example.com",
            password=seeder.password_hash(),
        )
        MemberProfile.objects.create(
            user=user,
            real_name=name,
            org=orgs[code],
            employer_name="中国石油化工股份有限公司广州分公司",
            membership_status=MembershipStatus.MEMBER,
            membership_number=f"D440100-{phone[-4:]}",
        )
        seeder.record(User)
        seeder.record(MemberProfile)
    phones = [SUN_LI, *(phone for phone, _name, _code in WORKERS)]
    return list(User.objects.filter(phone__in=phones).select_related("member_profile__org"))


def _seed_history(seeder: Seeder, categories: dict[str, Category], workers: list[User]) -> None:
    """488 solved appeals, January 2023 to March 2024, written in bulk."""
    rng = random.Random(SEED)
    first, last = (
        dt.datetime(2023, 1, 3, tzinfo=SHANGHAI),
        dt.datetime(2024, 3, 15, tzinfo=SHANGHAI),
    )
    people: dict[int, routing.Responsible] = {}
    rules = {}
    rows, plans = [], []
    for n in range(HISTORIC):
        worker = workers[n % len(workers)]
        category, reach, title, text, answer = TOPICS[rng.randrange(len(TOPICS))]
        origin = worker.member_profile.org
        key = (origin.pk, reach)
        if key not in rules:
            rules[key] = routing.route(origin, categories[category], reach)
        handling_org, rule = rules[key]
        if handling_org.pk not in people:
            people[handling_org.pk] = routing.responsible(handling_org)
        staff = people[handling_org.pk]
        submitted = first + (last - first) * (n / HISTORIC)
        submitted = submitted.replace(hour=8 + rng.randrange(9), minute=rng.randrange(60))
        resolved = submitted + dt.timedelta(hours=rng.randrange(4, 160))
        closed = resolved + dt.timedelta(hours=rng.randrange(2, 72))
        explained = n % 11 == 5
        satisfaction = rng.choices(
            [Satisfaction.SATISFIED, Satisfaction.BASIC, Satisfaction.UNSATISFIED, ""],
            [82, 12, 2, 4],
        )[0]
        complexity = Complexity.DIFFICULT if reach == Severity.MAJOR else Complexity.NORMAL
        rows.append(
            Appeal(
                tracking_number=f"{PREFIX}{timezone.localtime(submitted):%y%m%d}{n:04d}",
                submitter=worker,
                is_anonymous=n % 9 == 0,
                category=categories[category],
                severity=reach,
                title=title,
                text=text,
                org=origin,
                complexity=complexity,
                status=Status.CLOSED,
                handling_org=handling_org,
                routing_rule=rule,
                handler=staff.handler,
                tracker=staff.tracker,
                supervisor=staff.supervisor,
                submitted_at=submitted,
                status_changed_at=closed,
                accepted_at=submitted + dt.timedelta(hours=2),
                resolved_at=resolved,
                closed_at=closed,
                clock_started_at=submitted,
                accept_due_at=services.accept_due(submitted),
                due_at=services.handling_due(submitted, complexity),
                overdue_periods=1 if n % 23 == 7 else 0,
                outcome=Status.EXPLAINED if explained else Status.RESOLVED,
                answer=EXPLAINED_ANSWER if explained else answer,
                handling_seconds=int((resolved - submitted).total_seconds()),
                satisfaction=satisfaction,
            )
        )
        plans.append((staff.handler or staff.tracker or staff.supervisor, explained))
    Appeal.objects.bulk_create(rows, batch_size=200)
    seeder.created[Appeal] += len(rows)
    events, ratings = [], []
    for appeal, (actor, explained) in zip(rows, plans, strict=True):
        solved = Status.EXPLAINED if explained else Status.RESOLVED
        steps = [
            (EventKind.SUBMITTED, "", Status.SUBMITTED, appeal.submitter, "", appeal.submitted_at),
            (EventKind.ACCEPTED, Status.SUBMITTED, Status.ACCEPTED, actor, "", appeal.accepted_at),
            (solved, Status.ACCEPTED, solved, actor, appeal.answer, appeal.resolved_at),
        ]
        if appeal.satisfaction:
            label = Satisfaction(appeal.satisfaction).label
            steps.append((EventKind.RATED, "", "", appeal.submitter, str(label), appeal.closed_at))
            steps.append(
                (EventKind.CLOSED, solved, Status.CLOSED, appeal.submitter, "", appeal.closed_at)
            )
            ratings.append(
                Rating(appeal=appeal, satisfaction=appeal.satisfaction, created_at=appeal.closed_at)
            )
        else:
            steps.append((EventKind.AUTO_CLOSED, solved, Status.CLOSED, None, "", appeal.closed_at))
        events += [
            Event(appeal=appeal, kind=kind, from_status=a, to_status=b, actor=who, note=note, at=at)
            for kind, a, b, who, note, at in steps
        ]
    Event.objects.bulk_create(events, batch_size=500)
    Rating.objects.bulk_create(ratings, batch_size=500)
    seeder.created[Event] += len(events)
    seeder.created[Rating] += len(ratings)


def _seed_live(seeder: Seeder, item: Live, categories: dict[str, Category]) -> None:
    worker = User.objects.filter(phone=item.phone).first()
    org = Org.objects.filter(code=item.org).first()
    if worker is None or org is None:
        raise SeedError(f"Demo appeal {item.title}: person {item.phone} or org {item.org} missing.")
    if Appeal.objects.filter(submitter=worker, title=item.title).exists():
        return
    appeal = services.submit(
        worker,
        category=categories[item.category],
        title=item.title,
        text=item.text,
        org=org,
        severity=item.reach,
        anonymous=item.anonymous,
    )
    seeder.record(Appeal)
    deng, feng = User.objects.get(phone=DENG), User.objects.get(phone=FENG)
    if item.step == "submitted" and org.code.startswith(GZSH):
        _quiet_since(appeal, timezone.now() - dt.timedelta(days=3, hours=2))
    elif item.step == "supervised":
        appeal = services.accept(deng, appeal, Complexity.DIFFICULT)
        appeal = services.start(deng, appeal)
        supervision.supervise(
            feng,
            appeal,
            "涉及夜班巡检安全，请炼油一部三个工作日内完成灯具更换并报督办组。",
            services.handling_due(timezone.now(), Complexity.NORMAL),
        )
    elif item.step == "asked":
        appeal = services.accept(feng, appeal)
        services.request_info(feng, appeal, "请补充班组名称和少发的大致金额，便于与人事部门核对。")
    elif item.step == "accepted":
        services.accept(feng, appeal)


def _quiet_since(appeal: Appeal, moment: dt.datetime) -> None:
    """Move a fresh appeal's clock back, as if it had arrived at ``moment``: the next
    sweep finds it quiet for more than 72 hours (超期)."""
    Appeal.objects.filter(pk=appeal.pk).update(
        submitted_at=moment,
        status_changed_at=moment,
        clock_started_at=moment,
        accept_due_at=services.accept_due(moment),
        due_at=services.handling_due(moment, appeal.complexity),
        overdue_at=services.quiet_until(moment),
    )
    Event.objects.filter(appeal=appeal).update(at=moment)
