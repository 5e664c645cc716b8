"""Per-org figures: proposals by status, 立案 and 立案结案, the 立案 rate over decided
proposals, satisfaction, suggestions and visits, for the chosen subtree only."""

from django.urls import reverse

from yunjishi.proposals import services, stats


def test_the_figures_count_each_state_and_the_acceptance_rate(
    make_proposal, walk, representative, admin_a, tree, client_for
):
    services.rate(representative, walk(make_proposal(title="一"), "feedback"), "satisfied")
    services.rate(representative, walk(make_proposal(title="二"), "feedback"), "unsatisfied")
    walk(make_proposal(title="三"), "handling")
    services.decline(admin_a, walk(make_proposal(title="四"), "reviewing"), "不属于工会职责")
    services.convert(admin_a, walk(make_proposal(title="五"), "reviewing"))
    make_proposal(title="六")

    figures = stats.figures(tree.street_a)
    assert figures["total"] == 6
    assert figures["accepted"] == 3 and figures["accepted_and_closed"] == 2
    assert figures["decided"] == 5 and figures["acceptance_rate"] == 0.6
    assert figures["satisfaction_rate"] == 0.5
    assert figures["by_status"]["closed"] == 2 and figures["by_status"]["submitted"] == 1
    assert figures["suggestions"] == 1  # the converted one
    assert stats.figures(tree.street_b)["total"] == 0
    assert stats.figures(tree.district)["total"] == 6  # the subtree rolls up

    page = client_for(admin_a).get(reverse("proposals:staff_figures"))
    html = page.content.decode()
    assert 'id="total">6<' in html and 'id="accepted-closed">2<' in html
    assert 'id="acceptance">60.0%<' in html
    data = client_for(admin_a).get("/api/proposals/staff/figures").json()
    assert data["org"]["id"] == tree.street_a.pk and data["accepted_and_closed"] == 2


def test_a_supervisor_above_picks_a_street_below(make_proposal, supervisor, tree, client_for):
    make_proposal()
    client = client_for(supervisor)
    page = client.get(reverse("proposals:staff_figures")).content.decode()
    assert "街道A总工会" in page  # offered as a child of the district
    street = client.get(reverse("proposals:staff_figures"), {"org": tree.street_a.pk})
    assert 'id="total">1<' in street.content.decode()
    assert client.get(reverse("proposals:staff_figures"), {"org": "abc"}).status_code == 404
