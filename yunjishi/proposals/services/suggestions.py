"""问题建议: a representative's suggestion, taken up and answered by the union's staff.

Every move goes through ``SUGGESTION_LIFECYCLE`` (``core.transitions``): a conditional
update on the status, one history row."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.core.db import write_service
from yunjishi.core.errors import NotAllowed
from yunjishi.core.transitions import Lifecycle
from yunjishi.notify.services import notify_many
from yunjishi.orgs.models import Org
from yunjishi.people.models import User
from yunjishi.people.scope import works_at

from ..models import Suggestion, SuggestionEvent, SuggestionStatus
from .cleaning import check_item, optional_note, required_note
from .who import (
    SUGGESTION_ROLES,
    require_representative,
    staff_of,
    staff_suggestion_url,
    suggestion_url,
)

S = SuggestionStatus
# (from, to): the action; the union's staff make every move
SUGGESTION_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SUBMITTED, S.HANDLING): "take_up",
    (S.SUBMITTED, S.RESOLVED): "resolve",
    (S.HANDLING, S.RESOLVED): "resolve",
}

SUGGESTION_LIFECYCLE = Lifecycle(
    model=Suggestion,
    moves=SUGGESTION_TRANSITIONS,
    history=SuggestionEvent,
    subject="suggestion",
    illegal=gettext_lazy("A suggestion that is %(now)s cannot become %(to)s."),
    changed=gettext_lazy("Someone else changed this suggestion just now; reload and try again."),
)


@write_service
def submit_suggestion(representative, *, title, text, category, org: Org | None = None):
    profile = require_representative(representative)
    title, text, category, org = check_item(profile, title, text, category, org)
    now = timezone.now()
    suggestion = Suggestion.objects.create(
        representative=representative,
        org=org,
        title=title,
        text=text,
        category=category,
        submitted_at=now,
        updated_at=now,
    )
    SUGGESTION_LIFECYCLE.begin(suggestion, actor=representative, record={"at": now})
    notify_many(
        staff_of(org, SUGGESTION_ROLES),
        _("New suggestion: %(title)s") % {"title": title},
        url=staff_suggestion_url(suggestion),
        kind="proposals.suggestion",
    )
    return suggestion


def _move_suggestion(suggestion: Suggestion, to: str, actor: User, note: str = "", **fields):
    SUGGESTION_LIFECYCLE.rule(suggestion, to)
    if suggestion.representative_id == actor.pk or not works_at(
        actor, suggestion.org, SUGGESTION_ROLES
    ):
        raise NotAllowed()
    now = timezone.now()
    return SUGGESTION_LIFECYCLE.move(
        suggestion,
        to,
        actor=actor,
        record={"at": now, "note": note},
        updated_at=now,
        **fields,
    )


@write_service
def take_up_suggestion(actor: User, suggestion: Suggestion, note: str = "") -> Suggestion:
    return _move_suggestion(suggestion, S.HANDLING, actor, optional_note(note))


@write_service
def resolve_suggestion(actor: User, suggestion: Suggestion, reply: str) -> Suggestion:
    reply = required_note(reply, "reply", _("Write the reply the representative will read."))
    suggestion = _move_suggestion(
        suggestion, S.RESOLVED, actor, reply, reply=reply, resolved_at=timezone.now()
    )
    notify_many(
        [suggestion.representative],
        _("Your suggestion was answered: %(title)s") % {"title": suggestion.title},
        url=suggestion_url(suggestion),
        kind="proposals.suggestion_resolved",
    )
    return suggestion
