"""The homes count the proposals that wait: for review by the union they were submitted
to (never another street's), for handling in the assigned department, and for the
representative's feedback."""

from yunjishi.people.services import assign_staff
from yunjishi.proposals import home


def test_reviewers_of_street_a_count_a_new_proposal_and_street_b_does_not(
    make_proposal, admin_a, supervisor, handler_a, other_worker, tree
):
    make_proposal()
    assign_staff(other_worker, tree.street_b, "org_admin")

    assert home.to_review(admin_a) == 1
    assert home.to_review(supervisor) == 1  # the district, above street A
    assert home.to_review(handler_a) == 0  # handlers do not review
    assert home.to_review(other_worker) == 0


def test_the_assigned_department_counts_it_to_handle(make_proposal, walk, handler_a, admin_a):
    walk(make_proposal(), "handling")  # assigned to enterprise A, under street A

    assert home.to_handle(handler_a) == 1
    assert home.to_review(admin_a) == 0


def test_the_representative_counts_answers_to_rate(make_proposal, walk, representative):
    walk(make_proposal(), "feedback")
    make_proposal(title="关于增加夜间公交班次的提案")

    assert home.to_rate(representative) == 1
