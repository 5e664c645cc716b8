"""Read-side helpers shared by the pages, the API and the export: who sees which appeals,
the workbench queues and filters, and the history as each viewer may read it."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yunjishi.orgs.models import Org
from yunjishi.people.scope import ALL_STAFF_ROLES

from . import identity
from .models import OPEN, SOLVED, Appeal, Event, EventKind, Follower, Status, Supervision

S = Status


def open_supervision():
    return Exists(Supervision.objects.filter(appeal=OuterRef("pk"), closed_at__isnull=True))


def follower_count():
    """How many follow each appeal, as a subquery: no join, so no duplicate rows."""
    counted = (
        Follower.objects.filter(appeal=OuterRef("pk"))
        .order_by()
        .values("appeal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


QUEUES = {
    "todo": (_("To do"), Q(status=S.SUBMITTED)),
    "in_progress": (
        _("In progress"),
        Q(status__in=(S.ACCEPTED, S.IN_PROGRESS, S.NEEDS_INFO)),
    ),
    "overdue": (pgettext_lazy("appeal", "Overdue"), Q(overdue_since__isnull=False)),
    "supervised": (_("Under supervision"), Q(under_supervision=True)),
    "solved": (_("Solved"), Q(status__in=(*SOLVED, S.CLOSED))),
    "all": (_("All"), Q()),
}


def staff_scope(user):
    """Appeals handled in the staffer's subtrees, never their own: the workbench's lists
    (``staff_appeals``) and the staff home's count (``appeals.home``) both start here."""
    return Appeal.objects.managed_by(user, ALL_STAFF_ROLES).exclude(submitter=user)


def staff_appeals(user):
    """``staff_scope`` with what the lists show of each appeal."""
    return (
        staff_scope(user)
        .annotate(under_supervision=open_supervision(), follower_count=follower_count())
        .select_related(
            "category", "org", "handling_org", "handler", "tracker", "supervisor", "submitter"
        )
    )


def queue(user, name: str, *, status="", category=None, org=None, text="", overdue=False):
    label, condition = QUEUES.get(name, QUEUES["todo"])
    found = staff_appeals(user).filter(condition)
    if status in Status.values:
        found = found.filter(status=status)
    if category is not None:
        found = found.filter(category=category)
    if org is not None:
        found = found.filter(handling_org__in=Org.objects.subtree(org).values("pk"))
    if overdue:
        found = found.filter(overdue_since__isnull=False)
    text = (text or "").strip()
    if text:
        found = found.filter(Q(tracking_number=text.upper()) | Q(title__contains=text))
    return found.order_by("-overdue_since", "due_at", "id") if name != "solved" else found


def reopened(user):
    """The supervisor board: reopened after an unsatisfied rating, still open."""
    return staff_appeals(user).filter(reopened=True, status__in=OPEN).order_by("due_at", "id")


def past_due(user):
    """The supervisor board: open appeals past their handling deadline, clock running."""
    return (
        staff_appeals(user)
        .filter(status__in=OPEN, paused_at__isnull=True, due_at__lt=timezone.now())
        .order_by("due_at", "id")
    )


def queue_counts(user) -> dict[str, int]:
    found = staff_appeals(user)
    return {name: found.filter(condition).count() for name, (_label, condition) in QUEUES.items()}


def own_appeals(user):
    return Appeal.objects.filter(submitter=user).select_related("category", "handling_org")


def followed_appeals(user):
    return Appeal.objects.filter(
        pk__in=Follower.objects.filter(user=user).values("appeal_id")
    ).select_related("category", "handling_org")


def worker_appeals(user):
    """The worker's own appeals and the ones they follow."""
    return (
        Appeal.objects.filter(
            Q(submitter=user) | Q(pk__in=Follower.objects.filter(user=user).values("appeal_id"))
        )
        .annotate(follower_count=follower_count())
        .select_related("category", "org", "handling_org")
    )


# What a follower reads of someone else's appeal: the outcome, not the sender's words.
FOLLOWER_NOTES = {EventKind.RESOLVED, EventKind.EXPLAINED}


def public_events() -> Prefetch:
    """The lines of history a worker may read, for a list of appeals at once (``timeline``
    reads them from ``appeal.public_events``)."""
    return Prefetch(
        "events",
        queryset=Event.objects.filter(internal=False).select_related("actor"),
        to_attr="public_events",
    )


def timeline(appeal: Appeal, viewer, *, staff: bool) -> list[dict]:
    """The appeal's history for ``viewer``, oldest first: the steps of ``_timeline.html``."""
    events = None if staff else getattr(appeal, "public_events", None)
    if events is None:
        events = Event.objects.filter(appeal=appeal).select_related("actor")
        if not staff:
            events = events.filter(internal=False)
    follower = not staff and appeal.submitter_id != getattr(viewer, "pk", None)
    lines = []
    for event in events:
        note = event.note
        if follower and event.kind not in FOLLOWER_NOTES:
            note = ""
        to_label = str(Status(event.to_status).label) if event.to_status else ""
        lines.append(
            {
                "at": event.at,
                "kind": event.kind,
                "label": str(event.get_kind_display()),
                "who": identity.actor_label(event, appeal, viewer, staff=staff),
                "to_status": event.to_status,
                "to_label": to_label,
                "tag": to_label,  # the page shows the status it left the appeal in
                "note": note,
                "internal": event.internal,
            }
        )
    return lines
