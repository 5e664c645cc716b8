"""Joining the union online (线上入会), moving between unions (会籍转移) and leaving.

One function per rule; the pages, the API, the admin and the periodic sweep all call them.
Every decision is a conditional ``UPDATE ... WHERE status = 'pending'`` whose row count is
checked: if nothing was updated, someone else got there first. The UPDATE filters on the
row's own columns only, so PostgreSQL re-checks the condition after waiting for a lock.
"""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import luhn
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from yunjishi.core.calendar import add_working_days, deadline_text
from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.notify.services import notify
from yunjishi.orgs.models import Level, Org
from yunjishi.people.models import MemberProfile, MembershipStatus, StaffAssignment
from yunjishi.people.services import member_profile

from .models import (
    EventKind,
    IntakeRule,
    JoinApplication,
    MembershipEvent,
    RequestStatus,
    RouteReason,
    TransferRequest,
)

# The levels a worker may pick as "where I work": regional unions, not enterprises.
REGIONAL_LEVELS = (Level.PROVINCE, Level.CITY, Level.COUNTY, Level.STREET, Level.COMMUNITY)
NOTIFIED_ROLES = ("handler", "org_admin")
MAX_REASON = 500
SWEEP_BATCH = 1000  # per run of the sweep; the next run (15 minutes later) takes the rest
PENDING = RequestStatus.PENDING


# --- Small helpers ---------------------------------------------------------------------


def normalize_employer(name: str) -> str:
    """Full-width to half-width, no spaces: "甲 公司（深圳）" and "甲公司(深圳)" match."""
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def clean_credit_code(code: str) -> str:
    code = normalize_employer(code).upper()
    if not code:
        return ""
    try:
        return uscc.validate(code)
    except StdnumError:
        raise ValidationError(
            {
                "credit_code": [
                    _("The unified social credit code is not valid: check the 18 characters.")
                ]
            }
        ) from None


def decision_due(now=None):
    return add_working_days(now or timezone.now(), settings.JOIN_DECISION_DAYS)


def _clean_reason(reason: str, *, required: bool, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError({field: [_("Give a reason for declining.")]})
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {field: [_("Keep the reason under %(n)d characters.") % {"n": MAX_REASON}]}
        )
    return reason


def org_staff(org: Org) -> list:
    """Handlers and org admins of ``org`` and of its ancestors up to the city federation.

    One query; a province or national federation is told only when the request sits there.
    """
    above = Q(org__path__in=org.ancestor_paths()[:-1]) & ~Q(
        org__level__in=(Level.NATIONAL, Level.PROVINCE)
    )
    rows = StaffAssignment.objects.filter(
        Q(org=org) | above, role__in=NOTIFIED_ROLES, user__is_active=True, org__is_active=True
    ).select_related("user")
    return list({row.user_id: row.user for row in rows}.values())


def _tell(users, title: str, body: str, *, url: str, key: str | None) -> None:
    for user in users:
        notify(user, title, body, url=url, kind="membership", dedupe_key=key)


def _event(member_id, kind, org, *, actor=None, from_org=None, note="") -> MembershipEvent:
    return MembershipEvent.objects.create(
        member_id=member_id, kind=kind, org=org, actor=actor, from_org=from_org, note=note
    )


def new_membership_number(user_id: int, org: Org) -> str:
    """Province code, the person's id, a Luhn check digit: ``35`` ``0000001234`` ``7``.

    Unique because the id is; given once and kept for life, across transfers and rejoining.
    """
    region = next((o.region_code for o in reversed(org.ancestors_and_self()) if o.region_code), "")
    prefix = region[:2] if region[:2].isdigit() else "00"
    body = f"{prefix}{user_id:010d}"
    return body + luhn.calc_check_digit(body)


def _not_member_any_more(user_id) -> None:
    """An applicant whose application ended goes back to "not a member" or "left"."""
    MemberProfile.objects.filter(
        user_id=user_id, membership_status=MembershipStatus.APPLIED
    ).update(
        membership_status=Case(
            When(membership_number__isnull=True, then=Value(MembershipStatus.NONE)),
            default=Value(MembershipStatus.LEFT),
        )
    )


def _decide(staff, request, status: str, now, **fields) -> None:
    """Move a pending request to ``status`` for ``staff``, or raise NotAllowed / Conflict."""
    model = type(request)
    if getattr(request, f"{model.scope_owner}_id") == staff.pk:
        raise NotAllowed(_("You cannot decide on your own request."))
    if not model.objects.changeable_by(staff).filter(pk=request.pk).exists():
        raise NotAllowed(_("This request belongs to a union outside the ones you work for."))
    updated = model.objects.filter(pk=request.pk, status=PENDING).update(
        status=status, decided_at=now, decided_by=staff, **fields
    )
    if not updated:
        raise Conflict(
            _("This request has already been decided or withdrawn."), code="already_decided"
        )


# --- Routing ---------------------------------------------------------------------------


def route(
    occupation,
    area: Org,
    employer_name: str = "",
    credit_code: str = "",
    *,
    new_employment_form=False,
):
    """The union that should take a worker in, and why: at most two queries.

    1. an enterprise union of the employer (credit code first, then the employer's name);
    2. for new-employment-form work, the intake rule of the occupation whose area is the
       nearest ancestor-or-self of the chosen area (e.g. a regional rider union);
    3. the chosen area's own union.
    """
    employer = _employer_union(area, normalize_employer(employer_name), credit_code)
    if employer is not None:
        return employer, RouteReason.EMPLOYER
    if occupation is not None and (new_employment_form or occupation.is_new_employment_form):
        rule = (
            IntakeRule.objects.filter(
                occupation=occupation, area__path__in=area.ancestor_paths(), org__is_active=True
            )
            .select_related("org")
            .order_by("-area__depth")
            .first()
        )
        if rule is not None:
            return rule.org, RouteReason.OCCUPATION
    return area, RouteReason.AREA


def _employer_union(area: Org, employer_name: str, credit_code: str) -> Org | None:
    wanted = Q(pk__in=[])
    if credit_code:
        wanted |= Q(credit_code=credit_code)
    if employer_name:
        wanted |= Q(employer_name=employer_name)
    if not (credit_code or employer_name):
        return None
    candidates = list(Org.objects.filter(wanted, is_active=True)[:50])

    def rank(org):  # credit code beats name; then the union nearest the chosen area
        shared = len(_common_prefix(org.path, area.path))
        return (bool(credit_code) and org.credit_code == credit_code, shared)

    return max(candidates, key=rank, default=None)


def _common_prefix(a: str, b: str) -> str:
    end = 0
    while end < min(len(a), len(b)) and a[end] == b[end]:
        end += 1
    return a[: end - end % Org.steplen]


# --- Joining ---------------------------------------------------------------------------


def apply(
    user,
    *,
    real_name: str,
    occupation,
    area: Org | None,
    employer_name: str = "",
    credit_code: str = "",
    new_employment_form: bool = False,
) -> JoinApplication:
    """A worker applies to join; the application goes to the union that should take it."""
    errors: dict[str, list[str]] = {}
    real_name = (real_name or "").strip()
    employer_name = normalize_employer(employer_name)
    if not real_name:
        errors["real_name"] = [_("Enter your real name.")]
    elif len(real_name) > 50:
        errors["real_name"] = [_("The name is too long.")]
    if occupation is None:
        errors["occupation"] = [_("Choose your occupation.")]
    if area is None or not area.is_active or area.level not in REGIONAL_LEVELS:
        errors["area"] = [_("Choose the area where you work from the list.")]
    if len(employer_name) > 200:
        errors["employer_name"] = [_("The employer's name is too long.")]
    try:
        credit_code = clean_credit_code(credit_code)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    profile = member_profile(user)
    if profile.is_member:
        raise Conflict(
            _("You are already a member of %(org)s.") % {"org": profile.org},
            code="already_member",
        )
    if JoinApplication.objects.pending().filter(applicant=user).exists():
        raise _already_applied()
    org, reason = route(
        occupation, area, employer_name, credit_code, new_employment_form=new_employment_form
    )
    try:
        with transaction.atomic(durable=True):
            application = JoinApplication.objects.create(
                applicant=user,
                real_name=real_name,
                occupation=occupation,
                employer_name=employer_name,
                credit_code=credit_code,
                is_new_employment_form=new_employment_form or occupation.is_new_employment_form,
                area=area,
                org=org,
                routed_by=reason,
                due_at=decision_due(),
            )
            MemberProfile.objects.filter(pk=profile.pk).update(
                membership_status=MembershipStatus.APPLIED
            )
            _event(user.pk, EventKind.APPLIED, org, actor=user)
            _announce_application(application)
    except IntegrityError:  # the same person submitting twice at the same moment
        raise _already_applied() from None
    return application


def _already_applied() -> Conflict:
    return Conflict(
        _("You already have an application waiting for a decision."), code="already_applied"
    )


def _announce_application(application: JoinApplication) -> None:
    names = {
        "name": application.real_name,
        "org": application.org.name,
        "deadline": deadline_text(application.due_at),
    }
    _tell(
        org_staff(application.org),
        _("New join application"),
        _("%(name)s applied to join %(org)s. To be handled by %(deadline)s.") % names,
        url=reverse("membership:staff_queue"),
        key=f"join:{application.pk}:new",
    )
    _tell(
        [application.applicant],
        _("Your join application was received"),
        _("%(org)s will decide on your application. To be handled by %(deadline)s.") % names,
        url=reverse("membership:home"),
        key=f"join:{application.pk}:received",
    )


def approve(staff, application: JoinApplication) -> JoinApplication:
    """Staff of the handling union approve: the person becomes a member with a number."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        _decide(staff, application, RequestStatus.APPROVED, now)
        profile = member_profile(application.applicant)
        number = profile.membership_number or new_membership_number(
            profile.user_id, application.org
        )
        MemberProfile.objects.filter(pk=profile.pk).update(
            membership_status=MembershipStatus.MEMBER,
            org=application.org,
            membership_number=number,
            joined_on=timezone.localdate(now),
            real_name=application.real_name,
            occupation=application.occupation,
            employer_name=application.employer_name or profile.employer_name,
            is_new_employment_form=application.is_new_employment_form,
        )
        _event(application.applicant_id, EventKind.JOINED, application.org, actor=staff)
        _tell(
            [application.applicant],
            _("Welcome to the union"),
            _("You are now a member of %(org)s. Your membership number is %(number)s.")
            % {"org": application.org.name, "number": number},
            url=reverse("membership:home"),
            key=f"join:{application.pk}:approved",
        )
    application.refresh_from_db()
    return application


def decline(staff, application: JoinApplication, reason: str) -> JoinApplication:
    reason = _clean_reason(reason, required=True)
    with transaction.atomic(durable=True):
        _decide(staff, application, RequestStatus.DECLINED, timezone.now(), decline_reason=reason)
        _not_member_any_more(application.applicant_id)
        _event(
            application.applicant_id, EventKind.DECLINED, application.org, actor=staff, note=reason
        )
        _tell(
            [application.applicant],
            _("Your join application was declined"),
            _("%(org)s declined your application. Reason: %(reason)s")
            % {"org": application.org.name, "reason": reason},
            url=reverse("membership:home"),
            key=f"join:{application.pk}:declined",
        )
    application.refresh_from_db()
    return application


def withdraw(user, application: JoinApplication) -> JoinApplication:
    """The applicant takes back a pending application."""
    if application.applicant_id != user.pk:
        raise NotAllowed(_("Only the applicant can withdraw an application."))
    with transaction.atomic(durable=True):
        updated = JoinApplication.objects.filter(
            pk=application.pk, applicant=user, status=PENDING
        ).update(status=RequestStatus.WITHDRAWN, decided_at=timezone.now())
        if not updated:
            raise Conflict(_("This application is no longer waiting for a decision."))
        _not_member_any_more(user.pk)
        _event(user.pk, EventKind.WITHDRAWN, application.org, actor=user)
    application.refresh_from_db()
    return application


# --- Deadlines -------------------------------------------------------------------------


def escalate_overdue(now=None) -> int:
    """Move every overdue pending application to the parent union; returns how many moved.

    Safe to run twice or in parallel: each move is a conditional update keyed on the org
    and deadline the sweep saw. At the root there is nowhere to go: the application is
    flagged once and its staff are told.
    """
    now = now or timezone.now()
    overdue = list(
        JoinApplication.objects.pending()
        .filter(due_at__lte=now, flagged_at__isnull=True)
        .select_related("org", "applicant")
        .order_by("due_at", "id")[:SWEEP_BATCH]
    )
    paths = {path for a in overdue for path in a.org.ancestor_paths()[:-1]}
    active = {o.path: o for o in Org.objects.filter(path__in=paths, is_active=True)}
    moved = 0
    for application in overdue:
        above = [active[p] for p in application.org.ancestor_paths()[:-1] if p in active]
        if above:
            moved += _escalate(application, above[-1], now)
        else:
            _flag_at_root(application, now)
    return moved


def _escalate(application: JoinApplication, parent: Org, now) -> int:
    due = decision_due(now)
    step = application.escalations + 1
    with transaction.atomic():
        updated = JoinApplication.objects.filter(
            pk=application.pk, status=PENDING, org=application.org_id, due_at=application.due_at
        ).update(org=parent, due_at=due, escalations=F("escalations") + 1)
        if not updated:
            return 0
        _event(application.applicant_id, EventKind.ESCALATED, parent, from_org=application.org)
        names = {"name": application.real_name, "org": application.org.name, "parent": parent.name}
        names["deadline"] = deadline_text(due)
        _tell(
            org_staff(parent),
            _("Overdue join application escalated to you"),
            _(
                "%(org)s did not decide on %(name)s's application in time; it now rests with "
                "%(parent)s. To be handled by %(deadline)s."
            )
            % names,
            url=reverse("membership:staff_queue"),
            key=f"join:{application.pk}:escalated:{step}",
        )
        _tell(
            [application.applicant],
            _("Your join application went to the higher-level union"),
            _(
                "%(org)s did not decide in time, so %(parent)s now handles your application. To be handled by %(deadline)s."
            )
            % names,
            url=reverse("membership:home"),
            key=f"join:{application.pk}:escalated:{step}",
        )
    return 1


def _flag_at_root(application: JoinApplication, now) -> None:
    with transaction.atomic():
        updated = JoinApplication.objects.filter(
            pk=application.pk, status=PENDING, due_at=application.due_at, flagged_at__isnull=True
        ).update(flagged_at=now)
        if updated:
            _tell(
                org_staff(application.org),
                _("Join application overdue"),
                _("The application of %(name)s is overdue. Please decide now.")
                % {"name": application.real_name},
                url=reverse("membership:staff_queue"),
                key=f"join:{application.pk}:flagged",
            )


# --- Transfers and leaving -------------------------------------------------------------


def request_transfer(
    user,
    *,
    to_org: Org | None = None,
    area: Org | None = None,
    new_employer_name: str = "",
    credit_code: str = "",
    reason: str = "",
) -> TransferRequest:
    """A member asks to move to another union: named directly, or found like an application."""
    profile = member_profile(user)
    if not profile.is_member or profile.org is None:
        raise Conflict(_("Only a member can transfer their membership."), code="not_member")
    new_employer_name = normalize_employer(new_employer_name)
    errors: dict[str, list[str]] = {}
    if to_org is not None and not to_org.is_active:
        errors["to_org"] = [_("This union does not take members any more.")]
    if to_org is None and (area is None or not area.is_active or area.level not in REGIONAL_LEVELS):
        errors["area"] = [_("Choose the area where you work from the list.")]
    if len(new_employer_name) > 200:
        errors["new_employer_name"] = [_("The employer's name is too long.")]
    try:
        credit_code = clean_credit_code(credit_code)
        reason = _clean_reason(reason, required=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    routed = ""
    if to_org is None:
        to_org, routed = route(
            profile.occupation,
            area,
            new_employer_name,
            credit_code,
            new_employment_form=profile.is_new_employment_form,
        )
    if to_org.pk == profile.org_id:
        raise ValidationError(_("You are already a member of %(org)s.") % {"org": to_org.name})
    try:
        with transaction.atomic(durable=True):
            transfer = TransferRequest.objects.create(
                member=user,
                from_org=profile.org,
                to_org=to_org,
                new_employer_name=new_employer_name,
                routed_by=routed,
                reason=reason,
                due_at=decision_due(),
            )
            _event(user.pk, EventKind.TRANSFER_REQUESTED, to_org, actor=user, from_org=profile.org)
            _announce_transfer(transfer, profile)
    except IntegrityError:
        raise Conflict(
            _("You already have a transfer waiting for a decision."), code="already_requested"
        ) from None
    return transfer


def _announce_transfer(transfer: TransferRequest, profile: MemberProfile) -> None:
    names = {
        "name": profile.real_name,
        "from": transfer.from_org.name,
        "to": transfer.to_org.name,
        "deadline": deadline_text(transfer.due_at),
    }
    _tell(
        org_staff(transfer.to_org),
        _("New membership transfer"),
        _("%(name)s asks to transfer from %(from)s to %(to)s. To be handled by %(deadline)s.")
        % names,
        url=reverse("membership:staff_transfers"),
        key=f"transfer:{transfer.pk}:new",
    )
    _tell(
        [transfer.member],
        _("Your transfer request was received"),
        _("%(to)s will decide on your transfer. To be handled by %(deadline)s.") % names,
        url=reverse("membership:home"),
        key=f"transfer:{transfer.pk}:received",
    )


def approve_transfer(staff, transfer: TransferRequest) -> TransferRequest:
    """Staff of the receiving union approve: number and join date stay, the union changes."""
    with transaction.atomic(durable=True):
        _decide(staff, transfer, RequestStatus.APPROVED, timezone.now())
        fields: dict = {"org": transfer.to_org}
        if transfer.new_employer_name:
            fields["employer_name"] = transfer.new_employer_name
        moved = MemberProfile.objects.filter(
            user_id=transfer.member_id,
            membership_status=MembershipStatus.MEMBER,
            org=transfer.from_org_id,
        ).update(**fields)
        if not moved:
            raise Conflict(_("The membership changed meanwhile; this transfer no longer applies."))
        _event(
            transfer.member_id,
            EventKind.TRANSFERRED,
            transfer.to_org,
            actor=staff,
            from_org=transfer.from_org,
            note=transfer.reason,
        )
        names = {"from": transfer.from_org.name, "to": transfer.to_org.name}
        _tell(
            [transfer.member],
            _("Your membership was transferred"),
            _("You are now a member of %(to)s; your membership number stays the same.") % names,
            url=reverse("membership:home"),
            key=f"transfer:{transfer.pk}:approved",
        )
        _tell(
            org_staff(transfer.from_org),
            _("A member transferred out"),
            _("%(name)s has moved from %(from)s to %(to)s.")
            % {**names, "name": member_profile(transfer.member).real_name},
            url=reverse("membership:staff_transfers"),
            key=f"transfer:{transfer.pk}:approved",
        )
    transfer.refresh_from_db()
    return transfer


def decline_transfer(staff, transfer: TransferRequest, reason: str) -> TransferRequest:
    reason = _clean_reason(reason, required=True)
    with transaction.atomic(durable=True):
        _decide(staff, transfer, RequestStatus.DECLINED, timezone.now(), decline_reason=reason)
        _event(
            transfer.member_id,
            EventKind.TRANSFER_DECLINED,
            transfer.to_org,
            actor=staff,
            from_org=transfer.from_org,
            note=reason,
        )
        _tell(
            [transfer.member],
            _("Your transfer request was declined"),
            _("%(org)s declined your transfer. Reason: %(reason)s")
            % {"org": transfer.to_org.name, "reason": reason},
            url=reverse("membership:home"),
            key=f"transfer:{transfer.pk}:declined",
        )
    transfer.refresh_from_db()
    return transfer


def withdraw_transfer(user, transfer: TransferRequest) -> TransferRequest:
    if transfer.member_id != user.pk:
        raise NotAllowed(_("Only the member can withdraw a transfer request."))
    with transaction.atomic(durable=True):
        updated = TransferRequest.objects.filter(
            pk=transfer.pk, member=user, status=PENDING
        ).update(status=RequestStatus.WITHDRAWN, decided_at=timezone.now())
        if not updated:
            raise Conflict(_("This transfer is no longer waiting for a decision."))
        _event(
            user.pk,
            EventKind.TRANSFER_WITHDRAWN,
            transfer.to_org,
            actor=user,
            from_org=transfer.from_org,
        )
    transfer.refresh_from_db()
    return transfer


def leave(user, reason: str = "") -> MemberProfile:
    """A member leaves the union. The number stays theirs should they rejoin."""
    reason = _clean_reason(reason, required=False)
    now = timezone.now()
    with transaction.atomic(durable=True):
        left = MemberProfile.objects.filter(
            user=user, membership_status=MembershipStatus.MEMBER
        ).update(membership_status=MembershipStatus.LEFT)
        if not left:
            raise Conflict(_("You are not a member of the union."), code="not_member")
        profile = MemberProfile.objects.select_related("org").get(user=user)
        TransferRequest.objects.filter(member=user, status=PENDING).update(
            status=RequestStatus.WITHDRAWN, decided_at=now
        )
        _event(user.pk, EventKind.LEFT, profile.org, actor=user, note=reason)
        _tell(
            [user],
            _("You have left the union"),
            _("You are no longer a member of %(org)s. You can apply to join again at any time.")
            % {"org": profile.org.name},
            url=reverse("membership:home"),
            key=None,
        )
    return profile


# --- Reading ---------------------------------------------------------------------------


def overview(user) -> dict:
    """Everything the worker's membership page and ``/api/membership/me`` show."""
    profile = MemberProfile.objects.filter(user=user).select_related("org").first()
    if profile is None:
        profile = member_profile(user)
    application = (
        JoinApplication.objects.pending().filter(applicant=user).select_related("org").first()
    )
    transfer = (
        TransferRequest.objects.pending()
        .filter(member=user)
        .select_related("from_org", "to_org")
        .first()
    )
    events = (
        MembershipEvent.objects.visible_to(user)
        .filter(member=user)
        .select_related("org", "from_org")
    )
    return {
        "profile": profile,
        "application": application,
        "transfer": transfer,
        "events": list(events),
        "can_apply": not profile.is_member and application is None,
    }
