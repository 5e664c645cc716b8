"""The appeal lifecycle: 提交 → 受理 → 办理中 → 已办结 / 已解释 → rated → 已关闭.

Every status change goes through ``_move``: one table of allowed moves and who makes
them, one conditional update (two people acting at once cannot both move the appeal: the
second finds the row changed and is told so), one history row. Reassignment, merging,
待补充 (which pauses the clock), rating (不满意 reopens once, to the supervisor) and 督办
are built on it. The pages, the API, the admin and the periodic sweep all call these.
"""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.core.calendar import (
    add_working_hours,
    deadline_text,
    hours_per_day,
    working_hours_between,
)
from yunjishi.core.errors import Conflict, NotAllowed, ServiceError
from yunjishi.notify.services import notify
from yunjishi.orgs.models import Org
from yunjishi.people.models import MemberProfile
from yunjishi.people.scope import orgs_in_scope

from . import conf, queries, similar
from .models import (
    CLOCK_RUNS,
    OPEN,
    SOLVED,
    TERMINAL,
    Appeal,
    Category,
    ClosedTally,
    Complexity,
    Event,
    EventKind,
    Follower,
    Photo,
    Rating,
    Satisfaction,
    Severity,
    Status,
    Supervision,
)
from .photos import check_count, clean_photos
from .routing import Responsible, responsible, route

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
TITLE_LENGTH = (4, 100)
TEXT_LENGTH = (10, 2000)
MAX_NOTE = 2000
MAX_REASON = 500
AUTO_CLOSE_BATCH = 500


# --- Clocks ------------------------------------------------------------------------------


def quiet_until(moment: dt.datetime) -> dt.datetime:
    """When an appeal whose status changed at ``moment`` becomes overdue (超期)."""
    hours = conf.overdue_hours()
    if conf.overdue_clock() == "wall":
        return moment + dt.timedelta(hours=hours)
    return add_working_hours(moment, hours, conf.business_hours())


def _working_days(start: dt.datetime, days: float, extra_hours: float = 0) -> dt.datetime:
    windows = conf.business_hours()
    return add_working_hours(start, days * hours_per_day(windows) + extra_hours, windows)


def accept_due(start: dt.datetime) -> dt.datetime:
    return _working_days(start, conf.accept_days())


def handling_due(start: dt.datetime, complexity: str, paused_hours: float = 0) -> dt.datetime:
    """The handling deadline: working days by complexity, plus the working hours the
    appeal waited for the worker."""
    return _working_days(start, conf.deadline_days(complexity), paused_hours)


def _clock_fields(to: str, now: dt.datetime) -> dict:
    """A status change ends any overdue period; the quiet clock restarts if it runs."""
    return {
        "status_changed_at": now,
        "overdue_since": None,
        "overdue_at": quiet_until(now) if to in CLOCK_RUNS else None,
    }


# --- Who may act -------------------------------------------------------------------------


def is_staff_for(actor, appeal: Appeal, roles=None) -> bool:
    """Staff whose scope holds the appeal; never the sender of it."""
    if actor is None or not actor.is_authenticated or appeal.submitter_id == actor.pk:
        return False
    found = (
        Appeal.objects.changeable_by(actor)
        if roles is None
        else Appeal.objects.managed_by(actor, roles)
    )
    return found.filter(pk=appeal.pk).exists()


def _check_sender(worker, appeal: Appeal) -> None:
    if appeal.submitter_id != worker.pk:
        raise NotAllowed(_("Only the worker who sent this appeal may do this."))


def _check_choice(field: str, value: str, allowed) -> None:
    if value not in allowed:
        raise ValidationError({field: [_("Choose one of the allowed values.")]})


def _as_read(appeal: Appeal):
    """The appeal's row, if nobody changed its status since ``appeal`` was read: a
    conditional update on it that changes no row means someone else got there first."""
    return Appeal.objects.filter(
        pk=appeal.pk, status=appeal.status, status_changed_at=appeal.status_changed_at
    )


def _changed_meanwhile() -> Conflict:
    return Conflict(_("Someone else changed this appeal just now; reload and try again."))


def _check(actor, appeal: Appeal, to: str) -> None:
    who = TRANSITIONS.get((appeal.status, to))
    if who is None:
        raise Conflict(
            _("An appeal that is %(now)s cannot become %(to)s.")
            % {"now": appeal.get_status_display(), "to": Status(to).label},
            code="illegal_transition",
        )
    if actor is None:  # the system: the periodic sweep
        return
    if who == SUBMITTER:
        _check_sender(actor, appeal)
    if who == STAFF and not is_staff_for(actor, appeal):
        raise NotAllowed()


def _move(
    appeal: Appeal,
    to: str,
    actor,
    kind: str,
    *,
    note: str = "",
    internal: bool = False,
    now: dt.datetime | None = None,
    **fields,
) -> Appeal:
    """Move the appeal to ``to`` if nobody moved it meanwhile; write the history row."""
    _check(actor, appeal, to)
    now = now or timezone.now()
    with transaction.atomic():
        if not _as_read(appeal).update(status=to, **_clock_fields(to, now), **fields):
            raise _changed_meanwhile()
        Event.objects.create(
            appeal=appeal,
            kind=kind,
            from_status=appeal.status,
            to_status=to,
            actor=actor,
            note=note,
            internal=internal,
            at=now,
        )
        if to in (*SOLVED, *TERMINAL):
            Supervision.objects.filter(appeal=appeal, closed_at__isnull=True).update(closed_at=now)
        appeal.refresh_from_db()
        if to == S.CLOSED:
            _tally(appeal)
    return appeal


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


def clean_text(value: str, field: str, *, required: bool, limit: int = MAX_NOTE) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: [_("This field is required.")]})
    if len(value) > limit:
        raise ValidationError({field: [_("Keep it under %(n)d characters.") % {"n": limit}]})
    return value


# --- Telling people ----------------------------------------------------------------------


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
        "accept_by": deadline_text(appeal.accept_due_at),
        "due": deadline_text(appeal.due_at),
    }


def _tell_staff(appeal: Appeal, people: Responsible, key: str) -> None:
    """待办: each responsible person hears of the appeal once, in their role's words.

    Never with the sender's name: notices go by e-mail, and anonymity holds there too.
    """
    says = {
        "handler": _("You handle it."),
        "tracker": _("You follow it through as its tracker."),
        "supervisor": _("You oversee it as its supervisor."),
    }
    for role, person in people.with_roles():
        notify(
            person,
            _("New appeal to handle: %(title)s") % message_names(appeal),
            _(
                "Appeal %(number)s (%(category)s) is with %(org)s. %(role)s "
                "To be accepted by %(accept_by)s, handled by %(due)s."
            )
            % {**message_names(appeal), "role": says[role]},
            url=staff_url(appeal),
            kind="appeals.todo",
            dedupe_key=f"appeal:{appeal.pk}:{key}",
        )


def _tell_worker(appeal: Appeal, title: str, body: str = "", *, key: str | None = None) -> None:
    if appeal.submitter is not None:
        notify(
            appeal.submitter,
            title % message_names(appeal),
            body,
            url=worker_url(appeal),
            kind="appeals.worker",
            dedupe_key=key,
        )


def _tell_followers(appeal: Appeal, title: str, key: str) -> None:
    for follower in Follower.objects.filter(appeal=appeal).select_related("user"):
        notify(
            follower.user,
            title % message_names(appeal),
            url=worker_url(appeal),
            kind="appeals.follow",
            dedupe_key=f"appeal:{appeal.pk}:{key}",
        )


# --- Submitting ----------------------------------------------------------------------------


def new_tracking_number(now: dt.datetime) -> str:
    """``SQ`` + local date + six random digits: unguessable, and says nothing of volume."""
    return f"SQ{timezone.localtime(now):%y%m%d}{secrets.randbelow(10**6):06d}"


def default_org(user) -> Org | None:
    profile = MemberProfile.objects.filter(user=user).select_related("org").first()
    return profile.org if profile else None


def _check_draft(user, *, category, title, text, org, severity) -> dict:
    errors: dict[str, list[str]] = {}
    title, text = (title or "").strip(), (text or "").strip()
    if not TITLE_LENGTH[0] <= len(title) <= TITLE_LENGTH[1]:
        errors["title"] = [
            _("Give a title of %(min)d to %(max)d characters.")
            % {"min": TITLE_LENGTH[0], "max": TITLE_LENGTH[1]}
        ]
    if not TEXT_LENGTH[0] <= len(text) <= TEXT_LENGTH[1]:
        errors["text"] = [
            _("Describe it in %(min)d to %(max)d characters.")
            % {"min": TEXT_LENGTH[0], "max": TEXT_LENGTH[1]}
        ]
    if category is None or not category.is_active:
        errors["category"] = [_("Choose a category.")]
    org = org or default_org(user)
    if org is None or not org.is_active:
        errors["org"] = [_("Choose the union this appeal is about.")]
    if severity and severity not in Severity.values:
        errors["severity"] = [_("Choose one of the allowed values.")]
    if errors:
        raise ValidationError(errors)
    return {"title": title, "text": text, "org": org}


def submit(
    user,
    *,
    category: Category | None,
    title: str,
    text: str,
    org: Org | None = None,
    place: str = "",
    severity: str = "",
    anonymous: bool = False,
    photos=(),
) -> Appeal:
    """A worker's appeal: routed, deadlines set, the three responsible people told (待办)."""
    draft = _check_draft(
        user, category=category, title=title, text=text, org=org, severity=severity
    )
    stored_photos = clean_photos(photos)
    severity = severity or category.default_severity
    handling_org, rule = route(draft["org"], category, severity)
    people = responsible(handling_org, exclude_user_id=user.pk)
    now = timezone.now()
    fields = {
        "submitter": user,
        "is_anonymous": bool(anonymous),
        "category": category,
        "severity": severity,
        "title": draft["title"],
        "text": draft["text"],
        "org": draft["org"],
        "place": clean_text(place, "place", required=False, limit=200),
        "terms": similar.index_text(draft["title"], draft["text"]),
        "handling_org": handling_org,
        "routing_rule": rule,
        "handler": people.handler,
        "tracker": people.tracker,
        "supervisor": people.supervisor,
        "submitted_at": now,
        "clock_started_at": now,
        "accept_due_at": accept_due(now),
        "due_at": handling_due(now, Complexity.NORMAL),
        **_clock_fields(S.SUBMITTED, now),
    }
    with transaction.atomic():
        appeal = _create_with_number(fields, now)
        for stored, kind in stored_photos:
            Photo.objects.create(appeal=appeal, file=stored, content_type=kind, size=stored.size)
        Event.objects.create(
            appeal=appeal, kind=EventKind.SUBMITTED, to_status=S.SUBMITTED, actor=user, at=now
        )
        Event.objects.create(
            appeal=appeal,
            kind=EventKind.ROUTED,
            note=_("Handled by %(org)s.") % {"org": handling_org.name},
            at=now,
        )
        _tell_staff(appeal, people, "new")
        _tell_worker(
            appeal,
            _("Appeal received: %(number)s"),
            _("We will accept it by %(accept_by)s and handle it by %(due)s.")
            % message_names(appeal),
            key=f"appeal:{appeal.pk}:received",
        )
    return appeal


def _create_with_number(fields: dict, now: dt.datetime) -> Appeal:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Appeal.objects.create(tracking_number=new_tracking_number(now), **fields)
        except IntegrityError:
            continue  # the same random number the same day: draw again
    raise ServiceError(_("Please try again."), code="busy")


def lock(appeal: Appeal) -> Appeal:
    """The appeal's row, locked to the end of the transaction, as it is now."""
    return Appeal.objects.select_for_update().get(pk=appeal.pk)


def _store_photos(locked: Appeal, stored) -> list[Photo]:
    """Store checked photos on an appeal whose row this transaction has locked: two
    uploads at once are counted one after the other, never both against the old count."""
    check_count(Photo.objects.filter(appeal=locked).count(), len(stored))
    return [
        Photo.objects.create(appeal=locked, file=file, content_type=kind, size=file.size)
        for file, kind in stored
    ]


def add_photos(worker, appeal: Appeal, files) -> list[Photo]:
    """More photos for one's own appeal, until it is accepted."""
    _check_sender(worker, appeal)
    stored = clean_photos(files)
    with transaction.atomic():
        locked = lock(appeal)
        if locked.status not in (S.SUBMITTED, S.NEEDS_INFO):
            raise Conflict(_("Photos can be added only before the appeal is accepted."))
        return _store_photos(locked, stored)


# --- Handling ----------------------------------------------------------------------------


def accept(staff, appeal: Appeal, complexity: str = "") -> Appeal:
    """受理, optionally grading the complexity, which sets the handling deadline."""
    complexity = complexity or appeal.complexity
    _check_choice("complexity", complexity, Complexity.values)
    appeal = _move(
        appeal,
        S.ACCEPTED,
        staff,
        EventKind.ACCEPTED,
        accepted_at=timezone.now(),
        complexity=complexity,
        due_at=handling_due(appeal.clock_started_at, complexity, appeal.paused_hours),
    )
    _tell_worker(
        appeal,
        _("Your appeal was accepted: %(number)s"),
        _("%(org)s handles it, by %(due)s.") % message_names(appeal),
        key=f"appeal:{appeal.pk}:accepted:{appeal.status_changed_at.timestamp()}",
    )
    return appeal


def start(staff, appeal: Appeal) -> Appeal:
    return _move(appeal, S.IN_PROGRESS, staff, EventKind.STARTED)


def set_complexity(staff, appeal: Appeal, complexity: str) -> Appeal:
    """Grade the appeal 一般 / 疑难 / 复杂; the handling deadline follows."""
    _check_choice("complexity", complexity, Complexity.values)
    if appeal.status not in OPEN:
        raise Conflict(_("This appeal is no longer open."), code="not_open")
    if not is_staff_for(staff, appeal):
        raise NotAllowed()
    due = handling_due(appeal.clock_started_at, complexity, appeal.paused_hours)
    with transaction.atomic():
        # The deadline is computed from the clock as read: a reassignment, the worker's
        # answer or a reopening meanwhile restarted it, and wins.
        if not _as_read(appeal).update(complexity=complexity, due_at=due):
            raise _changed_meanwhile()
        Event.objects.create(
            appeal=appeal,
            kind=EventKind.COMPLEXITY,
            actor=staff,
            note=_("%(complexity)s: to be handled by %(due)s.")
            % {"complexity": Complexity(complexity).label, "due": deadline_text(due)},
        )
    appeal.refresh_from_db()
    return appeal


def request_info(staff, appeal: Appeal, question: str) -> Appeal:
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
    _tell_worker(
        appeal,
        _("More information needed: %(number)s"),
        question,
        key=f"appeal:{appeal.pk}:ask:{appeal.status_changed_at.timestamp()}",
    )
    return appeal


def answer_info(worker, appeal: Appeal, text: str, photos=()) -> Appeal:
    """The worker answers; the handling deadline moves on by the working time waited."""
    text = clean_text(text, "text", required=True)
    _check_sender(worker, appeal)
    stored = clean_photos(photos)
    now = timezone.now()
    waited = working_hours_between(appeal.paused_at or now, now, conf.business_hours())
    paused = appeal.paused_hours + waited
    with transaction.atomic():
        appeal = _move(
            appeal,
            S.IN_PROGRESS,
            worker,
            EventKind.INFO_GIVEN,
            note=text,
            now=now,
            paused_at=None,
            paused_hours=paused,
            due_at=handling_due(appeal.clock_started_at, appeal.complexity, paused),
        )
        if stored:
            _store_photos(lock(appeal), stored)
    if appeal.handler is not None:
        notify(
            appeal.handler,
            _("The worker answered: %(number)s") % message_names(appeal),
            _("Now to be handled by %(due)s.") % message_names(appeal),
            url=staff_url(appeal),
            kind="appeals.todo",
            dedupe_key=f"appeal:{appeal.pk}:answered:{now.timestamp()}",
        )
    return appeal


def resolve(staff, appeal: Appeal, answer: str, outcome: str = S.RESOLVED) -> Appeal:
    """已办结 (solved) or 已解释 (explained why it cannot be done): the worker rates it next."""
    _check_choice("outcome", outcome, SOLVED)
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
    _tell_worker(
        appeal,
        _("Your appeal has an answer: %(number)s"),
        answer + "\n\n" + _("Please tell us whether you are satisfied."),
        key=f"appeal:{appeal.pk}:answered:{round_key}",
    )
    _tell_followers(appeal, _("An appeal you follow has an answer: %(title)s"), f"done:{round_key}")
    return appeal


def rate(worker, appeal: Appeal, satisfaction: str, comment: str = "") -> Appeal:
    """满意 / 基本满意 close the appeal; 不满意 reopens it once, to the supervisor."""
    _check_choice("satisfaction", satisfaction, Satisfaction.values)
    comment = clean_text(comment, "comment", required=False, limit=MAX_REASON)
    _check_sender(worker, appeal)
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
            note = f"{Satisfaction(satisfaction).label}" + (f": {comment}" if comment else "")
            Event.objects.create(
                appeal=appeal, kind=EventKind.RATED, actor=worker, note=note, at=now
            )
            if reopen:
                appeal = _reopen(worker, appeal, now)
            else:
                appeal = _move(
                    appeal,
                    S.CLOSED,
                    worker,
                    EventKind.CLOSED,
                    now=now,
                    satisfaction=satisfaction,
                    closed_at=now,
                )
    except IntegrityError:
        raise Conflict(_("You have already rated this answer."), code="already_rated") from None
    return appeal


def _reopen(worker, appeal: Appeal, now: dt.datetime) -> Appeal:
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
    _tell_staff(appeal, Responsible(supervisor, appeal.tracker, None), "reopened")
    return appeal


def close_unrated(now: dt.datetime | None = None) -> int:
    """Close solved appeals nobody rated within ``APPEALS_RATING_DAYS``; returns how many.

    A batch per run (the next run takes the rest); each through ``_move``, so it is safe
    next to a worker rating at the same moment.
    """
    now = now or timezone.now()
    waited = Appeal.objects.filter(
        status__in=SOLVED, resolved_at__lte=now - dt.timedelta(days=conf.rating_days())
    ).order_by("resolved_at", "id")[:AUTO_CLOSE_BATCH]
    closed = 0
    for appeal in waited:
        try:
            _move(appeal, S.CLOSED, None, EventKind.AUTO_CLOSED, now=now, closed_at=now)
        except Conflict:
            continue  # rated at this very moment
        closed += 1
    return closed


# --- Reassigning and merging -------------------------------------------------------------


def may_reassign_to(staff, appeal: Appeal, org: Org) -> bool:
    """Anywhere in the staffer's own scope, or to another unit beside the current one."""
    if not org.is_active or org.pk == appeal.handling_org_id:
        return False
    if orgs_in_scope(staff).filter(pk=org.pk).exists():
        return True
    parent = appeal.handling_org.parent_org()
    return parent is not None and parent.contains(org)


def reassign(staff, appeal: Appeal, org: Org, reason: str) -> Appeal:
    """Hand the appeal to another union or department, with a reason. Its deadlines are
    recomputed from now and the history says so; the new unit's people are told."""
    reason = clean_text(reason, "reason", required=True, limit=MAX_REASON)
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
        "old": deadline_text(appeal.due_at),
        "new": deadline_text(due),
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
    _tell_staff(appeal, people, f"reassigned:{now.timestamp()}")
    return appeal


def merge(staff, duplicate: Appeal, into: Appeal) -> Appeal:
    """Close a duplicate into another open appeal; its sender and followers follow that one."""
    if duplicate.pk == into.pk:
        raise ValidationError({"into": [_("An appeal cannot be merged into itself.")]})
    if not is_staff_for(staff, into):
        raise ValidationError({"into": [_("That appeal is not in your part of the union.")]})
    with transaction.atomic():
        # Both rows locked, in id order: two merges at once (A into B, B into A) take
        # turns, and the second finds its target merged. No chains, no cycles.
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
        people.discard(into.submitter_id)
        Follower.objects.bulk_create(
            [Follower(appeal=into, user_id=pk) for pk in sorted(people)], ignore_conflicts=True
        )
    _tell_worker(
        duplicate,
        _("Your appeal was merged: %(number)s"),
        _("It is handled together with %(other)s, whose progress you now follow.")
        % {"other": into.tracking_number},
        key=f"appeal:{duplicate.pk}:merged",
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
    staff, ids, action: str, *, org: Org | None = None, reason: str = ""
) -> tuple[list[Appeal], list[tuple[Appeal, Exception]]]:
    """Accept, start or reassign (to ``org``, for ``reason``) each of the staffer's appeals
    among ``ids``, in id order; ids outside their scope are left out. Each is its own
    move: one refused (its error returned beside it, for the caller to word) does not
    stop the rest. Returns the appeals done and the ones refused."""
    if action not in BULK_ACTIONS:
        raise ValueError(f"unknown bulk action {action!r}")
    done, refused = [], []
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
