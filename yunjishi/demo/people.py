"""Demo step: occupations and fictional people, one or more for every role.

Every person, phone number and e-mail address here is made up. Demo phones are
1380000xxxx: 0000 the platform admin, 1xxx staff, 2xxx workers, 3xxx providers,
4xxx merchants, 5xxx station managers. Membership numbers start with "D" so they never
clash with the numbers the membership service hands out.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from yunjishi.core.validators import normalize_phone
from yunjishi.orgs.models import Org
from yunjishi.people.models import (
    MemberProfile,
    MembershipStatus,
    MerchantProfile,
    Occupation,
    ProviderProfile,
    ProviderTitle,
    ServiceDomain,
    StaffAssignment,
    StaffRole,
    StationManagerProfile,
    User,
)
from yunjishi.people.services import assign_staff

from .seeding import DEMO_PASSWORD, Login, Seeder, SeedError

# (name, new employment form, sort), the list of DESIGN.md.
OCCUPATIONS = [
    ("外卖骑手", True, 10),
    ("快递员", True, 20),
    ("网约车司机", True, 30),
    ("货车司机", True, 40),
    ("环卫工人", False, 50),
    ("建筑工人", False, 60),
    ("保安", False, 70),
    ("家政服务员", False, 80),
    ("工厂职工", False, 90),
    ("其他", False, 999),
]


@dataclass(frozen=True)
class Person:
    phone: str
    name: str
    email: str
    role: Promise
    hint: Promise


@dataclass(frozen=True)
class Worker(Person):
    occupation: str = "其他"
    org: str | None = None  # org code; None: not a member
    number: str | None = None
    joined_on: date | None = None
    employer: str = ""
    migrant: bool = False
    hardship: bool = False
    veteran: bool = False
    representative: bool = False


@dataclass(frozen=True)
class Staff(Person):
    org: str = ""
    staff_role: str = StaffRole.HANDLER


@dataclass(frozen=True)
class Provider(Person):
    title: str = ProviderTitle.OTHER
    skills: str = ""
    domains: tuple[str, ...] = ()
    org: str = ""


@dataclass(frozen=True)
class Merchant(Person):
    business_name: str = ""
    address: str = ""
    org: str = ""


@dataclass(frozen=True)
class StationManager(Person):
    org: str = ""


ADMIN = Person(
    "13800000000",
    "何静",
    "platform.admin@example.com",
    _("Platform administrator"),
    _("Back office at /admin/: the whole tree and every record"),
)

NANSHAN, DINGHAI, PINGLIANG = "440305", "310110001", "310110006"
GZSH_EMPLOYER = "中国石油化工股份有限公司广州分公司"

STAFF = [
    Staff(
        "13800001001",
        "陈晓琳",
        "chen.xiaolin@example.com",
        _("Staff · org admin"),
        _("Nanshan district union: manage its branch, staff roles and intake rules"),
        org=NANSHAN,
        staff_role=StaffRole.ORG_ADMIN,
    ),
    Staff(
        "13800001002",
        "刘建华",
        "liu.jianhua@example.com",
        _("Staff · handler"),
        _("Nanshan: handle appeals and join applications"),
        org=NANSHAN,
        staff_role=StaffRole.HANDLER,
    ),
    Staff(
        "13800001003",
        "黄志强",
        "huang.zhiqiang@example.com",
        _("Staff · tracker"),
        _("Nanshan: track appeals through to the end"),
        org=NANSHAN,
        staff_role=StaffRole.TRACKER,
    ),
    Staff(
        "13800001004",
        "周丽萍",
        "zhou.liping@example.com",
        _("Staff · supervisor"),
        _("Nanshan: supervise overdue appeals, review listings"),
        org=NANSHAN,
        staff_role=StaffRole.SUPERVISOR,
    ),
    Staff(
        "13800001011",
        "沈佳怡",
        "shen.jiayi@example.com",
        _("Staff · org admin"),
        _("Dinghai Road street union: manage its merchants and members"),
        org=DINGHAI,
        staff_role=StaffRole.ORG_ADMIN,
    ),
    Staff(
        "13800001012",
        "顾志伟",
        "gu.zhiwei@example.com",
        _("Staff · handler"),
        _("Dinghai Road: handle appeals; sees nothing of Pingliang Road"),
        org=DINGHAI,
        staff_role=StaffRole.HANDLER,
    ),
    Staff(
        "13800001013",
        "陆敏",
        "lu.min@example.com",
        _("Staff · tracker"),
        _("Dinghai Road: track appeals"),
        org=DINGHAI,
        staff_role=StaffRole.TRACKER,
    ),
    Staff(
        "13800001014",
        "朱永明",
        "zhu.yongming@example.com",
        _("Staff · supervisor"),
        _("Dinghai Road: supervise appeals"),
        org=DINGHAI,
        staff_role=StaffRole.SUPERVISOR,
    ),
    Staff(
        "13800001021",
        "徐婷",
        "xu.ting@example.com",
        _("Staff · handler"),
        _("Pingliang Road, another street: sees nothing of Dinghai Road"),
        org=PINGLIANG,
        staff_role=StaffRole.HANDLER,
    ),
    Staff(
        "13800001031",
        "梁国栋",
        "liang.guodong@example.com",
        _("Staff · supervisor"),
        _("Guangdong province federation: supervise every union in the province"),
        org="440000",
        staff_role=StaffRole.SUPERVISOR,
    ),
    Staff(
        "13800001041",
        "何伟强",
        "he.weiqiang@example.com",
        _("Staff · handler"),
        _("Guangzhou Petrochemical workshop: handle small appeals in the workshop"),
        org="440100-GZSH-LY-CJY",
        staff_role=StaffRole.HANDLER,
    ),
    Staff(
        "13800001042",
        "邓雪梅",
        "deng.xuemei@example.com",
        _("Staff · tracker"),
        _("Guangzhou Petrochemical refinery department: track its workshops' appeals"),
        org="440100-GZSH-LY",
        staff_role=StaffRole.TRACKER,
    ),
    Staff(
        "13800001043",
        "冯振华",
        "feng.zhenhua@example.com",
        _("Staff · supervisor"),
        _("Guangzhou Petrochemical company union: the supervision group for hard cases"),
        org="440100-GZSH",
        staff_role=StaffRole.SUPERVISOR,
    ),
    Staff(
        "13800001051",
        "林文斌",
        "lin.wenbin@example.com",
        _("Staff · org admin"),
        _("Fujian province federation: outdoor-worker stations across the province"),
        org="350000",
        staff_role=StaffRole.ORG_ADMIN,
    ),
]

WORKERS = [
    Worker(
        "13800002001",
        "张志勇",
        "zhang.zhiyong@example.com",
        _("Worker · delivery rider"),
        _("Rider union member in Nanshan: order a market service, find an open station"),
        occupation="外卖骑手",
        org="440305-WMQS",
        number="D440305-0001",
        joined_on=date(2023, 6, 18),
        migrant=True,
    ),
    Worker(
        "13800002002",
        "王建国",
        "wang.jianguo@example.com",
        _("Worker · member"),
        _("Member through his employer's union at SF Express Shenzhen; a veteran"),
        occupation="快递员",
        org="440305-SF",
        number="D440305-0002",
        joined_on=date(2022, 9, 1),
        employer="顺丰速运有限公司深圳分公司",
        veteran=True,
    ),
    Worker(
        "13800002003",
        "吴晓燕",
        "wu.xiaoyan@example.com",
        _("Worker · member"),
        _("Office worker in Yuehai street, Nanshan: order a course from a model worker"),
        org="440305007-YFZN",
        number="D440305-0003",
        joined_on=date(2021, 3, 15),
        employer="深圳市云帆智能科技有限公司",
    ),
    Worker(
        "13800002004",
        "马国强",
        "ma.guoqiang@example.com",
        _("Worker · not a member"),
        _("Ride-hailing driver in Nanshan: apply to join, routed to the drivers' union"),
        occupation="网约车司机",
        migrant=True,
    ),
    Worker(
        "13800002005",
        "孙丽",
        "sun.li@example.com",
        _("Worker · member"),
        _("Guangzhou Petrochemical: submit a small appeal (workshop, department, company)"),
        occupation="工厂职工",
        org="440100-GZSH-LY-CJY",
        number="D440100-0001",
        joined_on=date(2015, 7, 1),
        employer=GZSH_EMPLOYER,
    ),
    Worker(
        "13800002006",
        "黄秀兰",
        "huang.xiulan@example.com",
        _("Worker · member"),
        _("Sanitation worker in Haicang, Xiamen: find a station open now"),
        occupation="环卫工人",
        org="350205-CJSZ",
        number="D350205-0001",
        joined_on=date(2019, 5, 20),
        employer="厦门城建市政公司",
        migrant=True,
    ),
    Worker(
        "13800002007",
        "赵磊",
        "zhao.lei@example.com",
        _("Worker · hardship"),
        _("Hardship member in Dinghai Road street: submit an appeal, claim a coupon"),
        occupation="保安",
        org="310110001-HJBA",
        number="D310110-0001",
        joined_on=date(2023, 3, 1),
        employer="鸿俊保安公司",
        migrant=True,
        hardship=True,
    ),
    Worker(
        "13800002008",
        "钱秀梅",
        "qian.xiumei@example.com",
        _("Worker · member"),
        _("Member in Pingliang Road street: out of Dinghai Road's scope"),
        org="310110006-PLWY",
        number="D310110-0002",
        joined_on=date(2020, 11, 11),
        employer="上海平凉物业服务有限公司",
    ),
    Worker(
        "13800002009",
        "许卫东",
        "xu.weidong@example.com",
        _("Worker · representative"),
        _("Member representative in Pinghu: submit a proposal, read the duty report"),
        occupation="货车司机",
        org="330482107-WR",
        number="D330482-0001",
        joined_on=date(2018, 4, 1),
        employer="嘉兴市万润集装箱运输有限公司",
        representative=True,
    ),
]

PROVIDERS = [
    Provider(
        "13800003001",
        "郭振华",
        "guo.zhenhua@example.com",
        _("Provider · model worker"),
        _("National model worker: list a service, fulfil orders"),
        title=ProviderTitle.NATIONAL_MODEL,
        skills="超高层建筑钢结构施工，一线三十年；带教青年技术骨干",
        domains=(ServiceDomain.TECHNOLOGY, ServiceDomain.LECTURES, ServiceDomain.VISITS),
        org=NANSHAN,
    ),
    Provider(
        "13800003002",
        "韩立新",
        "han.lixin@example.com",
        _("Provider · model worker"),
        _("Great craftsman: run a training course with dated sessions"),
        title=ProviderTitle.GREAT_CRAFTSMAN,
        skills="数控加工与精密制造，技能大师工作室负责人",
        domains=(ServiceDomain.EDUCATION, ServiceDomain.TECHNOLOGY),
        org=NANSHAN,
    ),
    Provider(
        "13800003003",
        "谢晓红",
        "xie.xiaohong@example.com",
        _("Provider · model worker"),
        _("Provincial model worker: first-aid and health talks"),
        title=ProviderTitle.PROVINCIAL_MODEL,
        skills="急救知识科普、慢病健康管理（三甲医院护士长）",
        domains=(ServiceDomain.HEALTH, ServiceDomain.LECTURES),
        org=NANSHAN,
    ),
    Provider(
        "13800003004",
        "罗志明",
        "luo.zhiming@example.com",
        _("Provider · model worker"),
        _("City model worker and lawyer: legal advice on labour disputes"),
        title=ProviderTitle.CITY_MODEL,
        skills="劳动争议调解、劳动合同审查（执业律师）",
        domains=(ServiceDomain.LEGAL,),
        org=NANSHAN,
    ),
    Provider(
        "13800003005",
        "鹏城职业技能培训中心",
        "pengcheng.training@example.com",
        _("Provider · partner"),
        _("Partner organisation: calligraphy and coding classes for workers' children"),
        title=ProviderTitle.PARTNER,
        skills="书法培训、少儿编程、职业技能培训",
        domains=(ServiceDomain.EDUCATION, ServiceDomain.RECRUITMENT),
        org=NANSHAN,
    ),
    Provider(
        "13800003006",
        "苏雅琴",
        "su.yaqin@example.com",
        _("Provider · model worker"),
        _("Provincial model worker in Dehua, Quanzhou: porcelain craft visits"),
        title=ProviderTitle.PROVINCIAL_MODEL,
        skills="德化白瓷制作技艺传承",
        domains=(ServiceDomain.EDUCATION, ServiceDomain.VISITS),
        org="350526",
    ),
]

MERCHANTS = [
    Merchant(
        "13800004001",
        "方德明",
        "fang.deming@example.com",
        _("Merchant"),
        _("Benefits merchant in Dinghai Road: redeem a member's coupon"),
        business_name="老弄堂面馆",
        address="上海市杨浦区定海路街道（演示地址）",
        org=DINGHAI,
    ),
]

STATION_MANAGERS = [
    StationManager(
        "13800005001",
        "郑丽娟",
        "zheng.lijuan@example.com",
        _("Station manager"),
        _("Station in Haicang, Xiamen: keep opening hours and services current"),
        org="350205",
    ),
]


def seed(seeder: Seeder) -> None:
    occupations = _seed_occupations(seeder)
    orgs = _orgs_by_code()
    _user(seeder, ADMIN, superuser=True)
    for person in STAFF:
        _seed_staff(seeder, person, orgs[person.org])
    for person in WORKERS:
        _seed_worker(seeder, person, occupations[person.occupation], orgs)
    for person in PROVIDERS:
        user = _user(seeder, person)
        _, created = ProviderProfile.objects.get_or_create(
            user=user,
            defaults={
                "name": person.name,
                "title": person.title,
                "skills": person.skills,
                "service_domains": [domain.value for domain in person.domains],
                "org": orgs[person.org],
            },
        )
        seeder.record(ProviderProfile, created)
    for person in MERCHANTS:
        user = _user(seeder, person)
        _, created = MerchantProfile.objects.get_or_create(
            user=user,
            defaults={
                "business_name": person.business_name,
                "address": person.address,
                "org": orgs[person.org],
            },
        )
        seeder.record(MerchantProfile, created)
    for person in STATION_MANAGERS:
        user = _user(seeder, person)
        _, created = StationManagerProfile.objects.get_or_create(
            user=user, defaults={"org": orgs[person.org]}
        )
        seeder.record(StationManagerProfile, created)


def _seed_occupations(seeder: Seeder) -> dict[str, Occupation]:
    for name, new_form, sort in OCCUPATIONS:
        _, created = Occupation.objects.get_or_create(
            name=name, defaults={"is_new_employment_form": new_form, "sort": sort}
        )
        seeder.record(Occupation, created)
    return {occupation.name: occupation for occupation in Occupation.objects.all()}


def _orgs_by_code() -> dict[str, Org]:
    people = [*STAFF, *WORKERS, *PROVIDERS, *MERCHANTS, *STATION_MANAGERS]
    codes = {person.org for person in people if person.org}
    orgs = {org.code: org for org in Org.objects.filter(code__in=codes)}
    missing = codes - orgs.keys()
    if missing:
        raise SeedError(f"Orgs missing for the demo people: {', '.join(sorted(missing))}.")
    return orgs


def _user(seeder: Seeder, person: Person, *, superuser: bool = False) -> User:
    """The person's account: created with the demo password if missing, else left alone."""
    seeder.logins.append(Login(person.role, person.name, person.phone, person.hint))
    user = User.objects.filter(phone=person.phone).first()
    if user is not None:
        return user
    user = User(
        phone=normalize_phone(person.phone),
        display_name=person.name,
        email=person.email,
        is_staff=superuser,
        is_superuser=superuser,
    )
    validate_password(DEMO_PASSWORD, user)
    # Hashed once per run, not once per account: the hasher is slow on purpose.
    user.password = seeder.password_hash()
    user.save()
    seeder.record(User)
    return user


def _seed_staff(seeder: Seeder, person: Staff, org: Org) -> None:
    user = _user(seeder, person)
    if not StaffAssignment.objects.filter(user=user, org=org, role=person.staff_role).exists():
        assign_staff(user, org, person.staff_role)
        seeder.record(StaffAssignment)


def _seed_worker(
    seeder: Seeder, person: Worker, occupation: Occupation, orgs: dict[str, Org]
) -> None:
    user = _user(seeder, person)
    is_member = person.org is not None
    _, created = MemberProfile.objects.get_or_create(
        user=user,
        defaults={
            "real_name": person.name,
            "occupation": occupation,
            "employer_name": person.employer,
            "is_new_employment_form": occupation.is_new_employment_form,
            "is_migrant": person.migrant,
            "is_hardship": person.hardship,
            "is_veteran": person.veteran,
            "is_representative": person.representative,
            "membership_status": MembershipStatus.MEMBER if is_member else MembershipStatus.NONE,
            "org": orgs[person.org] if is_member else None,
            "membership_number": person.number,
            "joined_on": person.joined_on,
        },
    )
    seeder.record(MemberProfile, created)
