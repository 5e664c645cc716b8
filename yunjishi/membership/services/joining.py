"""Joining the union online (线上入会): applying, the decision, and the deadline sweep."""

import copy

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import luhn

from yunjishi.core.calendar import local_text
from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict
from yunjishi.orgs.models import Org
from yunjishi.people.models import MemberProfile, MembershipStatus, User
from yunjishi.people.services import member_profile

from ..models import EventKind, JoinApplication, RequestStatus
from .requests import JOIN, JOIN_LIFECYCLE, PENDING, decide, decision_due, org_staff, tell
from .routing import REGIONAL_LEVELS, clean_credit_code, normalize_employer, route

SWEEP_BATCH = 1000  # per run of the sweep; the next run (15 minutes later) takes the rest


def new_membership_number(user_id: int, org: Org) -> str:
    """Province code, the person's id, a Luhn check digit: ``35`` ``0000001234`` ``7``.

    Unique because the id is; given once and kept for life, across transfers and rejoining.
    """
    region = next((o.region_code for o in reversed(org.ancestors_and_self()) if o.region_code), "")
    prefix = region[:2] if region[:2].isdigit() else "00"
    body = f"{prefix}{user_id:010d}"
    return body + luhn.calc_check_digit(body)


@write_service
def apply(
    user: User,
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
    assert area is not None  # refused above otherwise

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
        with transaction.atomic():
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
    except IntegrityError:  # the same person submitting twice at the same moment
        raise _already_applied() from None
    MemberProfile.objects.filter(pk=profile.pk).update(membership_status=MembershipStatus.APPLIED)
    JOIN_LIFECYCLE.begin(
        application, actor=user, record=JOIN.history(application, EventKind.APPLIED)
    )
    _announce_application(application)
    return application


def _already_applied() -> Conflict:
    return Conflict(
        _("You already have an application waiting for a decision."), code="already_applied"
    )


def _announce_application(application: JoinApplication) -> None:
    names = {
        "name": application.real_name,
        "org": application.org.name,
        "deadline": local_text(application.due_at),
    }
    tell(
        org_staff(application.org),
        _("New join application"),
        _("%(name)s applied to join %(org)s. To be handled by %(deadline)s.") % names,
        url=reverse("membership:staff_queue"),
        key=f"join:{application.pk}:new",
    )
    tell(
        [application.applicant],
        _("Your join application was received"),
        _("%(org)s will decide on your application. To be handled by %(deadline)s.") % names,
        url=reverse("membership:home"),
        key=f"join:{application.pk}:received",
    )


@write_service
def approve(staff: User, application: JoinApplication) -> JoinApplication:
    """Staff of the handling union approve: the person becomes a member with a number."""
    now = timezone.now()
    application = decide(staff, application, RequestStatus.APPROVED)
    profile = member_profile(application.applicant)
    number = profile.membership_number or new_membership_number(profile.user_id, application.org)
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
    tell(
        [application.applicant],
        _("Welcome to the union"),
        _("You are now a member of %(org)s. Your membership number is %(number)s.")
        % {"org": application.org.name, "number": number},
        url=reverse("membership:home"),
        key=f"join:{application.pk}:approved",
    )
    return application


# --- Deadlines -------------------------------------------------------------------------


def escalate_overdue(now=None) -> int:
    """Move every overdue pending application to the parent union; returns how many moved.

    Safe to run twice or in parallel: each move is a conditional update keyed on the org
    and deadline the sweep saw, each in its own transaction. At the root there is nowhere
    to go: the application is flagged once and its staff are told.
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


@write_service
def _escalate(application: JoinApplication, parent: Org, now) -> int:
    """One overdue application to ``parent``: 1, or 0 if it was decided or moved meanwhile."""
    due = decision_due(now)
    step = application.escalations + 1
    names = {"name": application.real_name, "org": application.org.name, "parent": parent.name}
    names["deadline"] = local_text(due)
    record = JOIN.history(application, EventKind.ESCALATED, org=parent)
    record["from_org"] = application.org
    try:
        JOIN_LIFECYCLE.move(
            copy.copy(application),  # the sweep's row stays as the sweep read it
            PENDING,
            guard={"org": application.org_id, "due_at": application.due_at},
            record=record,
            org=parent,
            due_at=due,
            escalations=F("escalations") + 1,
        )
    except Conflict:
        return 0
    tell(
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
    tell(
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


@write_service
def _flag_at_root(application: JoinApplication, now) -> None:
    """Not a move (the application stays where it is, pending): a flag, set once."""
    updated = JoinApplication.objects.filter(
        pk=application.pk, status=PENDING, due_at=application.due_at, flagged_at__isnull=True
    ).update(flagged_at=now)
    if updated:
        tell(
            org_staff(application.org),
            _("Join application overdue"),
            _("The application of %(name)s is overdue. Please decide now.")
            % {"name": application.real_name},
            url=reverse("membership:staff_queue"),
            key=f"join:{application.pk}:flagged",
        )
