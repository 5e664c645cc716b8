"""Demo step: the union tree.

Regional federations are the real ones the seed articles name, coded by their
administrative division code (GB/T 2260, streets by the 9-digit statistical code), so a
tree an operator already built with those codes is reused as it is. Enterprise unions
are coded ``<region>-<short name>``. The enterprise unions marked fictional below and
every credit code are made up; the real companies named in the articles get no credit
code.
"""

from dataclasses import dataclass

from stdnum.cn import uscc

from yunjishi.orgs.models import Level, Org
from yunjishi.orgs.services import add_org

from .seeding import Seeder, SeedError


def demo_credit_code(region_code: str, serial: int) -> str:
    """A well-formed but made-up unified social credit code (统一社会信用代码)."""
    body = f"91{region_code}MA5YJ{serial:04d}"
    return body + uscc.calc_check_digit(body)


@dataclass(frozen=True)
class OrgSpec:
    code: str
    name: str
    level: str
    parent: str | None
    region_code: str = ""
    region_name: str = ""
    employer_name: str = ""
    credit_code: str = ""


NATIONAL, PROVINCE, CITY, COUNTY = Level.NATIONAL, Level.PROVINCE, Level.CITY, Level.COUNTY
STREET, GRASSROOTS, INDUSTRY = Level.STREET, Level.GRASSROOTS, Level.INDUSTRY

GZSH_EMPLOYER = "中国石油化工股份有限公司广州分公司"

# Parents come before their children.
ORGS = [
    OrgSpec("ACFTU", "中华全国总工会", NATIONAL, None, region_name="全国"),
    # 广东: 深圳南山 (seed 000, 云集市), 广州石化 (seed 004, 小诉求), 汕头 (seed 002, 送清凉)
    OrgSpec("440000", "广东省总工会", PROVINCE, "ACFTU", "440000", "广东省"),
    OrgSpec("440300", "深圳市总工会", CITY, "440000", "440300", "广东省深圳市"),
    OrgSpec("440305", "南山区总工会", COUNTY, "440300", "440305", "广东省深圳市南山区"),
    OrgSpec(
        "440305007", "粤海街道总工会", STREET, "440305", "440305007", "广东省深圳市南山区粤海街道"
    ),
    OrgSpec(  # fictional
        "440305007-YFZN",
        "深圳市云帆智能科技有限公司工会",
        GRASSROOTS,
        "440305007",
        "440305007",
        "广东省深圳市南山区粤海街道",
        employer_name="深圳市云帆智能科技有限公司",
        credit_code=demo_credit_code("440305", 1),
    ),
    # Regional unions that take in new-employment-form workers; see the intake rules.
    OrgSpec(
        "440305-WMQS", "南山区外卖骑手工会", GRASSROOTS, "440305", "440305", "广东省深圳市南山区"
    ),
    OrgSpec(
        "440305-KDHY", "南山区快递行业工会", GRASSROOTS, "440305", "440305", "广东省深圳市南山区"
    ),
    OrgSpec(
        "440305-WYC", "南山区网约车司机工会", GRASSROOTS, "440305", "440305", "广东省深圳市南山区"
    ),
    OrgSpec(
        "440305-SF",
        "顺丰速运深圳分公司工会",
        GRASSROOTS,
        "440305",
        "440305",
        "广东省深圳市南山区",
        employer_name="顺丰速运有限公司深圳分公司",
        credit_code=demo_credit_code("440300", 2),
    ),
    OrgSpec("440100", "广州市总工会", CITY, "440000", "440100", "广东省广州市"),
    # 广州石化: 公司工会 › 直属工会 › 车间工会, the three levels that handle 小诉求. Only the
    # company union names the employer, so joining by employer lands there.
    OrgSpec(
        "440100-GZSH",
        "广州石化工会",
        GRASSROOTS,
        "440100",
        "440112",
        "广东省广州市黄埔区",
        employer_name=GZSH_EMPLOYER,
    ),
    OrgSpec(
        "440100-GZSH-LY",
        "广州石化炼油一部工会",
        GRASSROOTS,
        "440100-GZSH",
        "440112",
        "广东省广州市黄埔区",
    ),
    OrgSpec(
        "440100-GZSH-LY-CJY",
        "炼油一部常减压车间工会",
        GRASSROOTS,
        "440100-GZSH-LY",
        "440112",
        "广东省广州市黄埔区",
    ),
    OrgSpec(
        "440100-GZSH-LY-CH",
        "炼油一部催化裂化车间工会",
        GRASSROOTS,
        "440100-GZSH-LY",
        "440112",
        "广东省广州市黄埔区",
    ),
    OrgSpec(
        "440100-GZSH-HG",
        "广州石化化工部工会",
        GRASSROOTS,
        "440100-GZSH",
        "440112",
        "广东省广州市黄埔区",
    ),
    OrgSpec(
        "440100-GZSH-HG-JBX",
        "化工部聚丙烯车间工会",
        GRASSROOTS,
        "440100-GZSH-HG",
        "440112",
        "广东省广州市黄埔区",
    ),
    OrgSpec(
        "440100-GZSH-HQ",
        "广州石化后勤服务中心工会",
        GRASSROOTS,
        "440100-GZSH",
        "440112",
        "广东省广州市黄埔区",
    ),
    OrgSpec("440500", "汕头市总工会", CITY, "440000", "440500", "广东省汕头市"),
    # 福建: 户外劳动者服务站点 (seed 001), 泉州劳模工匠联学联创 (seed 002)
    OrgSpec("350000", "福建省总工会", PROVINCE, "ACFTU", "350000", "福建省"),
    OrgSpec("350100", "福州市总工会", CITY, "350000", "350100", "福建省福州市"),
    OrgSpec("350200", "厦门市总工会", CITY, "350000", "350200", "福建省厦门市"),
    OrgSpec("350205", "海沧区总工会", COUNTY, "350200", "350205", "福建省厦门市海沧区"),
    OrgSpec(
        "350205-CJSZ",
        "厦门城建市政公司工会",
        GRASSROOTS,
        "350205",
        "350205",
        "福建省厦门市海沧区",
        employer_name="厦门城建市政公司",
    ),
    OrgSpec("350500", "泉州市总工会", CITY, "350000", "350500", "福建省泉州市"),
    OrgSpec("350505", "泉港区总工会", COUNTY, "350500", "350505", "福建省泉州市泉港区"),
    OrgSpec("350526", "德化县总工会", COUNTY, "350500", "350526", "福建省泉州市德化县"),
    # 上海: 定海路街道 "益企惠工" (seed 003). A municipality: districts sit under it directly.
    OrgSpec("310000", "上海市总工会", PROVINCE, "ACFTU", "310000", "上海市"),
    OrgSpec("310110", "杨浦区总工会", COUNTY, "310000", "310110", "上海市杨浦区"),
    OrgSpec(
        "310110001", "定海路街道总工会", STREET, "310110", "310110001", "上海市杨浦区定海路街道"
    ),
    OrgSpec(
        "310110001-HJBA",
        "鸿俊保安公司工会",
        GRASSROOTS,
        "310110001",
        "310110001",
        "上海市杨浦区定海路街道",
        employer_name="鸿俊保安公司",
    ),
    OrgSpec(
        "310110001-HDKJY",
        "海大科技园联合工会",
        GRASSROOTS,
        "310110001",
        "310110001",
        "上海市杨浦区定海路街道",
    ),
    OrgSpec(
        "310110006", "平凉路街道总工会", STREET, "310110", "310110006", "上海市杨浦区平凉路街道"
    ),
    OrgSpec(  # fictional
        "310110006-PLWY",
        "上海平凉物业服务有限公司工会",
        GRASSROOTS,
        "310110006",
        "310110006",
        "上海市杨浦区平凉路街道",
        employer_name="上海平凉物业服务有限公司",
        credit_code=demo_credit_code("310110", 3),
    ),
    # 浙江平湖: 会员代表 "云履职" (seed 001)
    OrgSpec("330000", "浙江省总工会", PROVINCE, "ACFTU", "330000", "浙江省"),
    OrgSpec("330400", "嘉兴市总工会", CITY, "330000", "330400", "浙江省嘉兴市"),
    OrgSpec("330482", "平湖市总工会", COUNTY, "330400", "330482", "浙江省嘉兴市平湖市"),
    OrgSpec(
        "330482001", "当湖街道总工会", STREET, "330482", "330482001", "浙江省嘉兴市平湖市当湖街道"
    ),
    OrgSpec("330482107", "林埭镇总工会", STREET, "330482", "330482107", "浙江省嘉兴市平湖市林埭镇"),
    OrgSpec(
        "330482107-WR",
        "嘉兴市万润集装箱运输有限公司工会",
        GRASSROOTS,
        "330482107",
        "330482107",
        "浙江省嘉兴市平湖市林埭镇",
        employer_name="嘉兴市万润集装箱运输有限公司",
    ),
    # 安徽 (seed 000), 武汉 (seed 002, 爱心驿站)
    OrgSpec("340000", "安徽省总工会", PROVINCE, "ACFTU", "340000", "安徽省"),
    OrgSpec("420000", "湖北省总工会", PROVINCE, "ACFTU", "420000", "湖北省"),
    OrgSpec("420100", "武汉市总工会", CITY, "420000", "420100", "湖北省武汉市"),
    # 陕西: an industry union in the same tree (seed 004)
    OrgSpec("610000", "陕西省总工会", PROVINCE, "ACFTU", "610000", "陕西省"),
    OrgSpec("610000-NYHX", "陕西省能源化学地质工会", INDUSTRY, "610000", "610000", "陕西省"),
    OrgSpec(
        "610000-NYHX-XBD",
        "陕西小保当矿业有限公司工会",
        GRASSROOTS,
        "610000-NYHX",
        "610881",
        "陕西省榆林市神木市",
        employer_name="陕西小保当矿业有限公司",
    ),
    # 青海: 工会驿站 (seed 004)
    OrgSpec("630000", "青海省总工会", PROVINCE, "ACFTU", "630000", "青海省"),
    OrgSpec("630200", "海东市总工会", CITY, "630000", "630200", "青海省海东市"),
    OrgSpec(
        "630222",
        "民和回族土族自治县总工会",
        COUNTY,
        "630200",
        "630222",
        "青海省海东市民和回族土族自治县",
    ),
]


def seed(seeder: Seeder) -> None:
    codes = [spec.code for spec in ORGS]
    existing = set(Org.objects.filter(code__in=codes).values_list("code", flat=True))
    for spec in ORGS:
        if spec.code in existing:
            continue
        parent = None
        if spec.parent is not None:
            # Fetched fresh each time: adding a sorted sibling may have shifted its path.
            parent = Org.objects.filter(code=spec.parent).first()
            if parent is None:
                raise SeedError(f"Org {spec.code}: its parent {spec.parent} is missing.")
        add_org(
            parent,
            code=spec.code,
            name=spec.name,
            level=spec.level,
            region_code=spec.region_code,
            region_name=spec.region_name,
            employer_name=spec.employer_name,
            credit_code=spec.credit_code,
        )
        seeder.record(Org)
