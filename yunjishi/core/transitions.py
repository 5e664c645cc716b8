"""Lifecycles: one table of allowed moves, a conditional UPDATE, one history row.

Every stateful thing (an order, an appeal, a proposal, a station, a listing, a membership
request) declares a ``Lifecycle``: which moves are allowed (and, as the table's value,
whatever the app needs to decide who may make each one), and where its history goes.
``Lifecycle.move`` then changes the row only if it is still as it was read: an UPDATE
``WHERE pk = … AND status = <as read> [AND <guard>]`` whose row count is checked ("if nothing
was updated, someone else got there first"), and writes the history row in the same
transaction. A move that is not in the table is refused before anything is written.

The guard is the rest of the concurrency token where the status alone is not enough: an
appeal's ``status_changed_at`` (a reassignment keeps the status), a proposal's ``version``
(the send-back loop returns to the same status), an escalated join application's union and
deadline (a move from ``pending`` to ``pending``).

A move is a building block, not a write service: the service that makes it (a
``core.db.write_service``) is the transaction, and the move is a savepoint inside it, so
the move, its history row, the side effects in ``after`` and the notifications all commit
or roll back together. ``begin`` writes the first history row of a new row (from nothing
to the state it was created in), in the transaction that creates it.

Where the row must not change under a move's feet for longer than the UPDATE (a station's
search index is derived from it), the service locks the row first and passes the locked
copy (``stations.services.change_status``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.utils.functional import Promise

from .db import require_transaction
from .errors import Conflict

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Lifecycle(Generic[M]):
    """The lifecycle of ``model``'s ``column`` (``status`` unless told).

    ``moves``: ``{(from, to): rule}``; the rule is the app's (who may make the move, an
    action name), returned by ``rule`` for the app to check.
    ``history``: the model of the history rows, with ``subject`` the name of its foreign key
    to ``model``; every history model has ``actor``, ``from_status`` and ``to_status``.
    ``illegal`` and ``changed``: the app's words for a move that is not allowed (with
    ``%(now)s`` and ``%(to)s``) and for a row someone else moved meanwhile; ``illegal_code``
    and ``changed_code`` the codes the API answers with (an app whose clients already
    know another code keeps it).
    """

    model: type[M]
    moves: Mapping[tuple[str, str], Any]
    history: type[models.Model]
    subject: str
    illegal: str | Promise
    changed: str | Promise
    column: str = "status"
    labels: Mapping[str, str] = field(default_factory=dict)
    illegal_code: str = "illegal_transition"
    changed_code: str = "changed"

    def __post_init__(self) -> None:
        if not self.labels:
            choices = getattr(self.model._meta.get_field(self.column), "choices", None) or []
            object.__setattr__(self, "labels", {value: label for value, label in choices})

    def label(self, value: str) -> str:
        return str(self.labels.get(value, value))

    def steps(
        self, events: Iterable[Any], who: Callable[[Any], str], *more: str
    ) -> list[dict[str, Any]]:
        """History rows as the steps of ``_timeline.html`` (and of the API's event shapes),
        in the order given: ``at``, ``who`` (``who(actor)``, the actor in words fit for the
        reader; None for the system), ``from_status``/``from_label`` (empty for the first
        row), ``to_status``/``to_label``, ``note``, and the history columns named in ``more``
        (a proposal's ``action``). Load the actors with the rows (``select_related``)."""
        return [
            {
                "at": event.at,
                "who": who(event.actor),
                "from_status": event.from_status,
                "from_label": self.label(event.from_status) if event.from_status else "",
                "to_status": event.to_status,
                "to_label": self.label(event.to_status),
                "note": event.note,
                **{column: getattr(event, column) for column in more},
            }
            for event in events
        ]

    def rule(self, obj: M, to: str) -> Any:
        """The table's value for moving ``obj`` to ``to``; ``Conflict`` if there is none."""
        now = getattr(obj, self.column)
        if (now, to) not in self.moves:
            raise Conflict(
                str(self.illegal) % {"now": self.label(now), "to": self.label(to)},
                code=self.illegal_code,
            )
        return self.moves[(now, to)]

    def begin(
        self,
        obj: M,
        *,
        actor: AbstractBaseUser | None = None,
        record: Mapping[str, Any] | None = None,
    ):
        """The first history row of a new ``obj``: from nothing to the state it was made in.
        Call it in the transaction that creates ``obj``."""
        require_transaction("Lifecycle.begin()")
        return self.history._default_manager.create(
            **{self.subject: obj},
            actor=actor,
            from_status="",
            to_status=getattr(obj, self.column),
            **(record or {}),
        )

    def move(
        self,
        obj: M,
        to: str,
        *,
        actor: AbstractBaseUser | None = None,
        guard: Mapping[str, Any] | None = None,
        record: Mapping[str, Any] | None = None,
        after: Callable[[M], object] | None = None,
        **fields: Any,
    ) -> M:
        """Move ``obj`` to ``to`` if the table allows it and nobody moved it since it was read.

        ``guard``: more columns the row must still hold (the rest of the concurrency token).
        ``record``: more columns of the history row (note, action, reason, at, …).
        ``fields``: more columns to set with the status (timestamps, ``F("version") + 1``).
        ``after``: runs in the same transaction, after the history row, with the fresh row
        (side effects that must commit or roll back with the move: releasing a place).
        Returns ``obj`` refreshed from the database.
        """
        require_transaction("Lifecycle.move()")
        self.rule(obj, to)
        source = getattr(obj, self.column)
        if not self._update(obj, source, to, guard or {}, fields):
            raise Conflict(str(self.changed), code=self.changed_code)
        self.history._default_manager.create(
            **{self.subject: obj},
            actor=actor,
            from_status=source,
            to_status=to,
            **(record or {}),
        )
        obj.refresh_from_db()
        if after is not None:
            after(obj)
        return obj

    def _update(self, obj: M, source: str, to: str, guard: Mapping[str, Any], fields) -> int:
        """The conditional UPDATE; how many rows it changed (0: someone got there first).
        One method so that the race tests' controls can switch the condition off."""
        return self.model._default_manager.filter(
            pk=obj.pk, **{self.column: source}, **guard
        ).update(**{self.column: to}, **fields)
