"""受理 → 办理中 → 已办结 / 已解释: what staff do with an appeal, and the worker's answer
when they are asked for more (待补充, which pauses the clock). Reassignment and merging too,
and the workbench's moves on several appeals at once."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.core.calendar import local_text, working_hours_between
from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict, NotAllowed, ServiceError
from yunjishi.orgs.models import Org
from yunjishi.people.models import User
from yunjishi.people.scope import orgs_in_scope

from .. import conf, queries
from ..models import OPEN, SOLVED, TERMINAL, Appeal, Complexity, Event, EventKind, Follower, Status
from ..photos import clean_photos
from ..routing import responsible
from ..telling import message_names, tell, tell_staff, tell_worker
from .clocks import accept_due, handling_due
from .lifecycle import (
    MAX_REASON,
    _move,
    as_read,
    changed_meanwhile,
    check_choice,
    check_sender,
    clean_text,
    is_staff_for,
    lock,
)
from .submitting import _store_photos

S = Status


@write_service
def accept(staff: User, appeal: Appeal, complexity: str = "") -> Appeal:
    """受理, optionally grading the complexity, which sets the handling deadline."""
    complexity = complexity or appeal.complexity
    check_choice("complexity", complexity, Complexity.values)
    appeal = _move(
        appeal,
        S.ACCEPTED,
        staff,
        EventKind.ACCEPTED,
        accepted_at=timezone.now(),
        complexity=complexity,
        due_at=handling_due(appeal.clock_started_at, complexity, appeal.paused_hours),
    )
    tell_worker(
        appeal,
        _("Your appeal was accepted: %(number)s"),
        _("%(org)s handles it, by %(due)s.") % message_names(appeal),
        key=f"accepted:{appeal.status_changed_at.timestamp()}",
    )
    return appeal


@write_service
def start(staff: User, appeal: Appeal) -> Appeal:
    return _move(appeal, S.IN_PROGRESS, staff, EventKind.STARTED)


@write_service
def set_complexity(staff: User, appeal: Appeal, complexity: str) -> Appeal:
    """Grade the appeal 一般 / 疑难 / 复杂; the handling deadline follows."""
    check_choice("complexity", complexity, Complexity.values)
    if appeal.status not in OPEN:
        raise Conflict(_("This appeal is no longer open."), code="not_open")
    if not is_staff_for(staff, appeal):
        raise NotAllowed()
    due = handling_due(appeal.clock_started_at, complexity, appeal.paused_hours)
    # Not a move: the deadline is computed from the clock as read, so a reassignment, the
    # worker's answer or a reopening meanwhile (each restarts the clock) wins.
    if not as_read(appeal).update(complexity=complexity, due_at=due):
        raise changed_meanwhile()
    Event.objects.create(
        appeal=appeal,
        kind=EventKind.COMPLEXITY,
        actor=staff,
        note=_("%(complexity)s: to be handled by %(due)s.")
        % {"complexity": Complexity(complexity).label, "due": local_text(due)},
    )
    appeal.refresh_from_db()
    return appeal


@write_service
def request_info(staff: User, appeal: Appeal, question: str) -> Appeal:
    """待补充: ask the worker; the handling clock stops until they answer."""
    question = clean_text(question, "question", required=True)
    appeal = _move(
        appeal,
        S.NEEDS_INFO,
        staff,
        EventKind.INFO_REQUESTED,
        note=question,
        paused_at=timezone.now(),
    )
    tell_worker(
        appeal,
        _("More information needed: %(number)s"),
        question,
        key=f"ask:{appeal.status_changed_at.timestamp()}",
    )
    return appeal


def answer_info(worker: User, appeal: Appeal, text: str, photos=()) -> Appeal:
    """The worker answers; the handling deadline moves on by the working time waited.

    The photos are read and stripped, and the deadline computed from the appeal as read,
    here, outside the transaction; ``_give_info`` moves the appeal only if nobody moved it
    since (the lifecycle's token), so the deadline it writes is never computed from a
    stale clock."""
    text = clean_text(text, "text", required=True)
    check_sender(worker, appeal)
    stored = clean_photos(photos)
    now = timezone.now()
    waited = working_hours_between(appeal.paused_at or now, now, conf.business_hours())
    paused = appeal.paused_hours + waited
    due = handling_due(appeal.clock_started_at, appeal.complexity, paused)
    return _give_info(worker, appeal, text, stored, now=now, paused=paused, due=due)


@write_service
def _give_info(
    worker: User,
    appeal: Appeal,
    text: str,
    stored,
    *,
    now: dt.datetime,
    paused: float,
    due: dt.datetime,
) -> Appeal:
    appeal = _move(
        appeal,
        S.IN_PROGRESS,
        worker,
        EventKind.INFO_GIVEN,
        note=text,
        now=now,
        paused_at=None,
        paused_hours=paused,
        due_at=due,
    )
    if stored:
        _store_photos(lock(appeal), stored)
    tell(
        [appeal.handler],
        appeal,
        _("The worker answered: %(number)s"),
        _("Now to be handled by %(due)s.") % message_names(appeal),
        kind="appeals.todo",
        key=f"answered:{now.timestamp()}",
        staff=True,
    )
    return appeal


@write_service
def resolve(staff: User, appeal: Appeal, answer: str, outcome: str = S.RESOLVED) -> Appeal:
    """已办结 (solved) or 已解释 (explained why it cannot be done): the worker rates it next."""
    check_choice("outcome", outcome, SOLVED)
    answer = clean_text(answer, "answer", required=True)
    now = timezone.now()
    appeal = _move(
        appeal,
        outcome,
        staff,
        EventKind.RESOLVED if outcome == S.RESOLVED else EventKind.EXPLAINED,
        note=answer,
        now=now,
        outcome=outcome,
        answer=answer,
        resolved_at=now,
        handling_seconds=max(0, int((now - appeal.submitted_at).total_seconds())),
    )
    round_key = 2 if appeal.reopened else 1
    tell_worker(
        appeal,
        _("Your appeal has an answer: %(number)s"),
        answer + "\n\n" + _("Please tell us whether you are satisfied."),
        key=f"answered:{round_key}",
    )
    tell(
        [
            follower.user
            for follower in Follower.objects.filter(appeal=appeal).select_related("user")
        ],
        appeal,
        _("An appeal you follow has an answer: %(title)s"),
        kind="appeals.follow",
        key=f"done:{round_key}",
        staff=False,
    )
    return appeal


# --- Reassigning and merging -------------------------------------------------------------


def may_reassign_to(staff: User, appeal: Appeal, org: Org) -> bool:
    """Anywhere in the staffer's own scope, or to another unit beside the current one."""
    if not org.is_active or org.pk == appeal.handling_org_id:
        return False
    if orgs_in_scope(staff).filter(pk=org.pk).exists():
        return True
    parent = appeal.handling_org.parent_org()
    return parent is not None and parent.contains(org)


@write_service
def reassign(staff: User, appeal: Appeal, org: Org | None, reason: str) -> Appeal:
    """Hand the appeal to another union or department, with a reason. Its deadlines are
    recomputed from now and the history says so; the new unit's people are told."""
    reason = clean_text(reason, "reason", required=True, limit=MAX_REASON)
    if org is None:
        raise ValidationError({"org": [_("Choose where to hand them.")]})
    if not may_reassign_to(staff, appeal, org):
        raise ValidationError({"org": [_("You cannot hand this appeal to that union.")]})
    now = timezone.now()
    people = responsible(org, exclude_user_id=appeal.submitter_id)
    due = handling_due(now, appeal.complexity)
    note = _(
        "From %(from)s to %(to)s. Reason: %(reason)s. Deadline moved from %(old)s to %(new)s."
    ) % {
        "from": appeal.handling_org.name,
        "to": org.name,
        "reason": reason,
        "old": local_text(appeal.due_at),
        "new": local_text(due),
    }
    appeal = _move(
        appeal,
        S.SUBMITTED,
        staff,
        EventKind.REASSIGNED,
        note=note,
        now=now,
        handling_org=org,
        routing_rule=None,
        handler=people.handler,
        tracker=people.tracker,
        supervisor=people.supervisor,
        accepted_at=None,
        clock_started_at=now,
        paused_hours=0,
        accept_due_at=accept_due(now),
        due_at=due,
    )
    tell_staff(appeal, people, f"reassigned:{now.timestamp()}")
    return appeal


@write_service
def merge(staff: User, duplicate: Appeal, into: Appeal) -> Appeal:
    """Close a duplicate into another open appeal; its sender and followers follow that one."""
    if duplicate.pk == into.pk:
        raise ValidationError({"into": [_("An appeal cannot be merged into itself.")]})
    if not is_staff_for(staff, into):
        raise ValidationError({"into": [_("That appeal is not in your part of the union.")]})
    # Both rows locked, in id order: two merges at once (A into B, B into A) take turns,
    # and the second finds its target merged. No chains, no cycles.
    rows = Appeal.objects.select_for_update().filter(pk__in=(duplicate.pk, into.pk))
    into = {row.pk: row for row in rows.order_by("pk")}[into.pk]
    if into.status in TERMINAL or into.merged_into_id:
        raise ValidationError({"into": [_("Merge into an appeal that is still open.")]})
    duplicate = _move(
        duplicate,
        S.MERGED,
        staff,
        EventKind.MERGED,
        note=_("Merged into %(number)s.") % {"number": into.tracking_number},
        merged_into=into,
    )
    Event.objects.create(
        appeal=into,
        kind=EventKind.MERGED_IN,
        actor=staff,
        note=_("%(number)s was merged in.") % {"number": duplicate.tracking_number},
    )
    people = {f.user_id for f in Follower.objects.filter(appeal=duplicate)}
    if duplicate.submitter_id:
        people.add(duplicate.submitter_id)
    if into.submitter_id:
        people.discard(into.submitter_id)
    Follower.objects.bulk_create(
        [Follower(appeal=into, user_id=pk) for pk in sorted(people)], ignore_conflicts=True
    )
    tell_worker(
        duplicate,
        _("Your appeal was merged: %(number)s"),
        _("It is handled together with %(other)s, whose progress you now follow.")
        % {"other": into.tracking_number},
        key="merged",
    )
    return duplicate


# --- Several at once -----------------------------------------------------------------------

# The moves the workbench offers for several appeals at once: name → what the page calls it.
BULK_ACTIONS = {
    "accept": gettext_lazy("Accept"),
    "start": gettext_lazy("Start handling"),
    "reassign": gettext_lazy("Hand over"),
}


def act_on_many(
    staff: User, ids, action: str, *, org: Org | None = None, reason: str = ""
) -> tuple[list[Appeal], list[tuple[Appeal, ServiceError | ValidationError]]]:
    """Accept, start or reassign (to ``org``, for ``reason``) each of the staffer's appeals
    among ``ids``, in id order; ids outside their scope are left out. Each is its own
    write service, so its own transaction: one refused (its error returned beside it, for
    the caller to word) does not stop or undo the rest. Returns the appeals done and the
    ones refused."""
    if action not in BULK_ACTIONS:
        raise ValueError(f"unknown bulk action {action!r}")
    done: list[Appeal] = []
    refused: list[tuple[Appeal, ServiceError | ValidationError]] = []
    for appeal in queries.staff_appeals(staff).filter(pk__in=ids).order_by("pk"):
        try:
            if action == "accept":
                accept(staff, appeal)
            elif action == "start":
                start(staff, appeal)
            else:
                reassign(staff, appeal, org, reason)
        except (ServiceError, ValidationError) as error:
            refused.append((appeal, error))
        else:
            done.append(appeal)
    return done, refused
