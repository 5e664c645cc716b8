"""The worker home's inbox entry counts the person's unread notices, nobody else's."""

from django.urls import reverse

from yunjishi.notify import home
from yunjishi.notify.models import Notification


def test_the_inbox_entry_counts_unread_notices_of_this_person_only(
    worker, other_worker, client_for
):
    for title in ("一", "二"):
        Notification.objects.create(user=worker, title=title)
    Notification.objects.create(user=other_worker, title="三")

    (entry,) = home.worker_entries
    assert entry.count(worker) == 2
    page = client_for(worker).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 unread" in page
