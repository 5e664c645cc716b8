"""The proposal: 线上提交 → 小组审议 → 立案 (or 转为建议 / 不予立案) → 办理落实 → 执行督查
(back to the department, or on) → 总结反馈 → closed.

Every move goes through ``_move``, on ``PROPOSAL_LIFECYCLE`` (``core.transitions``): one
table of allowed moves with the action and who may make each, one conditional update on
the status and the ``version`` (every move raises it), one history row. Every public
function here is a write service: its own transaction, its notices written inside it.
"""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.core.transitions import Lifecycle
from yunjishi.notify.services import notify_many
from yunjishi.orgs.models import Org
from yunjishi.people.models import User

from ..models import Proposal, ProposalEvent, ProposalStatus, Rating, Suggestion
from .cleaning import MAX_NOTE, MAX_TEXT, check_item, clean_text, optional_note, required_note
from .suggestions import SUGGESTION_LIFECYCLE
from .who import (
    HANDLE_ROLES,
    REVIEW_ROLES,
    may_handle,
    may_review,
    my_url,
    require_representative,
    staff_of,
    staff_url,
    suggestion_url,
)

S = ProposalStatus

# (from, to): (action, who may make the move)
TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (S.SUBMITTED, S.REVIEWING): ("review", "reviewer"),
    (S.REVIEWING, S.ACCEPTED): ("accept", "reviewer"),
    (S.REVIEWING, S.CONVERTED): ("convert", "reviewer"),
    (S.REVIEWING, S.DECLINED): ("decline", "reviewer"),
    (S.ACCEPTED, S.HANDLING): ("assign", "reviewer"),
    (S.HANDLING, S.SUPERVISION): ("answer", "handler"),
    (S.SUPERVISION, S.HANDLING): ("send_back", "reviewer"),
    (S.SUPERVISION, S.FEEDBACK): ("check", "reviewer"),
    (S.FEEDBACK, S.CLOSED): ("rate", "representative"),
}

PROPOSAL_LIFECYCLE = Lifecycle(
    model=Proposal,
    moves=TRANSITIONS,
    history=ProposalEvent,
    subject="proposal",
    illegal=gettext_lazy("A proposal that is %(now)s cannot become %(to)s."),
    changed=gettext_lazy("Someone else changed this proposal just now; reload and try again."),
)


def _may(who: str, actor: User, proposal: Proposal) -> bool:
    if who == "representative":
        return actor is not None and proposal.representative_id == actor.pk
    if who == "reviewer":
        return may_review(actor, proposal)
    return may_handle(actor, proposal)


def _move(
    proposal: Proposal, to: str, actor: User, note: str = "", *, seen: int | None = None, **fields
) -> Proposal:
    """Move ``proposal`` if nobody moved it since it was read (its ``version``).

    ``seen``: the version of the page or API answer the decision was made on. In the
    send-back loop (执行督查 → 办理落实 → 执行督查) the status comes back the same, so
    only this tells a check of the first answer from a check of the second.
    """
    if seen is not None and seen != proposal.version:
        raise Conflict(str(PROPOSAL_LIFECYCLE.changed), code="changed")
    action, who = PROPOSAL_LIFECYCLE.rule(proposal, to)
    if not _may(who, actor, proposal):
        raise NotAllowed()
    now = timezone.now()
    # Every move raises the version, so an unchanged version means an unchanged status.
    return PROPOSAL_LIFECYCLE.move(
        proposal,
        to,
        actor=actor,
        guard={"version": proposal.version},
        record={"action": action, "at": now, "note": note},
        updated_at=now,
        version=F("version") + 1,
        **fields,
    )


@write_service
def submit_proposal(representative, *, title, text, category, org: Org | None = None) -> Proposal:
    """线上提交: only a representative; to their own union or one above it."""
    profile = require_representative(representative)
    title, text, category, org = check_item(profile, title, text, category, org)
    now = timezone.now()
    proposal = Proposal.objects.create(
        representative=representative,
        org=org,
        handling_org=org,
        title=title,
        text=text,
        category=category,
        submitted_at=now,
        updated_at=now,
    )
    PROPOSAL_LIFECYCLE.begin(proposal, actor=representative, record={"at": now, "action": "submit"})
    notify_many(
        [user for user in staff_of(org, REVIEW_ROLES) if user.pk != representative.pk],
        _("New proposal for group review: %(title)s") % {"title": title},
        url=staff_url(proposal),
        kind="proposals.submitted",
    )
    return proposal


@write_service
def start_review(actor: User, proposal: Proposal, note: str = "") -> Proposal:
    """小组审议: the review group takes the proposal up."""
    return _move(proposal, S.REVIEWING, actor, optional_note(note))


@write_service
def accept(actor: User, proposal: Proposal, note: str = "") -> Proposal:
    """立案."""
    note = optional_note(note)
    proposal = _move(proposal, S.ACCEPTED, actor, note, decision_note=note)
    notify_many(
        [proposal.representative],
        _("Your proposal was accepted: %(title)s") % {"title": proposal.title},
        note,
        url=my_url(proposal),
        kind="proposals.accepted",
    )
    return proposal


@write_service
def convert(actor: User, proposal: Proposal, note: str = "") -> Proposal:
    """转为建议: the matter goes on as a suggestion (问题建议) of the same representative."""
    note = optional_note(note)
    proposal = _move(proposal, S.CONVERTED, actor, note, decision_note=note)
    suggestion = Suggestion.objects.create(
        representative_id=proposal.representative_id,
        org=proposal.org,
        title=proposal.title,
        text=proposal.text,
        category=proposal.category,
        source_proposal=proposal,
        submitted_at=timezone.now(),
    )
    SUGGESTION_LIFECYCLE.begin(
        suggestion, actor=actor, record={"note": _("Converted from a proposal")}
    )
    notify_many(
        [proposal.representative],
        _("Your proposal goes on as a suggestion: %(title)s") % {"title": proposal.title},
        note,
        url=suggestion_url(suggestion),
        kind="proposals.converted",
    )
    return proposal


@write_service
def decline(actor: User, proposal: Proposal, reason: str) -> Proposal:
    """不予立案, always with the reason the representative will read."""
    reason = required_note(reason, "reason", _("Tell the representative why."))
    proposal = _move(proposal, S.DECLINED, actor, reason, decision_note=reason)
    notify_many(
        [proposal.representative],
        _("Your proposal was not accepted: %(title)s") % {"title": proposal.title},
        reason,
        url=my_url(proposal),
        kind="proposals.declined",
    )
    return proposal


@write_service
def assign(
    actor: User, proposal: Proposal, handling_org: Org | None, department: str = "", note: str = ""
) -> Proposal:
    """办理落实: hand an accepted proposal to a department inside the reviewing union."""
    errors: dict = {}
    department = clean_text(
        department, "department", required=False, limit=100, errors=errors, message=""
    )
    if handling_org is None:
        errors["handling_org"] = [_("Choose the union or department that handles it.")]
    elif not handling_org.is_active or not proposal.org.contains(handling_org):
        errors["handling_org"] = [
            _("Choose %(org)s or a union under it.") % {"org": proposal.org.name}
        ]
    note = clean_text(note, "note", required=False, limit=MAX_NOTE, errors=errors, message="")
    if errors:
        raise ValidationError(errors)
    assert handling_org is not None  # refused above otherwise
    words = handling_org.name + (f" · {department}" if department else "")
    proposal = _move(
        proposal,
        S.HANDLING,
        actor,
        f"{words}\n{note}".strip(),
        handling_org=handling_org,
        department=department,
    )
    notify_many(
        staff_of(handling_org, HANDLE_ROLES, up_to=proposal.org),
        _("A proposal to handle: %(title)s") % {"title": proposal.title},
        note,
        url=staff_url(proposal),
        kind="proposals.assigned",
    )
    return proposal


@write_service
def answer(actor: User, proposal: Proposal, text: str) -> Proposal:
    """The department's answer: what was done. It then goes to 执行督查."""
    errors: dict = {}
    text = clean_text(
        text,
        "answer",
        required=True,
        limit=MAX_TEXT,
        errors=errors,
        message=_("Say what was done about the proposal."),
    )
    if errors:
        raise ValidationError(errors)
    proposal = _move(proposal, S.SUPERVISION, actor, text, answer=text)
    notify_many(
        staff_of(proposal.org, REVIEW_ROLES),
        _("A proposal was answered; check it is carried out: %(title)s")
        % {"title": proposal.title},
        url=staff_url(proposal),
        kind="proposals.answered",
    )
    return proposal


@write_service
def check(
    actor: User, proposal: Proposal, *, passed: bool, note: str = "", seen: int | None = None
) -> Proposal:
    """执行督查: confirm it is carried out (then 总结反馈), or send it back to the department.

    ``seen``: the version the checker read (see ``_move``).
    """
    if not passed:
        note = required_note(note, "note", _("Say what is still missing."))
        proposal = _move(proposal, S.HANDLING, actor, note, seen=seen, check_note=note)
        notify_many(
            staff_of(proposal.handling_org, HANDLE_ROLES, up_to=proposal.org),
            _("A proposal was sent back for more work: %(title)s") % {"title": proposal.title},
            note,
            url=staff_url(proposal),
            kind="proposals.sent_back",
        )
        return proposal
    note = optional_note(note)
    proposal = _move(proposal, S.FEEDBACK, actor, note, seen=seen, check_note=note)
    notify_many(
        [proposal.representative],
        _("Your proposal was carried out; please rate the answer: %(title)s")
        % {"title": proposal.title},
        url=my_url(proposal),
        kind="proposals.feedback",
    )
    return proposal


@write_service
def rate(representative, proposal: Proposal, rating: str, comment: str = "") -> Proposal:
    """总结反馈: the representative rates the answer, which closes the proposal."""
    if rating not in Rating.values:
        raise ValidationError({"rating": [_("Choose how satisfied you are.")]})
    comment = optional_note(comment, "comment")
    note = str(Rating(rating).label) + (f"\n{comment}" if comment else "")
    return _move(
        proposal,
        S.CLOSED,
        representative,
        note,
        rating=rating,
        rating_comment=comment,
        closed_at=timezone.now(),
    )
