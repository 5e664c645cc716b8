"""The worker's rating, and the end of an appeal: 满意 / 基本满意 close it, 不满意 reopens it
once, to the supervisor; an answer nobody rates closes by itself after a while."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict
from yunjishi.people.models import User

from .. import conf
from ..models import SOLVED, Appeal, Event, EventKind, Rating, Satisfaction, Status
from ..routing import Responsible
from ..telling import tell_staff
from .clocks import handling_due
from .lifecycle import MAX_REASON, _move, check_choice, check_sender, clean_text

S = Status
AUTO_CLOSE_BATCH = 500


@write_service
def rate(worker: User, appeal: Appeal, satisfaction: str, comment: str = "") -> Appeal:
    """满意 / 基本满意 close the appeal; 不满意 reopens it once, to the supervisor."""
    check_choice("satisfaction", satisfaction, Satisfaction.values)
    comment = clean_text(comment, "comment", required=False, limit=MAX_REASON)
    check_sender(worker, appeal)
    if appeal.status not in SOLVED:
        raise Conflict(_("This appeal is not waiting for a rating."), code="not_rateable")
    reopen = satisfaction == Satisfaction.UNSATISFIED and not appeal.reopened
    now = timezone.now()
    try:
        with transaction.atomic():
            Rating.objects.create(
                appeal=appeal,
                round=2 if appeal.reopened else 1,
                satisfaction=satisfaction,
                comment=comment,
                created_at=now,
            )
    except IntegrityError:
        raise Conflict(_("You have already rated this answer."), code="already_rated") from None
    note = f"{Satisfaction(satisfaction).label}" + (f": {comment}" if comment else "")
    Event.objects.create(appeal=appeal, kind=EventKind.RATED, actor=worker, note=note, at=now)
    if reopen:
        return _reopen(worker, appeal, now)
    return _move(
        appeal,
        S.CLOSED,
        worker,
        EventKind.CLOSED,
        now=now,
        satisfaction=satisfaction,
        closed_at=now,
    )


def _reopen(worker: User, appeal: Appeal, now: dt.datetime) -> Appeal:
    supervisor = appeal.supervisor or appeal.handler
    appeal = _move(
        appeal,
        S.IN_PROGRESS,
        worker,
        EventKind.REOPENED,
        note=_("Reopened for the supervisor."),
        now=now,
        reopened=True,
        handler=supervisor,
        outcome="",
        resolved_at=None,
        handling_seconds=None,
        clock_started_at=now,
        paused_hours=0,
        due_at=handling_due(now, appeal.complexity),
    )
    tell_staff(appeal, Responsible(supervisor, appeal.tracker, None), "reopened")
    return appeal


def close_unrated(now: dt.datetime | None = None) -> int:
    """Close solved appeals nobody rated within ``APPEALS_RATING_DAYS``; returns how many.

    A batch per run (the next run takes the rest), each appeal closed in its own
    transaction (``_close_one``): a close counts the appeal into its tally row, which a
    worker's rating of another appeal locks too, so the sweep holds no lock from one
    appeal to the next. One rated at this very moment is left to its rating.
    """
    now = now or timezone.now()
    waited = list(
        Appeal.objects.filter(
            status__in=SOLVED, resolved_at__lte=now - dt.timedelta(days=conf.rating_days())
        ).order_by("resolved_at", "id")[:AUTO_CLOSE_BATCH]
    )
    closed = 0
    for appeal in waited:
        try:
            _close_one(appeal, now)
        except Conflict:
            continue  # rated at this very moment
        closed += 1
    return closed


@write_service
def _close_one(appeal: Appeal, now: dt.datetime) -> Appeal:
    """One appeal of the sweep, its own transaction: a conflict skips only that appeal."""
    return _move(appeal, S.CLOSED, None, EventKind.AUTO_CLOSED, now=now, closed_at=now)
