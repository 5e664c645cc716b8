"""The appeal lifecycle: 提交 → 受理 → 办理中 → 已办结 / 已解释 → rated → 已关闭.

Every status change goes through ``_move``, on ``APPEAL_LIFECYCLE`` (``core.transitions``):
one table of allowed moves and who makes them, one conditional update on the status and
``status_changed_at`` (two people acting at once cannot both move the appeal, and a
reassignment, which keeps the status, still changes the token), one history row. The
clocks restart with every move; a solved appeal's 督办 ends; a closed one is counted.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.core.transitions import Lifecycle
from yunjishi.people.models import User
from yunjishi.people.scope import Person

from ..models import SOLVED, TERMINAL, Appeal, ClosedTally, Event, Satisfaction, Status, Supervision
from .clocks import clock_fields

S = Status
STAFF, SUBMITTER, SYSTEM = "staff", "submitter", "system"
# (from, to): who may make the move
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SUBMITTED, S.ACCEPTED): STAFF,
    (S.ACCEPTED, S.IN_PROGRESS): STAFF,
    (S.ACCEPTED, S.NEEDS_INFO): STAFF,
    (S.IN_PROGRESS, S.NEEDS_INFO): STAFF,
    (S.NEEDS_INFO, S.IN_PROGRESS): SUBMITTER,  # the worker answers; the clock restarts
    (S.ACCEPTED, S.RESOLVED): STAFF,
    (S.ACCEPTED, S.EXPLAINED): STAFF,
    (S.IN_PROGRESS, S.RESOLVED): STAFF,
    (S.IN_PROGRESS, S.EXPLAINED): STAFF,
    (S.RESOLVED, S.CLOSED): SUBMITTER,  # by rating it, or the system when nobody does
    (S.EXPLAINED, S.CLOSED): SUBMITTER,
    (S.RESOLVED, S.IN_PROGRESS): SUBMITTER,  # 不满意, once: reopened to the supervisor
    (S.EXPLAINED, S.IN_PROGRESS): SUBMITTER,
    # Reassignment: the new unit accepts it afresh.
    (S.SUBMITTED, S.SUBMITTED): STAFF,
    (S.ACCEPTED, S.SUBMITTED): STAFF,
    (S.IN_PROGRESS, S.SUBMITTED): STAFF,
    # Merging a duplicate into another appeal.
    (S.SUBMITTED, S.MERGED): STAFF,
    (S.ACCEPTED, S.MERGED): STAFF,
    (S.IN_PROGRESS, S.MERGED): STAFF,
    (S.NEEDS_INFO, S.MERGED): STAFF,
}

APPEAL_LIFECYCLE = Lifecycle(
    model=Appeal,
    moves=TRANSITIONS,
    history=Event,
    subject="appeal",
    illegal=gettext_lazy("An appeal that is %(now)s cannot become %(to)s."),
    changed=gettext_lazy("Someone else changed this appeal just now; reload and try again."),
)
MAX_NOTE = 2000
MAX_REASON = 500


# --- Who may act, and what they say ----------------------------------------------------------


def is_staff_for(actor: Person | None, appeal: Appeal, roles=None) -> bool:
    """Staff whose scope holds the appeal; never the sender of it."""
    if actor is None or not actor.is_authenticated or appeal.submitter_id == actor.pk:
        return False
    found = (
        Appeal.objects.changeable_by(actor)
        if roles is None
        else Appeal.objects.managed_by(actor, roles)
    )
    return found.filter(pk=appeal.pk).exists()


def check_sender(worker: User, appeal: Appeal) -> None:
    if appeal.submitter_id != worker.pk:
        raise NotAllowed(_("Only the worker who sent this appeal may do this."))


def check_choice(field: str, value: str, allowed) -> None:
    if value not in allowed:
        raise ValidationError({field: [_("Choose one of the allowed values.")]})


def clean_text(value: str, field: str, *, required: bool, limit: int = MAX_NOTE) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: [_("This field is required.")]})
    if len(value) > limit:
        raise ValidationError({field: [_("Keep it under %(n)d characters.") % {"n": limit}]})
    return value


def _check_actor(actor: User | None, appeal: Appeal, who: str) -> None:
    if actor is None:  # the system: the periodic sweep
        return
    if who == SUBMITTER:
        check_sender(actor, appeal)
    if who == STAFF and not is_staff_for(actor, appeal):
        raise NotAllowed()


# --- The move --------------------------------------------------------------------------------


def lock(appeal: Appeal) -> Appeal:
    """The appeal's row, locked to the end of the transaction, as it is now."""
    return Appeal.objects.select_for_update().get(pk=appeal.pk)


def as_read(appeal: Appeal):
    """The appeal's row, if nobody moved it since ``appeal`` was read (the lifecycle's
    token): for a change that is not a move, such as its complexity."""
    return Appeal.objects.filter(
        pk=appeal.pk, status=appeal.status, status_changed_at=appeal.status_changed_at
    )


def changed_meanwhile() -> Conflict:
    return Conflict(str(APPEAL_LIFECYCLE.changed), code="changed")


def _move(
    appeal: Appeal,
    to: str,
    actor: User | None,
    kind: str,
    *,
    note: str = "",
    internal: bool = False,
    now: dt.datetime | None = None,
    **fields,
) -> Appeal:
    """Move the appeal to ``to`` if nobody moved it meanwhile; write the history row.

    Runs inside the caller's write service (``core.db.write_service``)."""
    _check_actor(actor, appeal, APPEAL_LIFECYCLE.rule(appeal, to))
    now = now or timezone.now()

    def settle(moved: Appeal) -> None:
        if to in (*SOLVED, *TERMINAL):
            Supervision.objects.filter(appeal=moved, closed_at__isnull=True).update(closed_at=now)
        if to == S.CLOSED:
            _tally(moved)

    return APPEAL_LIFECYCLE.move(
        appeal,
        to,
        actor=actor,
        guard={"status_changed_at": appeal.status_changed_at},
        record={"kind": kind, "note": note, "internal": internal, "at": now},
        after=settle,
        **clock_fields(to, now),
        **fields,
    )


def _tally(appeal: Appeal) -> None:
    """Count a closed appeal into its tally row (created on first use)."""
    year = timezone.localtime(appeal.submitted_at).year
    key = {"org_id": appeal.handling_org_id, "category_id": appeal.category_id, "year": year}
    handled = appeal.handling_seconds is not None
    increments = {
        "closed": F("closed") + 1,
        "ever_overdue": F("ever_overdue") + (1 if appeal.overdue_periods else 0),
        "handled": F("handled") + (1 if handled else 0),
        "handling_seconds": F("handling_seconds") + (appeal.handling_seconds or 0),
        "satisfied": F("satisfied") + int(appeal.satisfaction == Satisfaction.SATISFIED),
        "basic": F("basic") + int(appeal.satisfaction == Satisfaction.BASIC),
        "unsatisfied": F("unsatisfied") + int(appeal.satisfaction == Satisfaction.UNSATISFIED),
    }
    if ClosedTally.objects.filter(**key).update(**increments):
        return
    try:
        with transaction.atomic():
            ClosedTally.objects.create(**key)
    except IntegrityError:
        pass  # created by someone closing another appeal at this moment
    ClosedTally.objects.filter(**key).update(**increments)
