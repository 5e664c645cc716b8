"""督办: the supervision group flags an appeal with instructions and a deadline.

It stays on the 督办 board until the appeal is solved or merged (``services._move``
closes it); when its deadline passes, the appeal's people are told once.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.core.calendar import deadline_text
from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.notify.services import notify

from .models import OPEN, SUPERVISOR_ROLES, Appeal, Event, EventKind, Supervision
from .routing import Responsible
from .services import clean_text, is_staff_for, lock, message_names, staff_url

BATCH = 500


def supervise(supervisor, appeal: Appeal, instructions: str, deadline: dt.datetime):
    """督办: flag an open appeal with instructions and a deadline; its people are told."""
    instructions = clean_text(instructions, "instructions", required=True)
    if not is_staff_for(supervisor, appeal, SUPERVISOR_ROLES):
        raise NotAllowed(_("Only a supervisor of this appeal may put it under supervision."))
    if deadline is None or deadline <= timezone.now():
        raise ValidationError({"deadline": [_("Give a deadline in the future.")]})
    try:
        with transaction.atomic():
            # Checked on the locked row: an answer given meanwhile (which closes open
            # supervisions) is either seen here or waits for this one and closes it.
            if lock(appeal).status not in OPEN:
                raise Conflict(_("This appeal is no longer open."), code="not_open")
            supervision = Supervision.objects.create(
                appeal=appeal, by=supervisor, instructions=instructions, deadline=deadline
            )
            Event.objects.create(
                appeal=appeal,
                kind=EventKind.SUPERVISED,
                actor=supervisor,
                note=_("%(instructions)s (by %(deadline)s)")
                % {"instructions": instructions, "deadline": deadline_text(deadline)},
                internal=True,
            )
    except IntegrityError:
        raise Conflict(
            _("This appeal is already under supervision."), code="already_supervised"
        ) from None
    for person in Responsible(appeal.handler, appeal.tracker, None).people():
        notify(
            person,
            _("Supervision (督办): %(title)s") % message_names(appeal),
            _("%(instructions)s Deadline: %(deadline)s.")
            % {"instructions": instructions, "deadline": deadline_text(deadline)},
            url=staff_url(appeal),
            kind="appeals.supervision",
            dedupe_key=f"appeal:{appeal.pk}:supervised:{supervision.pk}",
        )
    return supervision


def remind_supervisions(now: dt.datetime | None = None) -> int:
    """Tell the people of each supervised appeal once when its 督办 deadline passes."""
    now = now or timezone.now()
    due = Supervision.objects.filter(
        closed_at__isnull=True, reminded_at__isnull=True, deadline__lte=now
    ).select_related("appeal__handler", "appeal__tracker", "appeal__category", "by")
    sent = 0
    for supervision in due[:BATCH]:
        appeal = supervision.appeal
        with transaction.atomic():
            if not Supervision.objects.filter(pk=supervision.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            Event.objects.create(
                appeal=appeal, kind=EventKind.SUPERVISION_DUE, internal=True, at=now
            )
            for person in Responsible(appeal.handler, appeal.tracker, supervision.by).people():
                notify(
                    person,
                    _("Supervision deadline passed: %(title)s") % message_names(appeal),
                    supervision.instructions,
                    url=staff_url(appeal),
                    kind="appeals.supervision",
                    dedupe_key=f"appeal:{appeal.pk}:supervision_due:{supervision.pk}",
                )
                sent += 1
    return sent
