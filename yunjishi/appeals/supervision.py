"""督办: the supervision group flags an appeal with instructions and a deadline.

It stays on the 督办 board until the appeal is solved or merged (the lifecycle's move
closes it, ``services.lifecycle``); when its deadline passes, the appeal's people are told
once.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.core.calendar import local_text
from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict, NotAllowed

from .models import OPEN, SUPERVISOR_ROLES, Appeal, Event, EventKind, Supervision
from .routing import Responsible
from .services import clean_text, is_staff_for, lock
from .telling import tell

BATCH = 500


@write_service
def supervise(supervisor, appeal: Appeal, instructions: str, deadline: dt.datetime):
    """督办: flag an open appeal with instructions and a deadline; its people are told."""
    instructions = clean_text(instructions, "instructions", required=True)
    if not is_staff_for(supervisor, appeal, SUPERVISOR_ROLES):
        raise NotAllowed(_("Only a supervisor of this appeal may put it under supervision."))
    if deadline is None or deadline <= timezone.now():
        raise ValidationError({"deadline": [_("Give a deadline in the future.")]})
    # Checked on the locked row: an answer given meanwhile (which closes open
    # supervisions) is either seen here or waits for this one and closes it.
    if lock(appeal).status not in OPEN:
        raise Conflict(_("This appeal is no longer open."), code="not_open")
    try:
        with transaction.atomic():
            supervision = Supervision.objects.create(
                appeal=appeal, by=supervisor, instructions=instructions, deadline=deadline
            )
    except IntegrityError:
        raise Conflict(
            _("This appeal is already under supervision."), code="already_supervised"
        ) from None
    Event.objects.create(
        appeal=appeal,
        kind=EventKind.SUPERVISED,
        actor=supervisor,
        note=_("%(instructions)s (by %(deadline)s)")
        % {"instructions": instructions, "deadline": local_text(deadline)},
        internal=True,
    )
    tell(
        Responsible(appeal.handler, appeal.tracker, None).people(),
        appeal,
        _("Supervision (督办): %(title)s"),
        _("%(instructions)s Deadline: %(deadline)s.")
        % {"instructions": instructions, "deadline": local_text(deadline)},
        kind="appeals.supervision",
        key=f"supervised:{supervision.pk}",
        staff=True,
    )
    return supervision


def remind_supervisions(now: dt.datetime | None = None) -> int:
    """Tell the people of each supervised appeal once when its 督办 deadline passes;
    returns how many notices were written. A batch per run, each supervision in its own
    transaction (``_remind_one``), so the sweep holds no lock from one to the next."""
    now = now or timezone.now()
    due = Supervision.objects.filter(
        closed_at__isnull=True, reminded_at__isnull=True, deadline__lte=now
    ).select_related(
        "appeal__handler",
        "appeal__tracker",
        "appeal__category",
        "appeal__handling_org",  # the notice names it (``telling.message_names``)
        "by",
    )
    sent = 0
    for supervision in list(due[:BATCH]):
        sent += _remind_one(supervision, now)
    return sent


@write_service
def _remind_one(supervision: Supervision, now: dt.datetime) -> int:
    """One supervision of the sweep, its own transaction: how many people were told
    (0 if another run reminded them meanwhile)."""
    if not Supervision.objects.filter(pk=supervision.pk, reminded_at__isnull=True).update(
        reminded_at=now
    ):
        return 0
    appeal = supervision.appeal
    Event.objects.create(appeal=appeal, kind=EventKind.SUPERVISION_DUE, internal=True, at=now)
    people = Responsible(appeal.handler, appeal.tracker, supervision.by).people()
    tell(
        people,
        appeal,
        _("Supervision deadline passed: %(title)s"),
        supervision.instructions,
        kind="appeals.supervision",
        key=f"supervision_due:{supervision.pk}",
        staff=True,
    )
    return len(people)
