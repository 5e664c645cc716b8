"""The market's staff nav links batch publishing only for those who may publish (org
admins and supervisors); a handler who followed it got a refusal."""

from django.urls import reverse

BATCHES = f'href="{reverse("market:staff_batches")}"'


def test_a_handler_is_not_shown_batches_which_refuse_them(handler_a, client_for):
    client = client_for(handler_a)

    for page in ("market:staff_review", "market:staff_stats"):
        assert BATCHES not in client.get(reverse(page)).content.decode()
    assert client.get(reverse("market:staff_batches")).status_code == 403


def test_a_reviewer_is_shown_batches_on_the_review_queue(admin_a, client_for):
    page = client_for(admin_a).get(reverse("market:staff_review")).content.decode()

    assert BATCHES in page
