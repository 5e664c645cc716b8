"""The rules of 云履职, called by the pages, the API, the admin and the demo.

- ``who``: who is a representative, who reviews and who handles a proposal;
- ``cleaning``: what people write, checked once;
- ``proposals``: the proposal lifecycle (``PROPOSAL_LIFECYCLE`` on ``core.transitions``);
- ``suggestions``: 问题建议 (``SUGGESTION_LIFECYCLE``);
- ``visits``: visits to key contact persons and their follow-ups;
- ``queues``: the staff's lists.

Every public function here that writes is a write service (``core.db.write_service``): its
own outermost transaction, with its notices written inside it and delivered once it
commits. The duty report is ``proposals.report``.

The names below are those used from outside the package; the rest are imported from their
module (``from yunjishi.proposals.services.proposals import PROPOSAL_LIFECYCLE``).
"""

from .proposals import (
    accept,
    answer,
    assign,
    check,
    convert,
    decline,
    rate,
    start_review,
    submit_proposal,
)
from .queues import handling_queue, review_queue, suggestion_queue, supervision_queue
from .suggestions import resolve_suggestion, submit_suggestion, take_up_suggestion
from .visits import complete_follow_up, record_visit
from .who import (
    SUGGESTION_ROLES,
    default_org,
    may_handle,
    may_review,
    representative_profile,
    submission_orgs,
)

__all__ = [
    "SUGGESTION_ROLES",
    "accept",
    "answer",
    "assign",
    "check",
    "complete_follow_up",
    "convert",
    "decline",
    "default_org",
    "handling_queue",
    "may_handle",
    "may_review",
    "rate",
    "record_visit",
    "representative_profile",
    "resolve_suggestion",
    "review_queue",
    "start_review",
    "submission_orgs",
    "submit_proposal",
    "submit_suggestion",
    "suggestion_queue",
    "supervision_queue",
    "take_up_suggestion",
]
