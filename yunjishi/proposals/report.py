"""The duty report (履职报告) of a representative for any period, read from the logs.

Counts come from the history rows (a proposal counts as accepted in the period in which
its 立案 event happened), visits from their dates; nothing is kept by hand.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.core.calendar import SHANGHAI

from .models import (
    ContactVisit,
    FollowUp,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    Suggestion,
    SuggestionEvent,
    SuggestionStatus,
)

S = ProposalStatus
MAX_DAYS = 366 * 5
FIRST_DAY = dt.date(2000, 1, 1)


def this_year() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return today.replace(month=1, day=1), today


def check_period(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    errors: dict = {}
    if start is None:
        errors["start"] = [_("Give the first day of the period.")]
    if end is None:
        errors["end"] = [_("Give the last day of the period.")]
    if errors:
        raise ValidationError(errors)
    # Days the database can hold as times, with room for the hours of Beijing time.
    last_day = dt.date(timezone.localdate().year + 1, 12, 31)
    outside = _("Choose days between %(first)s and %(last)s.") % {
        "first": FIRST_DAY.isoformat(),
        "last": last_day.isoformat(),
    }
    if not FIRST_DAY <= start <= last_day:
        errors["start"] = [outside]
    if not FIRST_DAY <= end <= last_day:
        errors["end"] = [outside]
    if not errors and end < start:
        errors["end"] = [_("The last day comes before the first day.")]
    elif not errors and (end - start).days > MAX_DAYS:
        errors["end"] = [_("Choose a period of at most five years.")]
    if errors:
        raise ValidationError(errors)
    return start, end


def bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Beijing midnight at the start of ``start`` and after ``end``, as aware datetimes."""
    low = dt.datetime.combine(start, dt.time.min, tzinfo=SHANGHAI)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=SHANGHAI)
    return low, high


def duty_report(representative, start: dt.date | None, end: dt.date | None) -> dict:
    start, end = check_period(start, end)
    low, high = bounds(start, end)
    proposal_events = ProposalEvent.objects.filter(
        proposal__representative=representative, at__gte=low, at__lt=high
    )
    moves = dict(
        proposal_events.values_list("to_status")
        .annotate(n=Count("id"))
        .values_list("to_status", "n")
    )
    suggestion_events = SuggestionEvent.objects.filter(
        suggestion__representative=representative, at__gte=low, at__lt=high
    )
    suggestions_submitted = suggestion_events.filter(
        to_status=SuggestionStatus.SUBMITTED, suggestion__source_proposal__isnull=True
    ).count()
    suggestions_resolved = suggestion_events.filter(to_status=SuggestionStatus.RESOLVED).count()
    visits = ContactVisit.objects.filter(
        representative=representative, visited_on__gte=start, visited_on__lte=end
    )
    follow_ups_done = ContactVisit.objects.filter(
        representative=representative,
        follow_up_status=FollowUp.DONE,
        followed_up_at__gte=low,
        followed_up_at__lt=high,
    ).count()

    in_period = Prefetch(
        "events", queryset=ProposalEvent.objects.filter(at__gte=low, at__lt=high), to_attr="done"
    )
    proposals = (
        Proposal.objects.filter(pk__in=proposal_events.values("proposal"))
        .select_related("org", "handling_org")
        .prefetch_related(in_period)
        .order_by("submitted_at", "id")
    )
    suggestions = (
        Suggestion.objects.filter(pk__in=suggestion_events.values("suggestion"))
        .select_related("org")
        .order_by("submitted_at", "id")
    )
    counts = {
        "proposals_submitted": moves.get(S.SUBMITTED, 0),
        "proposals_accepted": moves.get(S.ACCEPTED, 0),
        "proposals_converted": moves.get(S.CONVERTED, 0),
        "proposals_declined": moves.get(S.DECLINED, 0),
        "proposals_closed": moves.get(S.CLOSED, 0),
        "suggestions_submitted": suggestions_submitted,
        "suggestions_resolved": suggestions_resolved,
        "visits": visits.count(),
        "follow_ups_done": follow_ups_done,
    }
    return {
        "start": start,
        "end": end,
        "representative": representative,
        "name": _name(representative),
        "counts": counts,
        "proposals": [_proposal_item(p) for p in proposals],
        "suggestions": [_suggestion_item(s) for s in suggestions],
        "visits": [_visit_item(v) for v in visits.order_by("visited_on", "id")],
    }


def _name(user) -> str:
    profile = getattr(user, "member_profile", None)
    return (profile.real_name if profile else "") or user.display_name or str(user)


def outcome(proposal: Proposal) -> str:
    """Where a proposal stands, in one line."""
    if proposal.status == S.CLOSED:
        return _("Closed; the representative rated the answer: %(rating)s") % {
            "rating": proposal.get_rating_display()
        }
    if proposal.status == S.DECLINED:
        return _("Not accepted: %(reason)s") % {"reason": proposal.decision_note}
    if proposal.status == S.CONVERTED:
        return _("Converted to a suggestion")
    if proposal.status in (S.HANDLING, S.SUPERVISION, S.FEEDBACK):
        place = proposal.department or proposal.handling_org.name
        return _("%(status)s (handled by %(place)s)") % {
            "status": proposal.get_status_display(),
            "place": place,
        }
    return str(proposal.get_status_display())


def _proposal_item(proposal: Proposal) -> dict:
    return {
        "id": proposal.pk,
        "title": proposal.title,
        "category": str(proposal.get_category_display()),
        "org": proposal.org.name,
        "submitted_at": proposal.submitted_at,
        "status": proposal.status,
        "status_label": str(proposal.get_status_display()),
        "outcome": outcome(proposal),
        "answer": proposal.answer,
        "rating": proposal.rating,
        "actions_in_period": [
            {
                "at": event.at,
                "to_status": event.to_status,
                "to_label": str(S(event.to_status).label),
            }
            for event in proposal.done
        ],
    }


def _suggestion_item(suggestion: Suggestion) -> dict:
    return {
        "id": suggestion.pk,
        "title": suggestion.title,
        "category": str(suggestion.get_category_display()),
        "org": suggestion.org.name,
        "submitted_at": suggestion.submitted_at,
        "status": suggestion.status,
        "status_label": str(suggestion.get_status_display()),
        "reply": suggestion.reply,
        "from_proposal": suggestion.source_proposal_id is not None,
    }


def _visit_item(visit: ContactVisit) -> dict:
    return {
        "id": visit.pk,
        "visited_on": visit.visited_on,
        "person": visit.masked_person,
        "situation": visit.person_situation,
        "notes": visit.notes,
        "follow_up": visit.follow_up,
        "follow_up_status": visit.follow_up_status,
        "follow_up_label": str(visit.get_follow_up_status_display()),
        "follow_up_note": visit.follow_up_note,
    }
