"""Read-side helpers for the pages and the API: a representative's own items, timelines, and
how people are named to each other (never a phone)."""

from django.utils.translation import gettext as _

from .models import ContactVisit, Proposal, Suggestion
from .services.proposals import PROPOSAL_LIFECYCLE
from .services.suggestions import SUGGESTION_LIFECYCLE


def my_proposals(user):
    return (
        Proposal.objects.visible_to(user)
        .filter(representative=user)
        .select_related("org", "handling_org")
    )


def my_suggestions(user):
    return Suggestion.objects.visible_to(user).filter(representative=user).select_related("org")


def my_visits(user):
    return ContactVisit.objects.visible_to(user).filter(representative=user)


def staff_proposals(user):
    """Every proposal a staffer may see (their own as a representative aside)."""
    return (
        Proposal.objects.visible_to(user)
        .exclude(representative=user)
        .select_related("representative__member_profile", "org", "handling_org")
    )


def staff_suggestions(user):
    return (
        Suggestion.objects.visible_to(user)
        .exclude(representative=user)
        .select_related("representative__member_profile", "org")
    )


def representative_name(user) -> str:
    """A representative's real name: they act in public, for the union, under their name."""
    profile = getattr(user, "member_profile", None)
    return (profile.real_name if profile else "") or user.display_name or _("Representative")


def _named(viewer, owner_id: int):
    """How the people who act on a representative's item are named to ``viewer``."""

    def who(actor) -> str:
        if actor is None:
            return _("System")
        if viewer is not None and actor.pk == viewer.pk:
            return _("You")
        if actor.pk == owner_id:
            return representative_name(actor)
        if viewer is not None and viewer.pk == owner_id:
            return _("Union staff")
        return actor.display_name or _("Union staff")

    return who


def timeline(proposal: Proposal, viewer) -> list[dict]:
    """Every action on the proposal, oldest first."""
    return PROPOSAL_LIFECYCLE.steps(
        proposal.events.select_related("actor__member_profile"),
        _named(viewer, proposal.representative_id),
        "action",
    )


def suggestion_timeline(suggestion: Suggestion, viewer) -> list[dict]:
    """Every move of the suggestion, oldest first, in the proposals' shape (no action)."""
    steps = SUGGESTION_LIFECYCLE.steps(
        suggestion.events.select_related("actor__member_profile"),
        _named(viewer, suggestion.representative_id),
    )
    return [{**step, "action": ""} for step in steps]
