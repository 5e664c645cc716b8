"""Joining the union online (线上入会), moving between unions (会籍转移) and leaving.

One function per rule; the pages, the API, the admin and the periodic sweep all call them,
by the names below (``from yunjishi.membership import services``; ``services.approve``):

- ``routing``: which union takes a worker in (``route``), employer and credit-code checks;
- ``requests``: what join applications and transfers share: their lifecycles
  (``JOIN_LIFECYCLE``, ``TRANSFER_LIFECYCLE`` on ``core.transitions``, the person's
  ``MembershipEvent`` as the history row), one ``decline`` and one ``withdraw`` for both;
- ``joining``: ``apply``, ``approve``, the deadline sweep ``escalate_overdue``;
- ``transfers``: ``request_transfer``, ``approve_transfer``;
- ``leaving``: ``leave``; ``reading``: ``overview``.

Every public write here is a write service (``core.db.write_service``): its own outermost
transaction, the notifications written inside it and delivered once it commits.
"""

from .joining import apply, approve, escalate_overdue
from .leaving import leave
from .reading import overview
from .requests import MAX_REASON, decline, withdraw
from .routing import REGIONAL_LEVELS, route
from .transfers import approve_transfer, decline_transfer, request_transfer, withdraw_transfer

__all__ = [
    "MAX_REASON",
    "REGIONAL_LEVELS",
    "apply",
    "approve",
    "approve_transfer",
    "decline",
    "decline_transfer",
    "escalate_overdue",
    "leave",
    "overview",
    "request_transfer",
    "route",
    "withdraw",
    "withdraw_transfer",
]
