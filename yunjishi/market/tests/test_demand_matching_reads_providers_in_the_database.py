"""精准匹配 of a gap names the providers who could serve it by asking the database: the
number of queries does not grow with the providers (a province has thousands), and only
active providers whose domains or skills fit are named, the first ones by name."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from yunjishi.market import demand
from yunjishi.people.models import ProviderProfile, User

GAPS = [
    {"category": "health", "label": "医疗健康", "is_domain": True},
    {"category": "子女托管", "label": "子女托管", "is_domain": False},
]


def _rows():
    return [{**row, "count": 1, "respondents": 1, "orgs": []} for row in GAPS]


def _providers(org, count, start=0, **fields):
    users = User.objects.bulk_create(
        User(phone=f"1360000{number:04d}", display_name=f"服务者{number}")
        for number in range(start, start + count)
    )
    ProviderProfile.objects.bulk_create(
        ProviderProfile(
            user=user,
            name=f"服务者{number:04d}",
            title="partner",
            org=org,
            **fields,
        )
        for number, user in enumerate(users, start=start)
    )


def _queries():
    with CaptureQueriesContext(connection) as captured:
        rows = demand.matching(_rows())
    return captured.captured_queries, rows


def test_the_queries_do_not_grow_with_the_providers(tree):
    _providers(tree.street_a, 3, service_domains=["health"], skills="擅长子女托管")
    few, _ = _queries()

    _providers(tree.street_a, 300, start=100, service_domains=["health"], skills="子女托管")
    many, rows = _queries()

    assert len(many) == len(few)
    # Each gap asks for its own candidates, and only for the first few of them.
    asked = [q["sql"] for q in many if 'FROM "people_providerprofile"' in q["sql"]]
    assert len(asked) == len(GAPS)
    assert all("LIMIT" in sql for sql in asked)
    assert any('"service_domains"' in sql.split("WHERE")[1] for sql in asked)
    assert any('"skills"' in sql.split("WHERE")[1] for sql in asked)
    assert all(row["gap"] for row in rows)
    for row in rows:
        assert len(row["candidates"]) == demand.CANDIDATES_PER_CATEGORY


def test_only_active_providers_whose_domains_or_skills_fit_are_named(tree):
    _providers(tree.street_a, 1, start=1, service_domains=["health", "legal"])
    _providers(tree.street_a, 1, start=2, service_domains=["legal"], skills="法律咨询")
    _providers(tree.street_a, 1, start=3, skills="周末子女托管，亲子阅读")
    _providers(tree.street_b, 1, start=4, service_domains=["health"], is_active=False)
    _providers(tree.street_b, 1, start=5, service_domains=["technology"], skills="健康")

    health, childcare = demand.matching(_rows())

    assert [p.name for p in health["candidates"]] == ["服务者0001"]
    assert [p.name for p in childcare["candidates"]] == ["服务者0003"]
