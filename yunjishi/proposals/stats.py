"""Figures of 云履职 for an org subtree: proposals by status and category, the 立案 rate,
satisfaction with answers, suggestions and visits. Counted by the union a proposal was
submitted to."""

from django.db.models import Count

from yunjishi.orgs.models import Org

from .models import (
    ACCEPTED_STATES,
    Category,
    ContactVisit,
    Proposal,
    ProposalStatus,
    Rating,
    Suggestion,
    SuggestionStatus,
)

S = ProposalStatus
DECIDED = (*ACCEPTED_STATES, S.CONVERTED, S.DECLINED)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def figures(org: Org) -> dict:
    proposals = Proposal.objects.filter(org.subtree_q("org__path"))
    by_status = dict(
        proposals.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    by_category = dict(
        proposals.values_list("category").annotate(n=Count("id")).values_list("category", "n")
    )
    ratings = dict(
        proposals.filter(status=S.CLOSED)
        .values_list("rating")
        .annotate(n=Count("id"))
        .values_list("rating", "n")
    )
    suggestions = dict(
        Suggestion.objects.filter(org.subtree_q("org__path"))
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    total = sum(by_status.values())
    accepted = sum(by_status.get(s, 0) for s in ACCEPTED_STATES)
    decided = sum(by_status.get(s, 0) for s in DECIDED)
    closed = by_status.get(S.CLOSED, 0)
    rated = sum(ratings.values())
    content = ratings.get(Rating.SATISFIED, 0) + ratings.get(Rating.BASICALLY, 0)
    suggestion_total = sum(suggestions.values())
    resolved = suggestions.get(SuggestionStatus.RESOLVED, 0)
    return {
        "total": total,
        "by_status": {s.value: by_status.get(s.value, 0) for s in ProposalStatus},
        "by_category": {c.value: by_category.get(c.value, 0) for c in Category},
        "accepted": accepted,  # 立案 (in any later state too)
        "accepted_and_closed": closed,  # 立案结案: every closed proposal was accepted
        "decided": decided,
        "acceptance_rate": _rate(accepted, decided),
        "ratings": {r.value: ratings.get(r.value, 0) for r in Rating},
        "satisfaction_rate": _rate(content, rated),
        "suggestions": suggestion_total,
        "suggestions_resolved": resolved,
        "suggestion_resolution_rate": _rate(resolved, suggestion_total),
        "visits": ContactVisit.objects.filter(org.subtree_q("org__path")).count(),
    }
