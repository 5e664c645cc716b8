"""The transaction of a public write service, and the guard of the building blocks.

A public write service (called by a page, the API, the admin, a command or a task) is the
outermost transaction: ``transaction.atomic(durable=True)`` refuses to run nested inside
another atomic block, so a caller can never fold it into a larger transaction that might
still roll back after the service reported success. Notifications are written inside it
(their rows commit or roll back with the change) and delivered ``on_commit``
(``notify.services``); e-mail and background tasks likewise go out only ``on_commit``.

A building block that services call inside their transaction (taking a place, a lifecycle
move, a notification) is not durable; where running it on its own would split what must be
written together, it refuses to run outside a transaction (``require_transaction``).
"""

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import transaction

P = ParamSpec("P")
R = TypeVar("R")


def write_service(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` as its own outermost (durable) transaction, and mark it as a write
    service so that the test of every write service finds it."""

    @functools.wraps(fn)
    def service(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic(durable=True):
            return fn(*args, **kwargs)

    service.write_service = True  # type: ignore[attr-defined]
    return service


def is_write_service(fn: object) -> bool:
    return getattr(fn, "write_service", False) is True


def require_transaction(what: str) -> None:
    """Refuse to run a building block outside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{what} must run inside the caller's transaction")
