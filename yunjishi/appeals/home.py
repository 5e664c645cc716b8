"""Appeals on the homes: the worker's appeals, and the staff workbench with what is due
today or overdue in the staffer's subtrees, the supervision board and the figures."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yunjishi.core.home import ANYONE, STAFF, SUPERVISOR, Entry, end_of_today

from . import queries
from .models import OPEN, SOLVED, SUPERVISOR_ROLES, Appeal, Status, Supervision


def waiting_for_the_worker(user) -> int:
    """The worker's appeals that wait for them: a question to answer, an answer to rate."""
    return Appeal.objects.filter(submitter=user, status__in=(Status.NEEDS_INFO, *SOLVED)).count()


def due_today_or_overdue(user) -> int:
    """Open appeals of the workbench (``queries.staff_scope``: the staffer's subtrees,
    never their own) that are due before midnight, clock running, or already tagged
    overdue (72 hours without a move)."""
    return (
        queries.staff_scope(user)
        .filter(status__in=OPEN)
        .filter(
            Q(paused_at__isnull=True, due_at__lt=end_of_today()) | Q(overdue_since__isnull=False)
        )
        .count()
    )


def open_supervisions(user) -> int:
    """督办 still open on appeals in the supervisor's subtrees."""
    return (
        Supervision.objects.managed_by(user, SUPERVISOR_ROLES)
        .filter(closed_at__isnull=True)
        .count()
    )


worker_entries = [
    Entry(
        title=_("Appeals"),
        text=_("Tell the union what you need"),
        url="appeals:home",
        roles={ANYONE},
        count=waiting_for_the_worker,
        count_text=_("%(count)d waiting for me"),
        order=30,
    ),
]

staff_entries = [
    Entry(
        title=_("Appeals workbench"),
        text=_("To do, in progress, overdue, supervised"),
        url="appeals:staff_home",
        roles=STAFF,
        count=due_today_or_overdue,
        count_text=_("%(count)d due today or overdue"),
        order=10,
    ),
    Entry(
        title=_("Supervision board"),
        text=_("Supervised, overdue and reopened appeals"),
        url="appeals:staff_board",
        roles={SUPERVISOR},
        count=open_supervisions,
        count_text=_("%(count)d under supervision"),
        order=11,
    ),
    Entry(
        title=_("Appeal figures"),
        text=_("Completion rate and satisfaction"),
        url="appeals:staff_stats",
        roles=STAFF,
        order=12,
    ),
]
