"""Membership on the homes: the worker's own membership, and the requests staff decide."""

from django.utils.translation import gettext_lazy as _

from yunjishi.core.home import STAFF, WORKER, Entry

from .models import JoinApplication, TransferRequest


def applications_to_decide(user) -> int:
    return JoinApplication.objects.pending().changeable_by(user).count()


def transfers_to_decide(user) -> int:
    return TransferRequest.objects.pending().changeable_by(user).count()


worker_entries = [
    Entry(
        title=_("My union membership"),
        text=_("Join, transfer or leave the union"),
        url="membership:home",
        roles={WORKER},
        order=60,
    ),
]

staff_entries = [
    Entry(
        title=_("Join applications"),
        text=_("Decide who joins the union"),
        url="membership:staff_queue",
        roles=STAFF,
        count=applications_to_decide,
        count_text=_("%(count)d to decide"),
        order=50,
    ),
    Entry(
        title=_("Membership transfers"),
        text=_("Members moving between unions"),
        url="membership:staff_transfers",
        roles=STAFF,
        count=transfers_to_decide,
        count_text=_("%(count)d to decide"),
        order=51,
    ),
]
