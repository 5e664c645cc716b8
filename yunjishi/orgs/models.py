"""The union tree (工会组织), stored with materialised paths.

Every org's ``path`` starts with its parent's path, so "this org and everything under it"
is the range ``path >= P and path < next(P)``: one scan of the unique index on ``path``,
on SQLite and PostgreSQL alike (a LIKE prefix filter cannot use that index on SQLite).
"""

from typing import ClassVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


class Level(models.TextChoices):
    NATIONAL = "national", _("National federation")
    PROVINCE = "province", _("Provincial federation")
    CITY = "city", _("City federation")
    COUNTY = "county", _("District or county federation")
    STREET = "street", _("Street or township union")
    COMMUNITY = "community", _("Community or village union")
    GRASSROOTS = "grassroots", _("Enterprise grassroots union")
    INDUSTRY = "industry", _("Industry union")


def path_upper_bound(path: str) -> str:
    """The smallest string greater than every path that starts with ``path``."""
    alphabet = Org.alphabet
    chars = list(path)
    while chars:
        position = alphabet.index(chars[-1])
        if position + 1 < len(alphabet):
            chars[-1] = alphabet[position + 1]
            return "".join(chars)
        chars.pop()  # 'Z' carries into the character before it
    return "~"


def subtree_q(paths, field: str = "path") -> Q:
    """A Q matching rows whose ``field`` lies in any of the subtrees rooted at ``paths``."""
    q = Q(pk__in=[])
    for path in collapse_paths(paths):
        q |= Q(**{f"{field}__gte": path, f"{field}__lt": path_upper_bound(path)})
    return q


def collapse_paths(paths) -> list[str]:
    """Drop paths that lie inside another path of the list: their subtree is covered."""
    result: list[str] = []
    for path in sorted(set(paths)):
        if not result or not path.startswith(result[-1]):
            result.append(path)
    return result


class OrgQuerySet(MP_NodeQuerySet):
    def subtree(self, org: "Org") -> "OrgQuerySet":
        return self.filter(subtree_q([org.path]))

    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> "OrgQuerySet":
        """Union names are public: anyone, logged in or not, may read the whole tree.

        Which orgs a staffer works in (and so may manage or change) depends on their
        assignments, which live a layer up: ``people.scope.orgs_in_scope(user, roles)``.
        """
        return self.all()


class OrgManager(MP_NodeManager.from_queryset(OrgQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> OrgQuerySet:
        return OrgQuerySet(self.model, using=self._db).order_by("path")


class Org(MP_Node):
    steplen = 4
    node_order_by = ["code"]

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    region_code = models.CharField(
        _("region code"),
        max_length=12,
        blank=True,
        help_text=_("Administrative division code, such as 440305 for Nanshan District."),
    )
    region_name = models.CharField(_("region"), max_length=100, blank=True)
    employer_name = models.CharField(
        _("employer"),
        max_length=200,
        blank=True,
        help_text=_("For an enterprise union: the employer whose workers it takes in."),
    )
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, db_index=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects: ClassVar[OrgManager] = OrgManager()
    # Set on a page of orgs by orgs.api (one query for the page), read by its schema.
    _parent_id: int | None

    class Meta:
        verbose_name = _("union organisation")
        verbose_name_plural = _("union organisations")

    def __str__(self) -> str:
        return self.name

    def subtree_q(self, field: str = "path") -> Q:
        return subtree_q([self.path], field)

    def contains(self, other: "Org") -> bool:
        """True if ``other`` is this org or lies under it."""
        return other.path.startswith(self.path)

    def ancestor_paths(self) -> list[str]:
        """Paths of the org's ancestors and itself, root first, without a query."""
        step = self.steplen
        return [self.path[:end] for end in range(step, len(self.path) + 1, step)]

    def ancestors_and_self(self) -> list["Org"]:
        paths = self.ancestor_paths()
        by_path = {org.path: org for org in Org.objects.filter(path__in=paths)}
        return [by_path[path] for path in paths if path in by_path]

    def parent_org(self) -> "Org | None":
        if self.depth <= 1:
            return None
        return Org.objects.filter(path=self.path[: -self.steplen]).first()
