"""Scoped access: the one place that answers "what may this user see and change".

A model opts in by using ``ScopedQuerySet`` (or a subclass) and naming two lookups:

- ``scope_org``: the lookup to the materialised path of the org a row belongs to
  (``"org__path"``), or ``None`` if rows do not belong to an org;
- ``scope_owner``: the lookup to the user who owns a row (``"user"``), a tuple of such
  lookups when several people own it (an order: the worker and the provider), or ``None``.

Then ``Model.objects.visible_to(user)`` gives what the user may read and
``Model.objects.changeable_by(user)`` what they may change:

- a superuser: everything;
- union staff: rows whose org lies in the subtree of an org they are assigned to
  (for changes, only through the roles in ``scope_change_roles``), plus their own rows;
- anyone else: only the rows they own (and rows of a model marked ``scope_public``
  for reading).

Pages, the API and the admin all go through these two methods; nothing else decides.

The union tree itself is public (``Org.objects.visible_to`` is every org, decided in
``orgs``, which knows nothing of people); the orgs a staffer works in, manages or may
change are ``orgs_in_scope(user, roles)`` here.
"""

from collections.abc import Iterable
from typing import Any, Protocol, Self

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from yunjishi.orgs.models import Org, collapse_paths, subtree_q


class Person(Protocol):
    """Who asks: a logged-in ``User`` or Django's ``AnonymousUser`` (both have these)."""

    @property
    def pk(self) -> Any: ...
    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_active(self) -> bool: ...
    @property
    def is_superuser(self) -> bool: ...


ALL_STAFF_ROLES = ("handler", "tracker", "supervisor", "org_admin")


def staff_paths(user: Person, roles: Iterable[str] | None = None) -> list[str]:
    """Org paths the user is assigned to, optionally only through the given roles.

    Loaded once per user object (one query), then kept on it for the request.
    """
    if user is None or not user.is_authenticated:
        return []
    cache = getattr(user, "_scope_assignments", None)
    if cache is None:
        StaffAssignment = apps.get_model("people", "StaffAssignment")
        cache = list(
            StaffAssignment.objects.filter(user_id=user.pk, org__is_active=True).values_list(
                "role", "org__path"
            )
        )
        setattr(user, "_scope_assignments", cache)  # noqa: B010 (kept on the user object)
    wanted = set(roles) if roles is not None else None
    return sorted({path for role, path in cache if wanted is None or role in wanted})


def forget_scope(user: Person) -> None:
    """Drop the cached assignments, after they changed."""
    if hasattr(user, "_scope_assignments"):
        delattr(user, "_scope_assignments")  # noqa: B043


def is_staff_member(user: Person, roles: Iterable[str] | None = None) -> bool:
    return bool(user and user.is_authenticated and user.is_active) and (
        user.is_superuser or bool(staff_paths(user, roles))
    )


def scope_q(
    model, user: Person, roles: Iterable[str] | None, include_owner: bool, public: bool
) -> Q | None:
    """The filter for ``model`` and ``user``; ``None`` means no restriction."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Q(pk__in=[]) if not public else None
    if user.is_superuser or public:
        return None
    q = Q(pk__in=[])
    org_lookup = getattr(model, "scope_org", None)
    if org_lookup:
        paths = staff_paths(user, roles)
        if paths:
            q |= _org_q(org_lookup, paths)
    owner_lookup = getattr(model, "scope_owner", None)
    if owner_lookup and include_owner:
        lookups = (owner_lookup,) if isinstance(owner_lookup, str) else owner_lookup
        for lookup in lookups:
            q |= Q(**{lookup: user.pk})
    return q


def _org_q(org_lookup: str, paths: list[str]) -> Q:
    """Rows whose org lies in the subtrees at ``paths``.

    For a foreign key (``"org__path"``) this is ``org_id IN (ids of the subtree)`` rather
    than a range on the joined org table: combined with the owner's ``OR user_id = me``,
    only the former lets the database use an index on each side of the OR (measured in
    bench/orgs.py: a full scan of 200 000 members otherwise).
    """
    if "__" not in org_lookup:
        return subtree_q(paths, org_lookup)
    fk = org_lookup.removesuffix("__path")
    return Q(**{f"{fk}__in": Org.objects.filter(subtree_q(paths)).values("pk")})


class ScopedQuerySet(models.QuerySet):
    """The queryset of every scoped model (``Model.objects.visible_to(user)``)."""

    def visible_to(self, user: Person, roles: Iterable[str] | None = None) -> Self:
        q = scope_q(
            self.model,
            user,
            roles,
            include_owner=True,
            public=getattr(self.model, "scope_public", False),
        )
        return self.all() if q is None else self.filter(q)

    def managed_by(self, user: Person, roles: Iterable[str]) -> Self:
        """Rows in the subtrees where ``user`` holds one of ``roles``; owners get nothing
        extra here (a provider who is also staff may not approve their own listing)."""
        q = scope_q(self.model, user, roles, include_owner=False, public=False)
        return self.all() if q is None else self.filter(q)

    def changeable_by(self, user: Person) -> Self:
        roles = getattr(self.model, "scope_change_roles", ALL_STAFF_ROLES)
        q = scope_q(
            self.model,
            user,
            roles,
            include_owner=getattr(self.model, "scope_owner_changes", True),
            public=False,
        )
        return self.all() if q is None else self.filter(q)


def works_at(user: Person, org, roles: Iterable[str] | None = None) -> bool:
    """True if ``user`` holds one of ``roles`` (any role: None) at ``org`` or above it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(org.path.startswith(p) for p in staff_paths(user, roles))


def orgs_in_scope(user: Person, roles: Iterable[str] | None = None):
    """The orgs a staffer works in: every org under any of their assignments (only those
    through ``roles``, if given)."""
    if user.is_superuser:
        return Org.objects.all()
    return Org.objects.filter(subtree_q(staff_paths(user, roles)))


def top_orgs(user: Person, roles: Iterable[str] | None = None):
    """The highest orgs a staffer is assigned to (a superuser: the roots of the tree)."""
    if user.is_superuser:
        return Org.objects.filter(depth=1)
    return Org.objects.filter(path__in=collapse_paths(staff_paths(user, roles)))


def chosen_org(user: Person, raw):
    """The org a staff page asks for (``?org=<id>``) if the staffer works there; their
    top org if it asks for none (``None`` or an empty field); 404 for any other (``0``
    too), or for a staffer with no org at all."""
    if raw not in (None, ""):
        try:
            return get_object_or_404(orgs_in_scope(user), pk=int(raw))
        except (TypeError, ValueError, OverflowError):
            raise Http404 from None
    org = top_orgs(user).first()
    if org is None:
        raise Http404
    return org
