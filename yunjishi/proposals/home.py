"""Proposals (云履职) on the homes: the representative's desk, and for staff the review
queue, the proposals to handle and the figures."""

from django.utils.translation import gettext_lazy as _

from yunjishi.core.home import HANDLER, ORG_ADMIN, REPRESENTATIVE, STAFF, Entry

from . import services
from .models import Proposal, ProposalStatus


def to_rate(user) -> int:
    """The representative's answered proposals that wait for their feedback (总结反馈)."""
    return Proposal.objects.filter(representative=user, status=ProposalStatus.FEEDBACK).count()


def to_review(user) -> int:
    return services.review_queue(user).count()


def to_handle(user) -> int:
    return services.handling_queue(user).count()


worker_entries = [
    Entry(
        title=_("Proposals"),
        text=_("Proposals, suggestions and my duty report"),
        url="proposals:home",
        roles={REPRESENTATIVE},
        count=to_rate,
        count_text=_("%(count)d answers to rate"),
        order=50,
    ),
]

staff_entries = [
    Entry(
        title=_("Proposals"),
        text=_("Review, assign and supervise proposals"),
        url="proposals:staff_review",
        roles=STAFF,
        count=to_review,
        count_text=_("%(count)d to review"),
        order=30,
    ),
    Entry(
        title=_("Proposals to handle"),
        text=_("Assign and answer accepted proposals"),
        url="proposals:staff_handling",
        roles={HANDLER, ORG_ADMIN},
        count=to_handle,
        count_text=_("%(count)d to assign or answer"),
        order=31,
    ),
    Entry(
        title=_("Proposal figures"),
        text=_("Counts and the acceptance rate"),
        url="proposals:staff_figures",
        roles=STAFF,
        order=32,
    ),
]
