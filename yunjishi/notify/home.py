"""The inbox on the worker home, with what is unread."""

from django.utils.translation import gettext_lazy as _

from yunjishi.core.home import WORKER, Entry

from .services import unread_count

worker_entries = [
    Entry(
        title=_("Inbox"),
        text=_("Notices from the union"),
        url="notify:inbox",
        roles={WORKER},
        count=unread_count,
        count_text=_("%(count)d unread"),
        order=70,
    ),
]

staff_entries: list[Entry] = []
