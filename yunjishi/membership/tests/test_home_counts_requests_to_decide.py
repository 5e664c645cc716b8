"""The staff home counts the pending join applications and transfers that the staffer may
decide: those of their own subtrees, nothing of another street's."""

from yunjishi.membership import home, services
from yunjishi.people.services import assign_staff


def test_it_counts_a_pending_application_for_street_a_only(
    application, handler_a, supervisor, handler_b
):
    assert home.applications_to_decide(handler_a) == 1
    assert home.applications_to_decide(supervisor) == 1  # the district, above street A
    assert home.applications_to_decide(handler_b) == 0


def test_a_decided_application_no_longer_counts(application, handler_a):
    services.approve(handler_a, application)

    assert home.applications_to_decide(handler_a) == 0


def test_it_counts_a_transfer_for_the_union_it_goes_to(worker, tree, handler_a, handler_b):
    services.request_transfer(worker, to_org=tree.street_b)

    assert home.transfers_to_decide(handler_b) == 1
    assert home.transfers_to_decide(handler_a) == 0


def test_an_applicant_who_is_staff_does_not_count_their_own(newcomer, cleaner, tree):
    assign_staff(newcomer, tree.street_b, "handler")
    services.apply(newcomer, real_name="钱新人", occupation=cleaner, area=tree.street_a)

    assert home.applications_to_decide(newcomer) == 0
