"""Rules of 云履职: who may submit, the proposal state machine, suggestions and visits.

Every move of a proposal goes through ``transition``: one table of allowed moves and who may
make each, one conditional update (two people acting at once cannot both move it), one
history row. Pages, the API, the admin and the demo all call these functions.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.core.errors import Conflict, NotAllowed, ServiceError
from yunjishi.core.validators import normalize_phone
from yunjishi.notify.services import notify
from yunjishi.orgs.models import Level, Org, subtree_q
from yunjishi.people.models import MemberProfile, StaffAssignment
from yunjishi.people.scope import staff_paths, works_at

from .models import (
    Category,
    ContactVisit,
    FollowUp,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    Rating,
    Suggestion,
    SuggestionEvent,
    SuggestionStatus,
)

S = ProposalStatus
REVIEW_ROLES = ("org_admin", "supervisor")  # 小组审议, assignment and 执行督查
HANDLE_ROLES = ("handler", "org_admin")  # 办理落实 in the assigned department
SUGGESTION_ROLES = ("handler", "org_admin", "supervisor")
MAX_TITLE, MAX_TEXT, MAX_NOTE = 100, 5000, 2000

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

SUGGESTION_TRANSITIONS: set[tuple[str, str]] = {
    (SuggestionStatus.SUBMITTED, SuggestionStatus.HANDLING),
    (SuggestionStatus.SUBMITTED, SuggestionStatus.RESOLVED),
    (SuggestionStatus.HANDLING, SuggestionStatus.RESOLVED),
}


# --- Who is who -------------------------------------------------------------------------------


def representative_profile(user) -> MemberProfile | None:
    """The member profile of an active representative (会员代表), else None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return (
        MemberProfile.objects.filter(user=user, is_representative=True)
        .select_related("org")
        .first()
    )


def require_representative(user) -> MemberProfile:
    profile = representative_profile(user)
    if profile is None:
        raise NotAllowed(_("Only member representatives may do this."), code="not_representative")
    if profile.org is None:
        raise ServiceError(
            _("Your member profile names no union yet; ask your union to complete it."),
            code="no_union",
        )
    return profile


def submission_orgs(profile: MemberProfile) -> list[Org]:
    """Where a representative may submit: their own union and those above it, up to the
    city federation (a province or the national federation takes no proposals directly)."""
    if profile.org is None:
        return []
    chain = profile.org.ancestors_and_self()
    return [org for org in chain if org.level not in (Level.NATIONAL, Level.PROVINCE)]


def default_org(profile: MemberProfile) -> Org | None:
    """The representative's street or township union (镇街工会) if there is one."""
    chain = submission_orgs(profile)
    streets = [org for org in chain if org.level == Level.STREET]
    return streets[-1] if streets else (chain[-1] if chain else None)


def may_review(user, proposal: Proposal) -> bool:
    """小组审议, assignment and 执行督查: reviewers of the union it was submitted to."""
    return works_at(user, proposal.org, REVIEW_ROLES) and proposal.representative_id != user.pk


def may_handle(user, proposal: Proposal) -> bool:
    """办理落实: handlers (or the admin) of the department it is assigned to."""
    return (
        works_at(user, proposal.handling_org, HANDLE_ROLES)
        and proposal.representative_id != user.pk
    )


def _staff_of(org: Org, roles, *, up_to: Org | None = None) -> list:
    """Active staff with ``roles`` at ``org`` and above it (not above ``up_to`` if given;
    never at a province or the national federation)."""
    paths = org.ancestor_paths()
    if up_to is not None:
        paths = [path for path in paths if path.startswith(up_to.path)]
    rows = (
        StaffAssignment.objects.filter(
            org__path__in=paths, role__in=roles, user__is_active=True, org__is_active=True
        )
        .exclude(org__level__in=(Level.NATIONAL, Level.PROVINCE))
        .select_related("user")
    )
    return list({row.user_id: row.user for row in rows}.values())


def _tell(users, title: str, body: str = "", *, url: str, kind: str) -> None:
    for user in users:
        notify(user, title, body, url=url, kind=kind)


def _my_url(proposal: Proposal) -> str:
    return reverse("proposals:detail", args=[proposal.pk])


def _staff_url(proposal: Proposal) -> str:
    return reverse("proposals:staff_detail", args=[proposal.pk])


# --- Input ------------------------------------------------------------------------------------


def _text(value, field: str, *, required: bool, limit: int, errors: dict, message: str) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[field] = [message]
    elif len(value) > limit:
        errors[field] = [_("Keep this under %(n)d characters.") % {"n": limit}]
    return value


def _required_note(note: str, field: str, message: str) -> str:
    errors: dict = {}
    note = _text(note, field, required=True, limit=MAX_NOTE, errors=errors, message=message)
    if errors:
        raise ValidationError(errors)
    return note


def _optional_note(note: str, field: str = "note") -> str:
    errors: dict = {}
    note = _text(note, field, required=False, limit=MAX_NOTE, errors=errors, message="")
    if errors:
        raise ValidationError(errors)
    return note


def _item(profile: MemberProfile, title, text, category, org: Org | None) -> tuple:
    """Check what a proposal or a suggestion says; returns (title, text, category, org)."""
    errors: dict = {}
    title = _text(
        title, "title", required=True, limit=MAX_TITLE, errors=errors, message=_("Give a title.")
    )
    text = _text(
        text,
        "text",
        required=True,
        limit=MAX_TEXT,
        errors=errors,
        message=_("Say what the matter is and what you propose."),
    )
    if category not in Category.values:
        errors["category"] = [_("Choose a category.")]
    allowed = submission_orgs(profile)
    if org is None:
        org = default_org(profile)
    elif org.pk not in {o.pk for o in allowed}:
        errors["org"] = [_("Choose your own union or one above it.")]
    if errors:
        raise ValidationError(errors)
    return title, text, category, org


# --- Proposals --------------------------------------------------------------------------------


def transition(
    proposal: Proposal, to: str, actor, note: str = "", *, seen: int | None = None, **fields
) -> Proposal:
    """Move ``proposal`` if nobody moved it since it was read (its ``version``).

    ``seen``: the version of the page or API answer the decision was made on. In the
    send-back loop (执行督查 → 办理落实 → 执行督查) the status comes back the same, so
    only this tells a check of the first answer from a check of the second.
    """
    changed = Conflict(
        _("Someone else changed this proposal just now; reload and try again."), code="changed"
    )
    if seen is not None and seen != proposal.version:
        raise changed
    entry = TRANSITIONS.get((proposal.status, to))
    if entry is None:
        raise Conflict(
            _("A proposal that is %(now)s cannot become %(to)s.")
            % {"now": proposal.get_status_display(), "to": S(to).label},
            code="illegal_transition",
        )
    action, who = entry
    allowed = {
        "representative": lambda: actor is not None and proposal.representative_id == actor.pk,
        "reviewer": lambda: may_review(actor, proposal),
        "handler": lambda: may_handle(actor, proposal),
    }[who]()
    if not allowed:
        raise NotAllowed()
    now = timezone.now()
    with transaction.atomic():
        # Every move raises the version, so an unchanged version means an unchanged status.
        moved = Proposal.objects.filter(pk=proposal.pk, version=proposal.version).update(
            status=to, updated_at=now, version=F("version") + 1, **fields
        )
        if not moved:
            raise changed
        ProposalEvent.objects.create(
            proposal=proposal,
            actor=actor,
            at=now,
            action=action,
            from_status=proposal.status,
            to_status=to,
            note=note,
        )
    proposal.refresh_from_db()
    return proposal


def submit_proposal(representative, *, title, text, category, org: Org | None = None) -> Proposal:
    """线上提交: only a representative; to their own union or one above it."""
    profile = require_representative(representative)
    title, text, category, org = _item(profile, title, text, category, org)
    now = timezone.now()
    with transaction.atomic():
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
        ProposalEvent.objects.create(
            proposal=proposal, actor=representative, at=now, action="submit", to_status=S.SUBMITTED
        )
    _tell(
        [user for user in _staff_of(org, REVIEW_ROLES) if user.pk != representative.pk],
        _("New proposal for group review: %(title)s") % {"title": title},
        url=_staff_url(proposal),
        kind="proposals.submitted",
    )
    return proposal


def start_review(actor, proposal: Proposal, note: str = "") -> Proposal:
    """小组审议: the review group takes the proposal up."""
    return transition(proposal, S.REVIEWING, actor, _optional_note(note))


def accept(actor, proposal: Proposal, note: str = "") -> Proposal:
    """立案."""
    note = _optional_note(note)
    proposal = transition(proposal, S.ACCEPTED, actor, note, decision_note=note)
    _tell(
        [proposal.representative],
        _("Your proposal was accepted: %(title)s") % {"title": proposal.title},
        note,
        url=_my_url(proposal),
        kind="proposals.accepted",
    )
    return proposal


def convert(actor, proposal: Proposal, note: str = "") -> Proposal:
    """转为建议: the matter goes on as a suggestion (问题建议) of the same representative."""
    note = _optional_note(note)
    with transaction.atomic():
        proposal = transition(proposal, S.CONVERTED, actor, note, decision_note=note)
        suggestion = Suggestion.objects.create(
            representative_id=proposal.representative_id,
            org=proposal.org,
            title=proposal.title,
            text=proposal.text,
            category=proposal.category,
            source_proposal=proposal,
            submitted_at=timezone.now(),
        )
        SuggestionEvent.objects.create(
            suggestion=suggestion,
            actor=actor,
            to_status=SuggestionStatus.SUBMITTED,
            note=_("Converted from a proposal"),
        )
    _tell(
        [proposal.representative],
        _("Your proposal goes on as a suggestion: %(title)s") % {"title": proposal.title},
        note,
        url=reverse("proposals:suggestion", args=[suggestion.pk]),
        kind="proposals.converted",
    )
    return proposal


def decline(actor, proposal: Proposal, reason: str) -> Proposal:
    """不予立案, always with the reason the representative will read."""
    reason = _required_note(reason, "reason", _("Tell the representative why."))
    proposal = transition(proposal, S.DECLINED, actor, reason, decision_note=reason)
    _tell(
        [proposal.representative],
        _("Your proposal was not accepted: %(title)s") % {"title": proposal.title},
        reason,
        url=_my_url(proposal),
        kind="proposals.declined",
    )
    return proposal


def assign(
    actor, proposal: Proposal, handling_org: Org | None, department: str = "", note: str = ""
) -> Proposal:
    """办理落实: hand an accepted proposal to a department inside the reviewing union."""
    errors: dict = {}
    department = _text(
        department, "department", required=False, limit=100, errors=errors, message=""
    )
    if handling_org is None:
        errors["handling_org"] = [_("Choose the union or department that handles it.")]
    elif not handling_org.is_active or not proposal.org.contains(handling_org):
        errors["handling_org"] = [
            _("Choose %(org)s or a union under it.") % {"org": proposal.org.name}
        ]
    note = _text(note, "note", required=False, limit=MAX_NOTE, errors=errors, message="")
    if errors:
        raise ValidationError(errors)
    words = handling_org.name + (f" · {department}" if department else "")
    proposal = transition(
        proposal,
        S.HANDLING,
        actor,
        f"{words}\n{note}".strip(),
        handling_org=handling_org,
        department=department,
    )
    _tell(
        _staff_of(handling_org, HANDLE_ROLES, up_to=proposal.org),
        _("A proposal to handle: %(title)s") % {"title": proposal.title},
        note,
        url=_staff_url(proposal),
        kind="proposals.assigned",
    )
    return proposal


def answer(actor, proposal: Proposal, text: str) -> Proposal:
    """The department's answer: what was done. It then goes to 执行督查."""
    errors: dict = {}
    text = _text(
        text,
        "answer",
        required=True,
        limit=MAX_TEXT,
        errors=errors,
        message=_("Say what was done about the proposal."),
    )
    if errors:
        raise ValidationError(errors)
    proposal = transition(proposal, S.SUPERVISION, actor, text, answer=text)
    _tell(
        _staff_of(proposal.org, REVIEW_ROLES),
        _("A proposal was answered; check it is carried out: %(title)s")
        % {"title": proposal.title},
        url=_staff_url(proposal),
        kind="proposals.answered",
    )
    return proposal


def check(
    actor, proposal: Proposal, *, passed: bool, note: str = "", seen: int | None = None
) -> Proposal:
    """执行督查: confirm it is carried out (then 总结反馈), or send it back to the department.

    ``seen``: the version the checker read (see ``transition``).
    """
    if not passed:
        note = _required_note(note, "note", _("Say what is still missing."))
        proposal = transition(proposal, S.HANDLING, actor, note, seen=seen, check_note=note)
        _tell(
            _staff_of(proposal.handling_org, HANDLE_ROLES, up_to=proposal.org),
            _("A proposal was sent back for more work: %(title)s") % {"title": proposal.title},
            note,
            url=_staff_url(proposal),
            kind="proposals.sent_back",
        )
        return proposal
    note = _optional_note(note)
    proposal = transition(proposal, S.FEEDBACK, actor, note, seen=seen, check_note=note)
    _tell(
        [proposal.representative],
        _("Your proposal was carried out; please rate the answer: %(title)s")
        % {"title": proposal.title},
        url=_my_url(proposal),
        kind="proposals.feedback",
    )
    return proposal


def rate(representative, proposal: Proposal, rating: str, comment: str = "") -> Proposal:
    """总结反馈: the representative rates the answer, which closes the proposal."""
    if rating not in Rating.values:
        raise ValidationError({"rating": [_("Choose how satisfied you are.")]})
    comment = _optional_note(comment, "comment")
    note = str(Rating(rating).label) + (f"\n{comment}" if comment else "")
    return transition(
        proposal,
        S.CLOSED,
        representative,
        note,
        rating=rating,
        rating_comment=comment,
        closed_at=timezone.now(),
    )


# --- Suggestions (问题建议) --------------------------------------------------------------------


def submit_suggestion(representative, *, title, text, category, org: Org | None = None):
    profile = require_representative(representative)
    title, text, category, org = _item(profile, title, text, category, org)
    now = timezone.now()
    with transaction.atomic():
        suggestion = Suggestion.objects.create(
            representative=representative,
            org=org,
            title=title,
            text=text,
            category=category,
            submitted_at=now,
            updated_at=now,
        )
        SuggestionEvent.objects.create(
            suggestion=suggestion,
            actor=representative,
            at=now,
            to_status=SuggestionStatus.SUBMITTED,
        )
    _tell(
        _staff_of(org, SUGGESTION_ROLES),
        _("New suggestion: %(title)s") % {"title": title},
        url=reverse("proposals:staff_suggestion", args=[suggestion.pk]),
        kind="proposals.suggestion",
    )
    return suggestion


def _move_suggestion(suggestion: Suggestion, to: str, actor, note: str = "", **fields):
    if (suggestion.status, to) not in SUGGESTION_TRANSITIONS:
        raise Conflict(
            _("A suggestion that is %(now)s cannot become %(to)s.")
            % {"now": suggestion.get_status_display(), "to": SuggestionStatus(to).label},
            code="illegal_transition",
        )
    if suggestion.representative_id == actor.pk or not works_at(
        actor, suggestion.org, SUGGESTION_ROLES
    ):
        raise NotAllowed()
    now = timezone.now()
    with transaction.atomic():
        moved = Suggestion.objects.filter(pk=suggestion.pk, status=suggestion.status).update(
            status=to, updated_at=now, **fields
        )
        if not moved:
            raise Conflict(
                _("Someone else changed this suggestion just now; reload and try again."),
                code="changed",
            )
        SuggestionEvent.objects.create(
            suggestion=suggestion,
            actor=actor,
            at=now,
            from_status=suggestion.status,
            to_status=to,
            note=note,
        )
    suggestion.refresh_from_db()
    return suggestion


def take_up_suggestion(actor, suggestion: Suggestion, note: str = "") -> Suggestion:
    return _move_suggestion(suggestion, SuggestionStatus.HANDLING, actor, _optional_note(note))


def resolve_suggestion(actor, suggestion: Suggestion, reply: str) -> Suggestion:
    reply = _required_note(reply, "reply", _("Write the reply the representative will read."))
    suggestion = _move_suggestion(
        suggestion,
        SuggestionStatus.RESOLVED,
        actor,
        reply,
        reply=reply,
        resolved_at=timezone.now(),
    )
    _tell(
        [suggestion.representative],
        _("Your suggestion was answered: %(title)s") % {"title": suggestion.title},
        url=reverse("proposals:suggestion", args=[suggestion.pk]),
        kind="proposals.suggestion_resolved",
    )
    return suggestion


# --- Visits to key contact persons (重点联系人员) -----------------------------------------------


def record_visit(
    representative,
    *,
    person_name,
    person_situation,
    visited_on: dt.date | None,
    notes,
    person_phone: str = "",
    follow_up: str = "",
) -> ContactVisit:
    profile = require_representative(representative)
    errors: dict = {}
    person_name = _text(
        person_name,
        "person_name",
        required=True,
        limit=50,
        errors=errors,
        message=_("Name the person visited."),
    )
    person_situation = _text(
        person_situation,
        "person_situation",
        required=True,
        limit=MAX_NOTE,
        errors=errors,
        message=_("Describe the person's situation."),
    )
    notes = _text(
        notes,
        "notes",
        required=True,
        limit=MAX_TEXT,
        errors=errors,
        message=_("Write down what you learned."),
    )
    follow_up = _text(
        follow_up, "follow_up", required=False, limit=MAX_NOTE, errors=errors, message=""
    )
    phone = (person_phone or "").strip()
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValidationError as error:
            errors["person_phone"] = error.messages
    today = timezone.localdate()
    if visited_on is None:
        errors["visited_on"] = [_("Give the date of the visit.")]
    elif visited_on > today:
        errors["visited_on"] = [_("The visit cannot be in the future.")]
    elif visited_on < today - dt.timedelta(days=366):
        errors["visited_on"] = [_("Record visits within a year of the day they happened.")]
    if errors:
        raise ValidationError(errors)
    return ContactVisit.objects.create(
        representative=representative,
        org=profile.org,
        person_name=person_name,
        person_situation=person_situation,
        person_phone=phone,
        visited_on=visited_on,
        notes=notes,
        follow_up=follow_up,
        follow_up_status=FollowUp.OPEN if follow_up else FollowUp.NONE,
    )


def complete_follow_up(representative, visit: ContactVisit, note: str) -> ContactVisit:
    """The representative says what was done about a visit's open follow-up."""
    if visit.representative_id != representative.pk:
        raise NotAllowed()
    note = _required_note(note, "note", _("Say what was done."))
    done = ContactVisit.objects.filter(pk=visit.pk, follow_up_status=FollowUp.OPEN).update(
        follow_up_status=FollowUp.DONE, follow_up_note=note, followed_up_at=timezone.now()
    )
    if not done:
        raise Conflict(_("This visit has no open follow-up."), code="no_follow_up")
    visit.refresh_from_db()
    return visit


# --- Lists ------------------------------------------------------------------------------------


def _reviewable(user):
    """Proposals submitted to a union where ``user`` reviews (never their own).

    ``managed_by`` follows the desk (``handling_org``); a department's supervisor reaches
    its assigned proposals that way, but only the reviewing union's staff review them.
    """
    queryset = Proposal.objects.managed_by(user, REVIEW_ROLES).exclude(representative=user)
    if not user.is_superuser:
        queryset = queryset.filter(subtree_q(staff_paths(user, REVIEW_ROLES), "org__path"))
    return queryset.select_related("representative", "org", "handling_org")


def review_queue(user):
    """Proposals waiting for 小组审议 or its decision."""
    return _reviewable(user).filter(status__in=(S.SUBMITTED, S.REVIEWING))


def handling_queue(user):
    """Accepted proposals to assign, and assigned ones to answer (办理落实)."""
    to_assign = _reviewable(user).filter(status=S.ACCEPTED).values("pk")
    to_answer = (
        Proposal.objects.managed_by(user, HANDLE_ROLES)
        .exclude(representative=user)
        .filter(status=S.HANDLING)
        .values("pk")
    )
    return Proposal.objects.filter(Q(pk__in=to_assign) | Q(pk__in=to_answer)).select_related(
        "representative", "org", "handling_org"
    )


def supervision_queue(user):
    """Answered proposals waiting for 执行督查, and those waiting for the representative."""
    return _reviewable(user).filter(status__in=(S.SUPERVISION, S.FEEDBACK))


def suggestion_queue(user):
    return (
        Suggestion.objects.managed_by(user, SUGGESTION_ROLES)
        .exclude(representative=user)
        .select_related("representative", "org")
    )
