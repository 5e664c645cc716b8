"""Following someone else's appeal instead of filing the same one again.

Following makes an appeal readable to the follower (its title, answer and history), so a
worker is offered, and may follow, only the open appeals of a union they could file in:
the similar-appeals suggestion and ``follow`` draw the same line. Any other appeal is
answered as if it did not exist (404).
"""

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict, ServiceError
from yunjishi.orgs.models import Org

from . import similar
from .models import OPEN, Appeal, Event, EventKind, Follower
from .services import default_org, filing_orgs


def suggestion_org_ids(user) -> set[int]:
    """The orgs whose open appeals a worker is offered, and so may follow: those they may
    file in, and their own union. Someone who is not a member yet is offered none."""
    own = default_org(user)
    if own is None:
        return set()
    return {own.pk, *(org.pk for org in filing_orgs(user))}


def similar_for(user, org: Org | None, title: str, text: str) -> list[Appeal]:
    """Open appeals like a draft, offered to follow instead: only of an org the worker
    may file in (never anyone's appeal by a guessed org), never their own."""
    if org is None or org.pk not in suggestion_org_ids(user):
        return []
    found = similar.similar_open(org, title, text)
    return [appeal for appeal in found if appeal.submitter_id != user.pk]


@write_service
def follow(user, appeal: Appeal) -> bool:
    """Follow an open appeal instead of filing the same one again. True if new.

    Only one the similar-appeals suggestion could offer (``similar_for``): following
    makes the appeal readable, so any other is answered as if it did not exist.
    """
    if appeal.submitter_id == user.pk:
        raise ServiceError(_("This is your own appeal."), code="own_appeal")
    if appeal.org_id not in suggestion_org_ids(user):
        raise Http404
    if appeal.status not in OPEN:
        raise Conflict(_("This appeal is no longer open."), code="not_open")
    try:
        with transaction.atomic():
            Follower.objects.create(appeal=appeal, user=user)
            # No actor: handlers learn that someone follows, never who.
            Event.objects.create(appeal=appeal, kind=EventKind.FOLLOWED)
    except IntegrityError:
        return False
    return True


@write_service
def unfollow(user, appeal: Appeal) -> bool:
    return Follower.objects.filter(appeal=appeal, user=user).delete()[0] > 0
