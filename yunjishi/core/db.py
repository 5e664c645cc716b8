"""The transaction of a public write service.

A public write service (called by a page, the API, the admin or a command) is the outermost
transaction: ``transaction.atomic(durable=True)`` refuses to run nested inside another
atomic block, so a caller can never fold it into a larger transaction that might still roll
back after the service reported success. Notifications are written inside it (their rows
commit or roll back with the change) and delivered ``on_commit`` (``notify.services``).
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
