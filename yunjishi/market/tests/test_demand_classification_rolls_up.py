"""Answers given through two enterprises' links roll up into the demand classification list."""

from django.urls import reverse

from yunjishi.market import demand

from .test_demand_fixtures import *  # noqa: F403


def test_answers_from_two_enterprises_count_per_category_with_their_orgs(
    demand_survey, links, supervisor, client, client_for, tree
):
    assert post_answers(client, links["a"], "子女托管", "亲子活动").status_code == 302  # noqa: F405
    post_answers(client, links["a"], "书法培训", "劳动纠纷咨询")  # noqa: F405
    post_answers(client, links["b"], "子女托管")  # noqa: F405
    post_answers(client, links["b"], "都不需要")  # noqa: F405

    rows = demand.survey_classification(demand_survey)
    by_category = {row["category"]: row for row in rows}
    assert rows[0]["category"] == "子女托管"  # most asked first
    childcare = by_category["子女托管"]
    assert childcare["count"] == 3 and childcare["respondents"] == 2
    assert [(o["name"], o["count"]) for o in childcare["orgs"]] == [
        (tree.enterprise_a.name, 2),
        (tree.enterprise_b.name, 1),
    ]
    assert by_category["education"]["count"] == 1
    assert by_category["legal"]["orgs"] == [
        {"id": tree.enterprise_a.pk, "name": tree.enterprise_a.name, "count": 1}
    ]
    assert "" not in by_category  # "none of these" is not a demand

    page = client_for(supervisor).get(
        reverse("market:demand_classification"), {"survey": demand_survey.pk}
    )
    html = page.content.decode()
    assert "子女托管" in html and tree.enterprise_a.name in html and tree.enterprise_b.name in html


def test_the_subtree_list_counts_only_enterprises_under_the_org(
    demand_survey, links, admin_a, supervisor, client, client_for, tree
):
    post_answers(client, links["a"], "子女托管")  # noqa: F405
    post_answers(client, links["b"], "子女托管")  # noqa: F405
    street_a = demand.org_classification(tree.street_a)
    assert [(row["category"], row["count"]) for row in street_a] == [("子女托管", 1)]
    district = demand.org_classification(tree.district)
    assert district[0]["count"] == 2

    # Street A's admin gets their own street by default, and may not ask for street B.
    staff = client_for(admin_a)
    page = staff.get(reverse("market:demand_classification"))
    assert page.context["rows"][0]["count"] == 1
    assert tree.enterprise_b.name not in page.content.decode()
    assert (
        staff.get(reverse("market:demand_classification"), {"org": tree.street_b.pk}).status_code
        == 404
    )
