"""Rules about people: sign-up, profiles, roles, API tokens."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yunjishi.audit.services import Action, record
from yunjishi.core.db import write_service
from yunjishi.core.errors import NotAllowed
from yunjishi.core.validators import normalize_id_number, normalize_phone

from .models import ApiToken, MemberProfile, StaffAssignment, StaffRole, User, id_number_hash
from .scope import forget_scope, staff_paths
from .security import token_hash
from .signals import password_set_by_staff, signup_with_registered_phone

# What sign-up answers, on the page and in the API, whether or not the number was new.
SIGNUP_ACCEPTED = gettext_lazy(
    "If this mobile number was not registered yet, its account is ready: log in with it. "
    "If it was, its owner has been told in their inbox."
)


@write_service
def register_worker(*, phone: str, password: str, real_name: str, email: str = "") -> User | None:
    """Create a worker's account and empty member profile; raise ValidationError on bad input.

    A number already registered gets no account and no error (sign-up must not tell whether
    a number is registered): the owner is told through ``signup_with_registered_phone``,
    and None is returned.
    """
    errors: dict[str, list[str]] = {}
    try:
        phone = normalize_phone(phone)
    except ValidationError as error:
        errors["phone"] = error.messages
    real_name = (real_name or "").strip()
    if not real_name:
        errors["real_name"] = [_("Enter your real name.")]
    elif len(real_name) > 50:
        errors["real_name"] = [_("The name is too long.")]
    candidate = User(phone=phone if "phone" not in errors else "", display_name=real_name)
    try:
        validate_password(password, candidate)
    except ValidationError as error:
        errors["password"] = error.messages
    if errors:
        raise ValidationError(errors)
    existing = User.objects.filter(phone=phone).first()
    if existing is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    phone, password, display_name=real_name, email=email
                )
                MemberProfile.objects.create(user=user, real_name=real_name)
        except IntegrityError:  # the same phone registered at the same moment
            existing = User.objects.filter(phone=phone).first()
        else:
            return user
    if existing is not None:
        # As long as hashing the new account's password would take: the answer's timing
        # does not tell either.
        make_password(password)
        signup_with_registered_phone.send(sender=User, user=existing)
    return None


def member_profile(user: User) -> MemberProfile:
    """The user's member profile, created empty if they have none yet (staff, providers)."""
    profile, _created = MemberProfile.objects.get_or_create(
        user=user, defaults={"real_name": user.display_name or ""}
    )
    return profile


def set_id_number(profile: MemberProfile, id_number: str) -> None:
    """Store an ID number as keyed hash + last four; refuse one already used by another person."""
    normalized = normalize_id_number(id_number)
    taken = (
        MemberProfile.objects.filter(id_number_hash=id_number_hash(normalized))
        .exclude(pk=profile.pk)
        .exists()
    )
    if taken:
        raise ValidationError(
            {"id_number": [_("This ID number is already registered to another account.")]}
        )
    profile.set_id_number(normalized)


def find_by_id_number(id_number: str) -> MemberProfile | None:
    return MemberProfile.objects.filter(id_number_hash=id_number_hash(id_number)).first()


@write_service
def assign_staff(user: User, org, role: str) -> StaffAssignment:
    """Give a role with nobody asking (demo data, fixtures, commands); people hand roles
    out through ``grant_staff``, which checks who asks and writes the audit trail."""
    assignment, _created = StaffAssignment.objects.get_or_create(user=user, org=org, role=role)
    forget_scope(user)
    return assignment


def hands_out_roles_at(actor: User, org) -> bool:
    """Whether ``actor`` may grant or remove roles at ``org``: a superuser anywhere, an org
    admin only strictly below an org they administer (a street's admin makes the staff of
    its enterprises, never of the street itself, which the district's admin does)."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    return any(
        org.path.startswith(path) and len(org.path) > len(path)
        for path in staff_paths(actor, ("org_admin",))
    )


def check_grant(actor: User, user: User, org) -> None:
    """Raise NotAllowed unless ``actor`` may change ``user``'s roles at ``org``."""
    if user.pk == actor.pk:
        raise NotAllowed(_("Nobody grants or removes their own roles."))
    if not hands_out_roles_at(actor, org):
        raise NotAllowed(_("Only an administrator of a union above this one may do this."))


@write_service
def grant_staff(actor: User, user: User, org, role: str, *, request=None) -> StaffAssignment:
    """``actor`` gives ``user`` a role at ``org`` (and with it the back office); recorded."""
    if role not in StaffRole.values:
        raise ValidationError({"role": [_("Choose a role.")]})
    check_grant(actor, user, org)
    assignment, created = StaffAssignment.objects.get_or_create(user=user, org=org, role=role)
    if created:
        record(
            actor,
            Action.GRANT,
            subject=user,
            org=org,
            target=f"people.staffassignment:{assignment.pk}",
            detail=role,
            request=request,
        )
    forget_scope(user)
    return assignment


@write_service
def revoke_staff(actor: User, assignment: StaffAssignment, *, request=None) -> None:
    """``actor`` removes one role; recorded. Without any role left, the person loses the
    back office too (a superuser keeps it)."""
    check_grant(actor, assignment.user, assignment.org)
    # Lock the person: two removals at once both see what is left after them.
    user = User.objects.select_for_update().get(pk=assignment.user_id)
    deleted, _rows = StaffAssignment.objects.filter(pk=assignment.pk).delete()
    if not deleted:
        return  # someone else removed it first
    record(
        actor,
        Action.REVOKE,
        subject=user,
        org=assignment.org,
        target=f"people.staffassignment:{assignment.pk}",
        detail=assignment.role,
        request=request,
    )
    if not user.is_superuser and not StaffAssignment.objects.filter(user=user).exists():
        User.objects.filter(pk=user.pk).update(is_staff=False)
    forget_scope(assignment.user)


def may_set_password(actor: User, user: User) -> bool:
    """Only a superuser sets someone else's password: an org admin who could would log in
    as a worker and read their anonymous appeals. Members reset theirs themselves."""
    return (
        actor.is_authenticated and actor.is_active and (actor.is_superuser or actor.pk == user.pk)
    )


def password_was_set(actor: User, user: User, *, request=None) -> None:
    """After a password was set in the back office: recorded, and the person is told
    (``notify`` listens; it sits above people), in the caller's transaction."""
    record(
        actor,
        Action.PASSWORD,
        subject=user,
        target=f"people.user:{user.pk}",
        detail="set by a superuser" if actor.pk != user.pk else "own password",
        request=request,
    )
    if actor.pk != user.pk:
        password_set_by_staff.send(sender=User, actor=actor, user=user)


@write_service
def issue_token(user: User, name: str = "") -> str:
    """Create an API token valid for ``API_TOKEN_DAYS``; the clear key is returned once and
    never stored."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        key_hash=token_hash(key),
        name=name[:100],
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
    )
    return key


def token_expiry(key: str):
    """When the token with this clear key ends."""
    return ApiToken.objects.values_list("expires_at", flat=True).get(key_hash=token_hash(key))


def active_tokens(user: User):
    """The person's tokens that still open the API, newest first."""
    return ApiToken.objects.filter(user=user).active().order_by("-created_at", "-pk")


@write_service
def revoke_token(user: User, token_id: int, *, request=None) -> bool:
    """End one of ``user``'s own tokens; False when they have no such token."""
    deleted, _rows = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if deleted:
        record(
            user, Action.TOKEN, subject=user, detail=f"token {token_id} revoked", request=request
        )
    return bool(deleted)


def search_members(user: User, *, query: str = "", status: str = ""):
    """The member profiles ``user`` may see, by name, membership number or full phone number."""
    members = MemberProfile.objects.visible_to(user).select_related("user", "org", "occupation")
    query = (query or "").strip()
    if query:
        if len(query) == 11 and query.isdigit():
            members = members.filter(user__phone=query)
        else:
            members = members.filter(Q(real_name__contains=query) | Q(membership_number=query))
    if status:
        members = members.filter(membership_status=status)
    return members.order_by("org__path", "real_name", "pk")


# What staff may set on a member's record (the member declares some of them on their own
# profile page too; ``is_representative`` only staff).
MEMBER_FLAGS = (
    "is_new_employment_form",
    "is_migrant",
    "is_hardship",
    "is_veteran",
    "is_disabled",
    "is_representative",
)


def may_change_flags(user: User, member: MemberProfile) -> bool:
    """An org admin over the member's union (a superuser anywhere), never on their own
    record: a tracker or org admin who is also a member does not vouch for themself."""
    if member.user_id == user.pk and not user.is_superuser:
        return False
    return MemberProfile.objects.changeable_by(user).filter(pk=member.pk).exists()


def _flag_text(value: bool) -> str:
    return "true" if value else "false"


@write_service
def update_member_flags(
    user: User, member: MemberProfile, *, request=None, **flags
) -> MemberProfile:
    """Set the staff-controlled flags given (``None``: leave as is); each change is in the
    audit trail ("is_hardship: false→true")."""
    if not may_change_flags(user, member):
        raise NotAllowed()
    # Only the profile's row: PostgreSQL locks no row of an outer join (org may be empty).
    member = (
        MemberProfile.objects.select_for_update(of=("self",))
        .select_related("user", "org")
        .get(pk=member.pk)
    )
    changed = [
        name
        for name, value in flags.items()
        if name in MEMBER_FLAGS and value is not None and getattr(member, name) != value
    ]
    details = [
        f"{name}: {_flag_text(getattr(member, name))}→{_flag_text(flags[name])}" for name in changed
    ]
    for name in changed:
        setattr(member, name, flags[name])
    if changed:
        member.save(update_fields=changed)
        record(
            user,
            Action.CHANGE,
            subject=member.user,
            org=member.org,
            target=f"people.memberprofile:{member.pk}",
            detail="; ".join(details),
            request=request,
        )
    return member
