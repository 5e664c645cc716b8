"""Demo step: 平湖's 云履职 (seed 001): 187 proposals of which 178 立案结案.

Under 平湖市总工会, twelve member representatives (许卫东, the demo representative of
people.py, and eleven more made up here) have submitted 187 proposals over the past year:
178 went the whole way (线上提交 → 小组审议 → 立案 → 办理落实 → 执行督查 → 总结反馈 → closed),
the other nine stand at every other step, one of 许卫东's waiting for his rating. There are
also suggestions (问题建议) and visits to key contact persons (重点联系人员), so every duty
report has something to show.

The rows are written with ``bulk_create``, each proposal with the history rows its
services would have written. A proposal is looked up by representative and title,
a suggestion by representative and title, a visit by representative and person; what
exists is left alone, so a second run creates nothing.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yunjishi.orgs.models import Org
from yunjishi.people.models import MemberProfile, MembershipStatus, StaffAssignment, User
from yunjishi.people.services import assign_staff
from yunjishi.proposals.models import (
    Category,
    ContactVisit,
    FollowUp,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    Rating,
    Suggestion,
    SuggestionEvent,
    SuggestionStatus,
)

from .seeding import Login, Seeder, SeedError

S = ProposalStatus
PINGHU, DANGHU, LINDAI, WANRUN = "330482", "330482001", "330482107", "330482107-WR"
XU_WEIDONG = "13800002009"  # the demo representative (people.py)
TOTAL, ACCEPTED_AND_CLOSED = 187, 178


@dataclass(frozen=True)
class DemoStaff:
    phone: str
    name: str
    org: str
    role: str
    hint: object


# Made-up Pinghu staff: who reviews, checks and answers the proposals.
STAFF = [
    DemoStaff(
        "13800001061",
        "沈国平",
        PINGHU,
        "org_admin",
        _("Pinghu: review proposals (立案), assign them; figures show 187 / 178"),
    ),
    DemoStaff(
        "13800001062",
        "钱晓燕",
        PINGHU,
        "supervisor",
        _("Pinghu: supervision check (执行督查) of answered proposals"),
    ),
    DemoStaff(
        "13800001063", "陆建明", LINDAI, "handler", _("Lindai: answer the proposals assigned to it")
    ),
    DemoStaff(
        "13800001064", "张慧", DANGHU, "handler", _("Danghu: answer the proposals assigned to it")
    ),
]

# Made-up representatives besides 许卫东: (phone, name, member org code).
REPRESENTATIVES = [
    ("13800002901", "陈建平", DANGHU),
    ("13800002902", "吴秀英", DANGHU),
    ("13800002903", "金海峰", LINDAI),
    ("13800002904", "顾丽娟", DANGHU),
    ("13800002905", "周志刚", LINDAI),
    ("13800002906", "孙美华", DANGHU),
    ("13800002907", "马永强", LINDAI),
    ("13800002908", "朱晓红", DANGHU),
    ("13800002909", "杨国庆", LINDAI),
    ("13800002910", "冯玉兰", DANGHU),
    ("13800002911", "蒋伟", LINDAI),
]

STREET_PLACES = {DANGHU: "当湖街道", LINDAI: "林埭镇"}
CITY_PLACES = ["钟埭街道", "曹桥街道", "乍浦镇", "新埭镇", "新仓镇", "广陈镇", "独山港镇"]
TOPICS = [
    ("建设共享“司机之家”", Category.LIVING),
    ("解决外来货车司机子女入学难题", Category.LIVING),
    ("加强电商直播从业人员技能培训", Category.SKILLS),
    ("增设户外劳动者服务站点", Category.LIVING),
    ("落实夏季高温津贴", Category.WAGES),
    ("完善企业职工食堂服务", Category.LIVING),
    ("推进小微企业集体协商", Category.DEMOCRACY),
    ("保障新就业形态劳动者权益", Category.EMPLOYMENT),
    ("开设职工子女暑期托管班", Category.LIVING),
    ("改善工业园区公共交通", Category.LIVING),
    ("建设职工书屋", Category.UNION),
    ("开展职工心理健康服务", Category.UNION),
    ("加强一线职工安全生产培训", Category.SAFETY),
    ("落实职工疗休养制度", Category.WAGES),
    ("完善困难职工帮扶机制", Category.UNION),
    ("解决园区职工停车难", Category.LIVING),
    ("建设园区职工运动场地", Category.UNION),
    ("推进职工技能等级认定", Category.SKILLS),
    ("加强女职工特殊权益保护", Category.EMPLOYMENT),
    ("开展劳模工匠进企业活动", Category.SKILLS),
    ("设立外卖骑手休息点", Category.LIVING),
    ("优化职工医疗互助保障", Category.WAGES),
    ("改善外来务工人员住房条件", Category.LIVING),
    ("开展职工法律援助服务", Category.EMPLOYMENT),
]
DEPARTMENTS = [
    "平湖市交通运输局",
    "平湖市教育局",
    "平湖市人力资源和社会保障局",
    "平湖市住房和城乡建设局",
    "平湖市卫生健康局",
    "平湖市总工会职工服务中心",
]
ANSWERS = [
    "已会同相关部门实地调研，落实专项经费，项目已建成投用。",
    "已纳入年度民生实事项目，相关措施已全部落实到位。",
    "已组织企业工会开展专题协商，形成长效机制。",
    "已制定实施方案并完成整改，下一步将持续跟踪。",
]
# The nine that have not closed: (state, whose: 0 = 许卫东).
OPEN = [
    (S.FEEDBACK, 0),
    (S.SUBMITTED, 0),
    (S.SUBMITTED, 3),
    (S.REVIEWING, 5),
    (S.ACCEPTED, 7),
    (S.HANDLING, 2),
    (S.SUPERVISION, 4),
    (S.CONVERTED, 6),
    (S.DECLINED, 8),
]
PATH = [
    ("submit", S.SUBMITTED),
    ("review", S.REVIEWING),
    ("accept", S.ACCEPTED),
    ("assign", S.HANDLING),
    ("answer", S.SUPERVISION),
    ("check", S.FEEDBACK),
    ("rate", S.CLOSED),
]
# Days after the previous step, per step of PATH (after submission).
GAPS = [(1, 3), (2, 7), (1, 3), (7, 30), (2, 7), (1, 5)]


def seed(seeder: Seeder) -> None:
    orgs = {org.code: org for org in Org.objects.filter(code__in=(PINGHU, DANGHU, LINDAI, WANRUN))}
    if len(orgs) < 4:
        raise SeedError("The Pinghu unions are missing; the orgs step must run first.")
    admin, supervisor, lindai, danghu = (_staff(seeder, person, orgs) for person in STAFF)
    staff = {
        "org_admin": admin,
        "supervisor": supervisor,
        "handler_lindai": lindai,
        "handler_danghu": danghu,
    }
    xu = User.objects.filter(phone=XU_WEIDONG).select_related("member_profile").first()
    if xu is None:
        raise SeedError(f"The demo representative {XU_WEIDONG} is missing.")
    reps = [
        xu,
        *(
            _representative(seeder, phone, name, orgs[code])
            for phone, name, code in REPRESENTATIVES
        ),
    ]
    rng = random.Random(330482)
    _seed_proposals(seeder, rng, orgs, staff, reps)
    _seed_suggestions(seeder, rng, orgs, staff, reps)
    _seed_visits(seeder, rng, reps)


def _staff(seeder: Seeder, person: DemoStaff, orgs: dict[str, Org]) -> User:
    seeder.logins.append(Login(_role(person.role), person.name, person.phone, person.hint))
    user = User.objects.filter(phone=person.phone).first()
    if user is None:
        user = User(
            phone=person.phone, display_name=person.name, email=f"{person.phone}@example.com"
        )
        user.password = seeder.password_hash()
        user.save()
        seeder.record(User)
    org = orgs[person.org]
    if not StaffAssignment.objects.filter(user=user, org=org, role=person.role).exists():
        assign_staff(user, org, person.role)
        seeder.record(StaffAssignment)
    return user


def _role(role: str):
    return {
        "org_admin": _("Staff · org admin"),
        "supervisor": _("Staff · supervisor"),
        "handler": _("Staff · handler"),
    }[role]


def _representative(seeder: Seeder, phone: str, name: str, org: Org) -> User:
    seeder.logins.append(
        Login(_("Worker · representative"), name, phone, _("Pinghu representative: duty report"))
    )
    user = User.objects.filter(phone=phone).first()
    if user is None:
        user = User(phone=phone, display_name=name, email=f"rep.{phone[-4:]}@example.com")
        user.password = seeder.password_hash()
        user.save()
        seeder.record(User)
    _profile, created = MemberProfile.objects.get_or_create(
        user=user,
        defaults={
            "real_name": name,
            "org": org,
            "membership_status": MembershipStatus.MEMBER,
            "membership_number": f"D330482-{phone[-4:]}",
            "is_representative": True,
        },
    )
    seeder.record(MemberProfile, created)
    return user


def _plan(reps, orgs) -> list[tuple]:
    """(title, category, state, whose, org) of the 187 proposals.

    Nine rows stay open (see OPEN), the rest close. A title names the place of the union it
    goes to (a town without a demo union goes to the Pinghu federation); each
    representative's titles are distinct, which makes (representative, title) the key.
    """
    open_rows = {index * 19 + 5: item for index, item in enumerate(OPEN)}
    used: Counter = Counter()
    rows = []
    for index in range(TOTAL):
        state, whose = open_rows.get(index, (S.CLOSED, index % len(reps)))
        org = _submitted_to(reps[whose], orgs, index)
        place = STREET_PLACES.get(org.code) or CITY_PLACES[index % len(CITY_PLACES)]
        n = used[(whose, place)]
        used[(whose, place)] += 1
        topic, category = TOPICS[(n * 5 + whose) % len(TOPICS)]  # 5 and 24 are coprime
        rows.append((f"关于{place}{topic}的提案", category, state, whose, org))
    return rows


def _seed_proposals(seeder, rng, orgs, staff, reps) -> None:
    plan = _plan(reps, orgs)
    assert sum(1 for row in plan if row[2] == S.CLOSED) == ACCEPTED_AND_CLOSED
    existing = set(
        Proposal.objects.filter(representative__in=reps).values_list("representative", "title")
    )
    now = timezone.now()
    proposals: list[Proposal] = []
    histories: list[list[tuple]] = []
    for index, (title, category, state, whose, org) in enumerate(plan):
        rep = reps[whose]
        if (rep.pk, title) in existing:
            continue
        steps = _history(rng, now, state)
        proposal, history = _proposal(
            rng, index, title, category, rep, org, orgs, staff, state, steps
        )
        proposals.append(proposal)
        histories.append(history)
    if not proposals:
        return
    Proposal.objects.bulk_create(proposals, batch_size=500)
    if any(p.pk is None for p in proposals):  # a database that returns no ids
        keys = Proposal.objects.filter(representative__in=reps).values_list(
            "representative", "title", "pk"
        )
        by_key = {(rep, title): pk for rep, title, pk in keys}
        for p in proposals:
            p.pk = by_key[(p.representative_id, p.title)]
    events = [
        ProposalEvent(
            proposal_id=p.pk,
            actor=actor,
            at=at,
            action=action,
            from_status=src,
            to_status=dst,
            note=note,
        )
        for p, history in zip(proposals, histories, strict=True)
        for action, src, dst, at, actor, note in history
    ]
    ProposalEvent.objects.bulk_create(events, batch_size=1000)
    seeder.created[Proposal] += len(proposals)
    seeder.created[ProposalEvent] += len(events)
    for p in proposals:
        if p.status == S.CONVERTED:
            _converted_suggestion(seeder, p, staff["org_admin"])


def _submitted_to(rep: User, orgs, index: int) -> Org:
    """许卫东 and the Lindai representatives to the Lindai union, the others to Danghu;
    every third proposal to the Pinghu federation itself."""
    if index % 3 == 0:
        return orgs[PINGHU]
    member_org = rep.member_profile.org
    return orgs[LINDAI] if member_org.path.startswith(orgs[LINDAI].path) else orgs[DANGHU]


def _history(rng, now, state: str) -> list[dt.datetime]:
    """The moments of the steps up to ``state``, the last one before now."""
    if state == S.CONVERTED or state == S.DECLINED:
        upto = 3  # submit, review, decision
    else:
        upto = [s for _a, s in PATH].index(state) + 1
    gaps = [rng.randint(*GAPS[i]) for i in range(upto - 1)]
    recent = state != S.CLOSED
    last_day = timezone.localdate(now) - dt.timedelta(
        days=rng.randint(1, 20) if recent else rng.randint(5, 300)
    )
    days = [last_day - dt.timedelta(days=sum(gaps))]
    for gap in gaps:
        days.append(days[-1] + dt.timedelta(days=gap))
    # Office hours, Beijing time: 9:00 plus up to eight hours.
    return [
        timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
        + dt.timedelta(minutes=rng.randint(0, 480))
        for day in days
    ]


def _proposal(rng, index, title, category, rep, org, orgs, staff, state, moments):
    handling_org = org
    if org.code == PINGHU and state in (S.HANDLING, S.SUPERVISION, S.FEEDBACK, S.CLOSED):
        handling_org = orgs[LINDAI] if index % 2 else orgs[DANGHU]
    handler = staff["handler_lindai"] if handling_org.code == LINDAI else staff["handler_danghu"]
    department = DEPARTMENTS[index % len(DEPARTMENTS)]
    answer = ANSWERS[index % len(ANSWERS)]
    rating = Rating.SATISFIED if index % 9 else Rating.BASICALLY
    if index % 47 == 13:
        rating = Rating.UNSATISFIED
    text = (
        f"{title.removeprefix('关于').removesuffix('的提案')}是职工反映集中的问题。"
        "建议相关部门加强调研、明确责任、限时落实，并及时向职工反馈办理情况。"
    )
    steps = list(PATH)
    if state in (S.CONVERTED, S.DECLINED):
        steps = [PATH[0], PATH[1], ("convert" if state == S.CONVERTED else "decline", state)]
    actors = {
        "submit": rep,
        "review": staff["org_admin"],
        "accept": staff["org_admin"],
        "convert": staff["org_admin"],
        "decline": staff["org_admin"],
        "assign": staff["org_admin"],
        "answer": handler,
        "check": staff["supervisor"],
        "rate": rep,
    }
    notes = {
        "accept": "经审议小组审议，符合立案条件。",
        "convert": "属一般性问题，转为建议办理。",
        "decline": "所提事项已有政策覆盖，不予立案。",
        "assign": f"{handling_org.name} · {department}",
        "answer": answer,
        "check": "经现场督查，已落实到位。",
        "rate": str(Rating(rating).label),
    }
    history, previous = [], ""
    for (action, status), at in zip(steps, moments, strict=False):
        history.append((action, previous, status, at, actors[action], notes.get(action, "")))
        previous = status
    reached = [a for a, *_rest in history]
    proposal = Proposal(
        representative=rep,
        org=org,
        handling_org=handling_org if "assign" in reached else org,
        title=title,
        text=text,
        category=category,
        status=state,
        decision_note=notes.get(reached[2], "") if len(reached) > 2 else "",
        department=department if "assign" in reached else "",
        answer=answer if "answer" in reached else "",
        check_note=notes["check"] if "check" in reached else "",
        rating=rating if state == S.CLOSED else "",
        submitted_at=moments[0],
        updated_at=moments[len(history) - 1],
        closed_at=moments[-1] if state == S.CLOSED else None,
    )
    return proposal, history


def _converted_suggestion(seeder, proposal: Proposal, reviewer: User) -> None:
    suggestion = Suggestion.objects.create(
        representative_id=proposal.representative_id,
        org=proposal.org,
        title=proposal.title,
        text=proposal.text,
        category=proposal.category,
        source_proposal=proposal,
        submitted_at=proposal.updated_at,
        updated_at=proposal.updated_at,
    )
    SuggestionEvent.objects.create(
        suggestion=suggestion,
        actor=reviewer,
        at=proposal.updated_at,
        to_status=SuggestionStatus.SUBMITTED,
        note="由提案转为建议",
    )
    seeder.record(Suggestion)
    seeder.record(SuggestionEvent)


SUGGESTIONS = [
    ("厂区增设饮水点", Category.SAFETY, "夏季高温，建议在车间和露天作业区增设饮水点。"),
    ("延长职工食堂开放时间", Category.LIVING, "夜班职工下班后食堂已关门，建议延长开放时间。"),
    ("园区增设电动车充电桩", Category.LIVING, "职工电动车充电难，存在私拉电线安全隐患。"),
    ("职工书屋增加技能类图书", Category.SKILLS, "建议职工书屋增加数控、电工等技能类图书。"),
    ("宿舍区加装路灯", Category.SAFETY, "宿舍区道路照明不足，夜间出行不安全。"),
    ("开通夜班公交线路", Category.LIVING, "工业园区夜班职工通勤不便。"),
]
REPLIES = [
    "已协调相关单位落实，感谢您的建议。",
    "已纳入下一步工作计划，近期完成。",
    "已转交企业工会办理，并已办结。",
]


def _seed_suggestions(seeder, rng, orgs, staff, reps) -> None:
    now = timezone.now()
    for number, rep in enumerate(reps):
        for offset in range(2 if number else 3):
            title, category, text = SUGGESTIONS[(number + offset) % len(SUGGESTIONS)]
            if Suggestion.objects.filter(representative=rep, title=title).exists():
                continue
            org = _submitted_to(rep, orgs, number + offset + 1)
            submitted = now - dt.timedelta(days=rng.randint(10, 300), hours=rng.randint(0, 8))
            still_open = number == 0 and offset == 2
            resolved = submitted + dt.timedelta(days=rng.randint(2, 9))
            handler = staff["handler_lindai"] if org.code == LINDAI else staff["handler_danghu"]
            if org.code == PINGHU:
                handler = staff["org_admin"]
            reply = "" if still_open else REPLIES[(number + offset) % len(REPLIES)]
            suggestion = Suggestion.objects.create(
                representative=rep,
                org=org,
                title=title,
                text=text,
                category=category,
                status=SuggestionStatus.SUBMITTED if still_open else SuggestionStatus.RESOLVED,
                reply=reply,
                submitted_at=submitted,
                updated_at=submitted if still_open else resolved,
                resolved_at=None if still_open else resolved,
            )
            events = [
                SuggestionEvent(
                    suggestion=suggestion,
                    actor=rep,
                    at=submitted,
                    to_status=SuggestionStatus.SUBMITTED,
                )
            ]
            if not still_open:
                events.append(
                    SuggestionEvent(
                        suggestion=suggestion,
                        actor=handler,
                        at=resolved,
                        from_status=SuggestionStatus.SUBMITTED,
                        to_status=SuggestionStatus.RESOLVED,
                        note=reply,
                    )
                )
            SuggestionEvent.objects.bulk_create(events)
            seeder.record(Suggestion)
            seeder.created[SuggestionEvent] += len(events)


CONTACTS = [
    (
        "夏小芳",
        "父母接连患重病，家中房屋年久失修",
        "房屋需要修缮，母亲长期卧床需要护理指导",
        "联系企业工会协助修缮房屋",
    ),
    (
        "钱大勇",
        "货车司机，常年在外，子女随迁入学困难",
        "子女今年秋季需要入学",
        "协调镇教育办了解入学政策",
    ),
    ("何春梅", "单亲母亲，在电商直播基地工作", "缺乏摄影等技能，职业发展受限", ""),
    ("卢建国", "环卫工人，腰椎劳损", "希望了解职工医疗互助报销", "送上医疗互助办理指南"),
    ("邱海涛", "外来务工人员，住在厂区临时宿舍", "宿舍夏季闷热，缺少降温设施", ""),
]


def _seed_visits(seeder, rng, reps) -> None:
    today = timezone.localdate()
    visits = []
    for number, rep in enumerate(reps):
        done_names = set(
            ContactVisit.objects.filter(representative=rep).values_list("person_name", flat=True)
        )
        for offset in range(4 if number == 0 else 2):
            name, situation, notes, follow_up = CONTACTS[(number + offset) % len(CONTACTS)]
            if name in done_names:
                continue
            visited_on = today - dt.timedelta(days=rng.randint(3, 330))
            followed = bool(follow_up) and offset % 2 == 0
            visits.append(
                ContactVisit(
                    representative=rep,
                    org=rep.member_profile.org,
                    person_name=name,
                    person_situation=situation,
                    visited_on=visited_on,
                    notes=notes,
                    follow_up=follow_up,
                    follow_up_status=(
                        FollowUp.NONE
                        if not follow_up
                        else FollowUp.DONE
                        if followed
                        else FollowUp.OPEN
                    ),
                    follow_up_note="已落实" if followed else "",
                    followed_up_at=(
                        timezone.make_aware(
                            dt.datetime.combine(visited_on + dt.timedelta(days=3), dt.time(10))
                        )
                        if followed
                        else None
                    ),
                )
            )
    ContactVisit.objects.bulk_create(visits)
    seeder.created[ContactVisit] += len(visits)
