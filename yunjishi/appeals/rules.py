"""Routing rules and categories, changed over the API by the people the admin lets change
them, with the same checks: the model's own (``full_clean``: a chosen union that is still
active, one rule per union, category and reach) and the same scope.

- A routing rule: org admins, for a union in their subtree, sending to a union in their
  scope (``scope_change_roles`` of ``RoutingRule``; the admin offers the same unions).
- A category: the list is shared by the whole platform, so only superusers change it.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from yunjishi.core.db import write_service
from yunjishi.core.errors import Conflict, NotAllowed
from yunjishi.orgs.models import Org
from yunjishi.people.scope import orgs_in_scope

from .models import RULE_TAKEN, Category, RoutingRule

RULE_ROLES = RoutingRule.scope_change_roles


def rule_orgs(user):
    """The unions whose rules ``user`` may make: the subtrees where they are org admin."""
    return orgs_in_scope(user, RULE_ROLES)


def may_change_rule(user, rule: RoutingRule) -> bool:
    return RoutingRule.objects.changeable_by(user).filter(pk=rule.pk).exists()


@write_service
def save_rule(
    user,
    rule: RoutingRule | None,
    *,
    org: Org | None,
    category: Category | None,
    severity: str,
    target: str,
    handling_org: Org | None,
) -> RoutingRule:
    """Create (``rule`` None) or change a routing rule; returns it saved."""
    if rule is not None and not may_change_rule(user, rule):
        raise NotAllowed(_("Only an org admin of this union may change its routing rules."))
    if rule is None and not rule_orgs(user).exists():
        raise NotAllowed(_("Only an org admin of this union may change its routing rules."))
    errors: dict[str, list[str]] = {}
    if org is None or not rule_orgs(user).filter(pk=org.pk).exists():
        errors["org"] = [_("Choose a union where you are an org admin.")]
    if handling_org is not None and not orgs_in_scope(user).filter(pk=handling_org.pk).exists():
        errors["handling_org"] = [_("Choose a union in your part of the union.")]
    if errors:
        raise ValidationError(errors)
    rule = rule or RoutingRule()
    rule.org, rule.category, rule.severity = org, category, severity or ""
    rule.target, rule.handling_org = target, handling_org
    return _save(rule, str(RULE_TAKEN))


@write_service
def save_category(
    user,
    category: Category | None,
    *,
    name: str,
    description: str,
    default_severity: str,
    sort: int,
    is_active: bool,
) -> Category:
    """Create (``category`` None) or change a category: superusers only, as in the admin."""
    if not user.is_superuser:
        raise NotAllowed(_("Only a platform administrator may change the categories."))
    category = category or Category()
    category.name, category.description = (name or "").strip(), (description or "").strip()
    category.default_severity, category.sort, category.is_active = (
        default_severity,
        sort,
        is_active,
    )
    return _save(category, _("A category with this name already exists."))


def _save(row, taken: str):
    row.full_clean()
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # the same one saved at this very moment
        raise Conflict(taken, code="exists") from None
    return row
