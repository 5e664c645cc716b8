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

from .models import ApiToken, MemberProfile, StaffAssignment, User, id_number_hash
from .scope import forget_scope
from .security import token_hash
from .signals import signup_with_registered_phone

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
    assignment, _created = StaffAssignment.objects.get_or_create(user=user, org=org, role=role)
    forget_scope(user)
    return assignment


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


@write_service
def update_member_flags(user: User, member: MemberProfile, **flags) -> MemberProfile:
    if not MemberProfile.objects.changeable_by(user).filter(pk=member.pk).exists():
        raise NotAllowed()
    allowed = {
        "is_new_employment_form",
        "is_migrant",
        "is_hardship",
        "is_veteran",
        "is_disabled",
        "is_representative",
    }
    changed = [name for name, value in flags.items() if name in allowed and value is not None]
    for name in changed:
        setattr(member, name, flags[name])
    if changed:
        member.save(update_fields=changed)
    return member
