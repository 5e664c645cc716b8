"""Who is who in 云履职: representatives submit, the union they submit to reviews (小组审议,
assignment, 执行督查), the department it is assigned to handles it (办理落实)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from yunjishi.core.errors import NotAllowed, ServiceError
from yunjishi.orgs.models import Level, Org
from yunjishi.people.models import MemberProfile, StaffAssignment, User
from yunjishi.people.scope import Person, works_at

from ..models import Proposal, Suggestion

REVIEW_ROLES = ("org_admin", "supervisor")  # 小组审议, assignment and 执行督查
HANDLE_ROLES = ("handler", "org_admin")  # 办理落实 in the assigned department
SUGGESTION_ROLES = ("handler", "org_admin", "supervisor")


def representative_profile(user: Person | None) -> MemberProfile | None:
    """The member profile of an active representative (会员代表), else None."""
    if not isinstance(user, User) or not user.is_active:  # a visitor, or nobody
        return None
    return (
        MemberProfile.objects.filter(user=user, is_representative=True)
        .select_related("org")
        .first()
    )


def require_representative(user: User) -> MemberProfile:
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


def may_review(user: User, proposal: Proposal) -> bool:
    """小组审议, assignment and 执行督查: reviewers of the union it was submitted to."""
    return works_at(user, proposal.org, REVIEW_ROLES) and proposal.representative_id != user.pk


def may_handle(user: User, proposal: Proposal) -> bool:
    """办理落实: handlers (or the admin) of the department it is assigned to."""
    return (
        works_at(user, proposal.handling_org, HANDLE_ROLES)
        and proposal.representative_id != user.pk
    )


def staff_of(org: Org, roles, *, up_to: Org | None = None) -> list:
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


def my_url(proposal: Proposal) -> str:
    return reverse("proposals:detail", args=[proposal.pk])


def staff_url(proposal: Proposal) -> str:
    return reverse("proposals:staff_detail", args=[proposal.pk])


def suggestion_url(suggestion: Suggestion) -> str:
    return reverse("proposals:suggestion", args=[suggestion.pk])


def staff_suggestion_url(suggestion: Suggestion) -> str:
    return reverse("proposals:staff_suggestion", args=[suggestion.pk])
