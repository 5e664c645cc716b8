""" "Listing review" is a desk on the staff home of those who review (org admins and
supervisors: ``listings.REVIEW_ROLES``); other staff reach the queue read-only from the
market's own pages, and nothing else names the reviewers' roles."""

from django.urls import reverse

from yunjishi.market import home, listings

QUEUE = f'href="{reverse("market:staff_review")}"'


def staff_home(client_for, user) -> str:
    return client_for(user).get(reverse("staff_home")).content.decode()


def test_reviewers_see_the_desk_and_a_handler_does_not(admin_a, supervisor, handler_a, client_for):
    assert QUEUE in staff_home(client_for, admin_a)
    assert QUEUE in staff_home(client_for, supervisor)
    assert QUEUE not in staff_home(client_for, handler_a)


def test_a_handler_follows_the_queue_from_the_market_figures(handler_a, client_for):
    client = client_for(handler_a)

    assert QUEUE in client.get(reverse("market:staff_stats")).content.decode()
    assert client.get(reverse("market:staff_review")).context["can_review"] is False


def test_the_review_and_batch_desks_are_for_the_reviewers_roles():
    review, batches = (
        entry
        for entry in home.staff_entries
        if entry.url in ("market:staff_review", "market:staff_batches")
    )

    assert review.roles == batches.roles == listings.REVIEW_ROLES == {"org_admin", "supervisor"}
