"""Routing: "小诉求不出区域，一般诉求不出直属单位，大诉求有公司跟踪".

``route`` picks the org that handles an appeal from the routing rules of the orgs above
the place it was submitted; ``responsible`` names the three people who answer for it
there: the handler (区域管理员, handles), the tracker (部门管理员, follows it through) and
the supervisor (高级管理员, oversees), each the nearest one at or above the handling org.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q

from yunjishi.orgs.models import Org
from yunjishi.people.models import StaffAssignment

from .models import Category, RoutingRule, Target


def _specificity(rule: RoutingRule) -> tuple[int, int, int]:
    return (rule.org.depth, rule.category_id is not None, bool(rule.severity))


def matching_rule(origin: Org, category: Category, severity: str) -> RoutingRule | None:
    rules = (
        RoutingRule.objects.filter(
            Q(category=category) | Q(category__isnull=True),
            Q(severity=severity) | Q(severity=""),
            org__path__in=origin.ancestor_paths(),
            org__is_active=True,
        )
        .exclude(
            # A chosen union switched off after the rule was made: route as if the rule
            # were not there (the next rule, or where it was submitted).
            target=Target.FIXED,
            handling_org__is_active=False,
        )
        .select_related("org", "handling_org")
    )
    return max(rules, key=_specificity, default=None)


def target_org(rule: RoutingRule | None, origin: Org) -> Org:
    if rule is None or rule.target == Target.ORIGIN:
        return origin
    if rule.target == Target.OWNER:
        return rule.org
    if rule.target == Target.FIXED:
        return rule.handling_org
    # UNIT: the org directly under the rule's org on the way down to the origin
    path = origin.path[: len(rule.org.path) + Org.steplen]
    return Org.objects.filter(path=path).first() or origin


def route(origin: Org, category: Category, severity: str) -> tuple[Org, RoutingRule | None]:
    rule = matching_rule(origin, category, severity)
    return target_org(rule, origin), rule


@dataclass(frozen=True)
class Responsible:
    handler: object | None
    tracker: object | None
    supervisor: object | None

    def with_roles(self) -> Iterator[tuple[str, object]]:
        """``(role, person)`` for each person once, in the order handler, tracker,
        supervisor: someone in two roles is named in the first."""
        seen = set()
        for role in ("handler", "tracker", "supervisor"):
            person = getattr(self, role)
            if person is not None and person.pk not in seen:
                seen.add(person.pk)
                yield role, person

    def people(self) -> list:
        """Each person once, in the order handler, tracker, supervisor."""
        return [person for _role, person in self.with_roles()]


def responsible(org: Org, *, exclude_user_id: int | None = None) -> Responsible:
    """The nearest handler, tracker and supervisor at or above ``org``; one query.

    The submitter is never made responsible for their own appeal.
    """
    rows = (
        StaffAssignment.objects.filter(
            org__path__in=org.ancestor_paths(),
            org__is_active=True,
            role__in=("handler", "tracker", "supervisor"),
            user__is_active=True,
        )
        .exclude(user_id=exclude_user_id)
        .select_related("user")
        .order_by("-org__depth", "id")
    )
    nearest: dict[str, object] = {}
    for row in rows:
        nearest.setdefault(row.role, row.user)
    return Responsible(nearest.get("handler"), nearest.get("tracker"), nearest.get("supervisor"))
