"""Answers given through two enterprises' links roll up into the demand classification list."""

from django.test import Client
from django.urls import reverse

from yunjishi.surveys import services

from .fixtures import post_answers


def test_answers_from_two_enterprises_count_per_category_with_their_orgs(
    demand_survey, links, supervisor, client, client_for, tree
):
    # Four visitors, each on their own phone: a device answers a link once.
    assert post_answers(client, links["a"], "子女托管", "亲子活动").status_code == 302
    post_answers(Client(), links["a"], "书法培训", "劳动纠纷咨询")
    post_answers(client, links["b"], "子女托管")
    post_answers(Client(), links["b"], "都不需要")

    rows = services.survey_classification(demand_survey)
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
        reverse("surveys:staff_classification"), {"survey": demand_survey.pk}
    )
    html = page.content.decode()
    assert "子女托管" in html and tree.enterprise_a.name in html and tree.enterprise_b.name in html


def test_the_subtree_list_counts_only_enterprises_under_the_org(
    demand_survey, links, admin_a, supervisor, client, client_for, tree
):
    post_answers(client, links["a"], "子女托管")
    post_answers(client, links["b"], "子女托管")  # another enterprise's link: another answer
    street_a = services.org_classification(tree.street_a)
    assert [(row["category"], row["count"]) for row in street_a] == [("子女托管", 1)]
    district = services.org_classification(tree.district)
    assert district[0]["count"] == 2

    # Street A's admin gets their own street by default, and may not ask for street B.
    staff = client_for(admin_a)
    page = staff.get(reverse("surveys:staff_classification"))
    assert page.context["rows"][0]["count"] == 1
    assert tree.enterprise_b.name not in page.content.decode()
    assert (
        staff.get(reverse("surveys:staff_classification"), {"org": tree.street_b.pk}).status_code
        == 404
    )
