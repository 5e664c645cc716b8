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
"""

from .cleaning import MAX_NOTE, MAX_TEXT, MAX_TITLE
from .proposals import (
    PROPOSAL_LIFECYCLE,
    TRANSITIONS,
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
from .suggestions import (
    SUGGESTION_LIFECYCLE,
    SUGGESTION_TRANSITIONS,
    resolve_suggestion,
    submit_suggestion,
    take_up_suggestion,
)
from .visits import complete_follow_up, record_visit
from .who import (
    HANDLE_ROLES,
    REVIEW_ROLES,
    SUGGESTION_ROLES,
    default_org,
    may_handle,
    may_review,
    representative_profile,
    require_representative,
    staff_of,
    submission_orgs,
)

__all__ = [
    "HANDLE_ROLES",
    "MAX_NOTE",
    "MAX_TEXT",
    "MAX_TITLE",
    "PROPOSAL_LIFECYCLE",
    "REVIEW_ROLES",
    "SUGGESTION_LIFECYCLE",
    "SUGGESTION_ROLES",
    "SUGGESTION_TRANSITIONS",
    "TRANSITIONS",
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
    "require_representative",
    "resolve_suggestion",
    "review_queue",
    "staff_of",
    "start_review",
    "submission_orgs",
    "submit_proposal",
    "submit_suggestion",
    "suggestion_queue",
    "supervision_queue",
    "take_up_suggestion",
]
