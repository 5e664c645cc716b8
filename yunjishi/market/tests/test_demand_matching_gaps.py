"""精准匹配: a category with a live listing matches it; one without shows as a gap."""

from django.test import Client
from django.urls import reverse

from yunjishi.market import demand
from yunjishi.surveys import services as surveys
from yunjishi.surveys.tests.fixtures import *  # noqa: F403


def test_a_category_with_a_live_listing_matches_and_one_without_is_a_gap(
    demand_survey, links, make_listing, supervisor, provider, client, client_for
):
    listing = make_listing(places=10, domain="health", title="免费健康检查")
    make_listing(places=5, live=False, domain="education", title="书法培训")  # not live
    post_answers(client, links["a"], "免费健康检查")  # noqa: F405
    post_answers(client, links["b"], "子女托管")  # noqa: F405
    post_answers(Client(), links["b"], "书法培训")  # noqa: F405  (another phone)

    rows = {
        row["category"]: row
        for row in demand.matching(surveys.survey_classification(demand_survey))
    }
    assert rows["health"]["listings"] == [listing] and not rows["health"]["gap"]
    assert [p.user_id for p in rows["health"]["providers"]] == [provider.pk]
    assert rows["子女托管"]["gap"] and rows["子女托管"]["listings"] == []
    assert rows["education"]["gap"]  # a draft listing does not meet demand

    page = client_for(supervisor).get(
        reverse("market:demand_matching"), {"survey": demand_survey.pk}
    )
    assert page.context["gaps"] == 2
    html = page.content.decode()
    assert "免费健康检查" in html and 'id="gap-count"' in html


def test_a_free_category_matches_live_listings_by_chinese_search(
    demand_survey, make_listing, supervisor
):
    make_listing(
        places=10, domain="education", title="亲子阅读分享会", description="子女托管与亲子阅读"
    )
    rows = demand.matching(
        [
            {
                "category": "子女托管",
                "label": "子女托管",
                "is_domain": False,
                "count": 1,
                "respondents": 1,
                "orgs": [],
            }
        ]
    )
    assert [listing.title for listing in rows[0]["listings"]] == ["亲子阅读分享会"]
    assert not rows[0]["gap"]


def test_a_gap_names_the_providers_who_could_serve_it(demand_survey, links, provider, client):
    post_answers(client, links["a"], "免费健康检查")  # noqa: F405
    rows = demand.matching(surveys.survey_classification(demand_survey))
    assert rows[0]["gap"] and [p.user_id for p in rows[0]["candidates"]] == [provider.pk]
