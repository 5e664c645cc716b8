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
commits. Where there is slow work to do first (photos to read and strip, text to cut into
search terms: ``submit``, ``add_photos``, ``answer_info``) or a batch (``close_unrated``,
``act_on_many``), the public function checks and prepares, or walks the batch, outside any
transaction and calls a write service for the writing (``_write_appeal``, ``_close_one``…).
督办 is in ``appeals.supervision``, following in ``appeals.following``, the periodic sweep
in ``appeals.sweep``.

The names below are those used from outside the package; the rest are imported from their
module (``from yunjishi.appeals.services.lifecycle import APPEAL_LIFECYCLE``).
"""

from .clocks import accept_due, handling_due, quiet_until
from .closing import close_unrated, rate
from .handling import (
    BULK_ACTIONS,
    accept,
    act_on_many,
    answer_info,
    merge,
    reassign,
    request_info,
    resolve,
    set_complexity,
    start,
)
from .lifecycle import clean_text, is_staff_for, lock
from .submitting import add_photos, default_org, filing_orgs, submit

__all__ = [
    "BULK_ACTIONS",
    "accept",
    "accept_due",
    "act_on_many",
    "add_photos",
    "answer_info",
    "clean_text",
    "close_unrated",
    "default_org",
    "filing_orgs",
    "handling_due",
    "is_staff_for",
    "lock",
    "merge",
    "quiet_until",
    "rate",
    "reassign",
    "request_info",
    "resolve",
    "set_complexity",
    "start",
    "submit",
]
