"""The staff's lists: what waits for review, for handling, for the check, and suggestions."""

from django.db.models import Q

from yunjishi.orgs.models import subtree_q
from yunjishi.people.models import User
from yunjishi.people.scope import staff_paths

from ..models import Proposal, ProposalStatus, Suggestion
from .who import HANDLE_ROLES, REVIEW_ROLES, SUGGESTION_ROLES

S = ProposalStatus


def _reviewable(user: User):
    """Proposals submitted to a union where ``user`` reviews (never their own).

    ``managed_by`` follows the desk (``handling_org``); a department's supervisor reaches
    its assigned proposals that way, but only the reviewing union's staff review them.
    """
    queryset = Proposal.objects.managed_by(user, REVIEW_ROLES).exclude(representative=user)
    if not user.is_superuser:
        queryset = queryset.filter(subtree_q(staff_paths(user, REVIEW_ROLES), "org__path"))
    return queryset.select_related("representative", "org", "handling_org")


def review_queue(user: User):
    """Proposals waiting for 小组审议 or its decision."""
    return _reviewable(user).filter(status__in=(S.SUBMITTED, S.REVIEWING))


def handling_queue(user: User):
    """Accepted proposals to assign, and assigned ones to answer (办理落实)."""
    to_assign = _reviewable(user).filter(status=S.ACCEPTED).values("pk")
    to_answer = (
        Proposal.objects.managed_by(user, HANDLE_ROLES)
        .exclude(representative=user)
        .filter(status=S.HANDLING)
        .values("pk")
    )
    return Proposal.objects.filter(Q(pk__in=to_assign) | Q(pk__in=to_answer)).select_related(
        "representative", "org", "handling_org"
    )


def supervision_queue(user: User):
    """Answered proposals waiting for 执行督查, and those waiting for the representative."""
    return _reviewable(user).filter(status__in=(S.SUPERVISION, S.FEEDBACK))


def suggestion_queue(user: User):
    return (
        Suggestion.objects.managed_by(user, SUGGESTION_ROLES)
        .exclude(representative=user)
        .select_related("representative", "org")
    )
