"""Telling people about an appeal: each notice once per person and occasion (its dedupe key
names the appeal and the occasion), written inside the service's transaction and delivered
once it commits (``notify``): a change that rolls back tells nobody.

Never with the sender's name: notices go by e-mail, and anonymity holds there too.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from yunjishi.core.calendar import local_text
from yunjishi.notify.services import notify_many

from .models import Appeal
from .routing import Responsible


def staff_url(appeal: Appeal) -> str:
    return reverse("appeals:staff_detail", args=[appeal.pk])


def worker_url(appeal: Appeal) -> str:
    return reverse("appeals:detail", args=[appeal.pk])


def message_names(appeal: Appeal) -> dict:
    return {
        "number": appeal.tracking_number,
        "title": appeal.title,
        "category": appeal.category.name,
        "org": appeal.handling_org.name,
        "accept_by": local_text(appeal.accept_due_at),
        "due": local_text(appeal.due_at),
    }


def tell(
    people, appeal: Appeal, title: str, body: str = "", *, kind: str, key: str, staff: bool
) -> None:
    """Tell ``people`` (None left out) about ``appeal`` once per ``key``, with a link to
    the staff page or the worker's. ``title`` may name the appeal's fields
    (``message_names``)."""
    notify_many(
        [person for person in people if person is not None],
        title % message_names(appeal),
        body,
        url=staff_url(appeal) if staff else worker_url(appeal),
        kind=kind,
        dedupe_key=f"appeal:{appeal.pk}:{key}",
    )


def tell_staff(appeal: Appeal, people: Responsible, key: str) -> None:
    """待办: each responsible person hears of the appeal once, in their role's words."""
    says = {
        "handler": _("You handle it."),
        "tracker": _("You follow it through as its tracker."),
        "supervisor": _("You oversee it as its supervisor."),
    }
    for role, person in people.with_roles():
        tell(
            [person],
            appeal,
            _("New appeal to handle: %(title)s"),
            _(
                "Appeal %(number)s (%(category)s) is with %(org)s. %(role)s "
                "To be accepted by %(accept_by)s, handled by %(due)s."
            )
            % {**message_names(appeal), "role": says[role]},
            kind="appeals.todo",
            key=key,
            staff=True,
        )


def tell_worker(appeal: Appeal, title: str, body: str = "", *, key: str) -> None:
    """The sender (an anonymous one too: by their account, never by name to anyone)."""
    tell([appeal.submitter], appeal, title, body, kind="appeals.worker", key=key, staff=False)
