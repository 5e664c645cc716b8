"""Appeal fixtures on top of the shared tree and people (see the root conftest.py).

The worker belongs to enterprise_a, under street A: without routing rules an appeal is
handled there, by handler_a (street A, the nearest handler above it), followed by
tracker_a (street A) and overseen by the district supervisor.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from yunjishi.appeals import services
from yunjishi.appeals.models import Category

SHANGHAI = ZoneInfo("Asia/Shanghai")
CATEGORIES = [
    ("劳动纠纷", "major"),
    ("工资待遇", "general"),
    ("后勤保障", "minor"),
    ("安全生产", "general"),
    ("生活困难", "minor"),
    ("意见建议", "minor"),
]


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def categories(db):
    return {
        name: Category.objects.create(name=name, default_severity=severity, sort=n)
        for n, (name, severity) in enumerate(CATEGORIES)
    }


@pytest.fixture
def logistics(categories):
    return categories["后勤保障"]


def staff(phone: str, name: str, org, role: str):
    from yunjishi.people.models import User
    from yunjishi.people.services import assign_staff

    user = User.objects.create_user(
        phone, "Gonghui#2024", display_name=name, email=f"{phone}@example.com"
    )
    assign_staff(user, org, role)
    return user


@pytest.fixture
def tracker_a(tree):
    return staff("13900000005", "甲跟踪员", tree.street_a, "tracker")


@pytest.fixture
def supervisor_b(tree):
    return staff("13900000006", "乙督办员", tree.street_b, "supervisor")


@pytest.fixture
def make_appeal(worker, logistics):
    """``make_appeal(**fields)``: an appeal of the worker, through the service."""

    def make(user=None, **fields):
        data = {
            "category": logistics,
            "title": "食堂饭菜太咸",
            "text": "最近一个月公司食堂的饭菜明显偏咸，很多职工反映吃完口渴，希望改进。",
        }
        data.update(fields)
        return services.submit(user or worker, **data)

    return make
