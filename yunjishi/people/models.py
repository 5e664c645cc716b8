"""People: the login account, the profiles a person may hold, and staff assignments.

One person may be a worker, a provider, a merchant, a station manager, a staff member in
several orgs and a representative at once: each role is its own row, not a user type.
"""

import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yunjishi.audit.services import Action, record
from yunjishi.core.masking import mask_id_last4, mask_name, mask_phone
from yunjishi.core.validators import normalize_id_number, normalize_phone, validate_phone
from yunjishi.orgs.models import Org

from .scope import ScopedQuerySet


def id_number_hash(id_number: str) -> str:
    """Keyed hash of a normalised ID number: lets us find a person by ID, never read it back."""
    key = settings.PII_HASH_KEY.encode()
    return hmac.new(key, normalize_id_number(id_number).encode(), hashlib.sha256).hexdigest()


class UserManager(BaseUserManager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, phone: str, password: str | None = None, **fields) -> "User":
        user = self.model(phone=normalize_phone(phone), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, phone: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(phone, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    phone = models.CharField(
        _("mobile phone"),
        max_length=11,
        unique=True,
        validators=[validate_phone],
        error_messages={"unique": _("This mobile number is already registered.")},
    )
    display_name = models.CharField(_("name shown"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_staff = models.BooleanField(
        _("back-office access"),
        default=False,
        help_text=_("Union staff with an assignment get this automatically."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("registered at"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "phone"
    REQUIRED_FIELDS = []
    scope_owner = "pk"
    scope_org = "member_profile__org__path"
    scope_change_roles = ("org_admin",)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.masked_phone

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def clean(self) -> None:
        super().clean()
        if self.phone:
            self.phone = normalize_phone(self.phone)

    def get_full_name(self) -> str:
        return str(self)

    def get_short_name(self) -> str:
        return str(self)

    @property
    def is_union_staff(self) -> bool:
        return self.is_superuser or self.staff_assignments.exists()

    def save(self, *args, **kwargs) -> None:
        # ``set_password`` keeps the new clear password until the save: whichever route set
        # it (the password page, the admin, a command, a reset), the person's API tokens end
        # with the old password. A hash upgrade at login does not count (Django clears it).
        password_changed = getattr(self, "_password", None) is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            ApiToken.objects.revoke_all(self, reason="password changed")


class Occupation(models.Model):
    """Configurable list of occupations; decides eligibility and join routing."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    is_new_employment_form = models.BooleanField(
        _("new employment form"),
        default=False,
        help_text=_("Platform and flexible work such as delivery riders and ride-hailing drivers."),
    )
    sort = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["sort", "name"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return self.name


class MembershipStatus(models.TextChoices):
    NONE = "none", _("Not a member")
    APPLIED = "applied", _("Application pending")
    MEMBER = "member", _("Member")
    LEFT = "left", _("Left the union")


class MemberProfile(models.Model):
    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="member_profile", verbose_name=_("user")
    )
    real_name = models.CharField(_("real name"), max_length=50)
    id_number_hash = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    id_last4 = models.CharField(_("ID number (last 4)"), max_length=4, blank=True, editable=False)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("occupation")
    )
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    is_new_employment_form = models.BooleanField(_("new employment form"), default=False)
    is_migrant = models.BooleanField(_("migrant worker"), default=False)
    is_hardship = models.BooleanField(_("in hardship"), default=False)
    is_veteran = models.BooleanField(_("veteran"), default=False)
    is_disabled = models.BooleanField(_("disabled"), default=False)
    is_representative = models.BooleanField(_("member representative"), default=False)
    membership_status = models.CharField(
        _("membership"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.NONE,
    )
    org = models.ForeignKey(
        Org,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("grassroots union"),
    )
    membership_number = models.CharField(
        _("membership number"), max_length=24, null=True, blank=True, unique=True
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_owner = "user"
    scope_org = "org__path"
    scope_change_roles = ("org_admin",)
    # The member edits their own details on their profile page (the accounts' views), never
    # through the staff routes: owning the record is no right to change it there.
    scope_owner_changes = False

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self) -> str:
        return self.real_name

    def set_id_number(self, id_number: str) -> None:
        normalized = normalize_id_number(id_number)
        self.id_number_hash = id_number_hash(normalized)
        self.id_last4 = normalized[-4:]

    @property
    def masked_id_number(self) -> str:
        return mask_id_last4(self.id_last4)

    @property
    def masked_name(self) -> str:
        return mask_name(self.real_name)

    @property
    def is_member(self) -> bool:
        return self.membership_status == MembershipStatus.MEMBER


class ServiceDomain(models.TextChoices):
    EDUCATION = "education", _("Education and training")
    TECHNOLOGY = "technology", _("High technology")
    HEALTH = "health", _("Medical and health")
    LEGAL = "legal", _("Legal advice")
    RECRUITMENT = "recruitment", _("Recruitment")
    LECTURES = "lectures", _("Themed lectures")
    VISITS = "visits", _("Visits and exchanges")


class ProviderTitle(models.TextChoices):
    NATIONAL_MODEL = "national_model", _("National model worker")
    PROVINCIAL_MODEL = "provincial_model", _("Provincial model worker")
    GREAT_CRAFTSMAN = "great_craftsman", _("Great craftsman of the nation")
    CITY_MODEL = "city_model", _("City model worker or craftsman")
    PARTNER = "partner", _("Partner organisation")
    OTHER = "other", _("Other")


class ProviderProfile(models.Model):
    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="provider_profile", verbose_name=_("user")
    )
    name = models.CharField(_("name shown"), max_length=100)
    title = models.CharField(_("title"), max_length=24, choices=ProviderTitle.choices)
    skills = models.TextField(_("skills"), blank=True)
    service_domains = models.JSONField(_("service domains"), default=list, blank=True)
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="providers", verbose_name=_("owning union")
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope_owner = "user"
    scope_org = "org__path"

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self) -> str:
        return self.name


class MerchantProfile(models.Model):
    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="merchant_profile", verbose_name=_("user")
    )
    business_name = models.CharField(_("business name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    org = models.ForeignKey(
        Org, on_delete=models.PROTECT, related_name="merchants", verbose_name=_("owning union")
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope_owner = "user"
    scope_org = "org__path"

    class Meta:
        verbose_name = _("merchant")
        verbose_name_plural = _("merchants")

    def __str__(self) -> str:
        return self.business_name


class StationManagerProfile(models.Model):
    """Marks a person as a station manager (站点管理员) under an org.

    The stations app links its stations to these people; the link lives there because
    people must not import the domain apps.
    """

    user = models.OneToOneField(
        User,
        on_delete=models.CASCADE,
        related_name="station_manager_profile",
        verbose_name=_("user"),
    )
    org = models.ForeignKey(
        Org,
        on_delete=models.PROTECT,
        related_name="station_managers",
        verbose_name=_("owning union"),
    )

    objects = ScopedQuerySet.as_manager()
    scope_owner = "user"
    scope_org = "org__path"

    class Meta:
        verbose_name = _("station manager")
        verbose_name_plural = _("station managers")

    def __str__(self) -> str:
        return str(self.user)


class StaffRole(models.TextChoices):
    HANDLER = "handler", _("Handler")
    TRACKER = "tracker", _("Tracker")
    SUPERVISOR = "supervisor", _("Supervisor")
    ORG_ADMIN = "org_admin", _("Org administrator")


class StaffAssignment(models.Model):
    """A staff member's role inside one org subtree (user × org × role)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="staff_assignments", verbose_name=_("user")
    )
    org = models.ForeignKey(
        Org, on_delete=models.CASCADE, related_name="staff_assignments", verbose_name=_("org")
    )
    role = models.CharField(_("role"), max_length=16, choices=StaffRole.choices)
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_owner = "user"
    scope_org = "org__path"
    # Only an org admin hands out roles; nobody edits their own assignment.
    scope_change_roles = ("org_admin",)
    scope_owner_changes = False

    class Meta:
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "org", "role"], name="one_role_per_user_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.org} · {self.get_role_display()}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        if not self.user.is_staff:
            User.objects.filter(pk=self.user_id).update(is_staff=True)


class ApiTokenQuerySet(ScopedQuerySet):
    def active(self, now=None) -> "ApiTokenQuerySet":
        return self.filter(expires_at__gt=now or timezone.now())

    def revoke_all(self, user: User, *, reason: str) -> int:
        """End every token of ``user`` (a password change, "log out everywhere"); recorded
        in the audit trail when there was any."""
        deleted, _rows = self.filter(user=user).delete()
        if deleted:
            record(user, Action.TOKEN, subject=user, detail=f"{deleted} token(s) revoked: {reason}")
        return deleted


class ApiToken(models.Model):
    """A bearer token for API clients (mini-program, H5). Only a hash is stored; it ends at
    ``expires_at`` (``API_TOKEN_DAYS`` after it was issued), at logout, or when the
    password changes."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    objects = ApiTokenQuerySet.as_manager()
    scope_owner = "user"
    scope_org = None

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name or f"token {self.pk}"
