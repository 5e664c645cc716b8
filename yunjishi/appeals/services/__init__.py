"""The rules of an appeal, called by the pages, the API, the admin, the demo and the sweep.
Notices to the worker, the followers and the responsible staff (待办) are written by
``appeals.telling``, beside this package (identity and supervision use it too).

- ``clocks``: the 72-hour quiet period (超期) and the working-day deadlines;
- ``lifecycle``: the table of moves (``APPEAL_LIFECYCLE`` on ``core.transitions``), who
  may act, and ``_move``, through which every status change goes;
- ``submitting``: 提交 and more photos;
- ``handling``: 受理, 办理, 待补充, 办结 / 解释, reassignment, merging, several at once;
- ``closing``: the worker's rating (不满意 reopens once) and closing unrated answers.

Every public function here that writes is a write service (``core.db.write_service``): its
own outermost transaction, with its notices written inside it and delivered once it
commits. 督办 is in ``appeals.supervision``, following in ``appeals.following``, the
periodic sweep in ``appeals.sweep``.
"""

from ..telling import message_names, staff_url, worker_url
from .clocks import accept_due, handling_due, quiet_until
from .closing import AUTO_CLOSE_BATCH, close_unrated, rate
from .handling import (
    BULK_ACTIONS,
    accept,
    act_on_many,
    answer_info,
    may_reassign_to,
    merge,
    reassign,
    request_info,
    resolve,
    set_complexity,
    start,
)
from .lifecycle import (
    APPEAL_LIFECYCLE,
    MAX_NOTE,
    MAX_REASON,
    STAFF,
    SUBMITTER,
    SYSTEM,
    TRANSITIONS,
    check_choice,
    check_sender,
    clean_text,
    is_staff_for,
    lock,
)
from .submitting import (
    TEXT_LENGTH,
    TITLE_LENGTH,
    add_photos,
    default_org,
    new_tracking_number,
    submit,
)

__all__ = [
    "APPEAL_LIFECYCLE",
    "AUTO_CLOSE_BATCH",
    "BULK_ACTIONS",
    "MAX_NOTE",
    "MAX_REASON",
    "STAFF",
    "SUBMITTER",
    "SYSTEM",
    "TEXT_LENGTH",
    "TITLE_LENGTH",
    "TRANSITIONS",
    "accept",
    "accept_due",
    "act_on_many",
    "add_photos",
    "answer_info",
    "check_choice",
    "check_sender",
    "clean_text",
    "close_unrated",
    "default_org",
    "handling_due",
    "is_staff_for",
    "lock",
    "may_reassign_to",
    "merge",
    "message_names",
    "new_tracking_number",
    "quiet_until",
    "rate",
    "reassign",
    "request_info",
    "resolve",
    "set_complexity",
    "staff_url",
    "start",
    "submit",
    "worker_url",
]
