"""Routing rules and categories over the API (/api/appeals/staff/rules, …/categories):
list for staff; create and change by the people the admin lets (see ``rules``)."""

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status as HttpStatus

from yunjishi.orgs.models import Org

from . import rules
from .api_base import AppealOrgRef, staff_user
from .models import Category, RoutingRule, Severity, Target

rules_router = Router(tags=["appeals: routing rules"])
categories_router = Router(tags=["appeals: categories"])


def _org(org_id: int | None) -> Org | None:
    return None if org_id is None else Org.objects.filter(pk=org_id).first()


class RuleOut(Schema):
    id: int
    org: AppealOrgRef
    category_id: int | None
    category: str
    severity: str
    target: str
    target_label: str
    handling_org: AppealOrgRef | None
    may_change: bool

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.name if obj.category_id else ""

    @staticmethod
    def resolve_target_label(obj) -> str:
        return str(obj.get_target_display())

    @staticmethod
    def resolve_may_change(obj, context) -> bool:
        return rules.may_change_rule(context["request"].auth, obj)


class RuleIn(Schema):
    org_id: int
    category_id: int | None = None
    severity: Severity | None = None
    target: Target
    handling_org_id: int | None = None


class StaffCategoryOut(Schema):
    id: int
    name: str
    description: str
    default_severity: str
    sort: int
    is_active: bool


class CategoryIn(Schema):
    name: str = Field(max_length=50)
    description: str = Field("", max_length=200)
    default_severity: Severity = Severity.MINOR
    sort: int = Field(100, ge=0, le=32767)
    is_active: bool = True


def _save_rule(request, rule: RoutingRule | None, payload: RuleIn) -> RoutingRule:
    category = None
    if payload.category_id is not None:
        category = get_object_or_404(Category, pk=payload.category_id)
    return rules.save_rule(
        request.auth,
        rule,
        org=_org(payload.org_id),
        category=category,
        severity=payload.severity or "",
        target=payload.target,
        handling_org=_org(payload.handling_org_id),
    )


def _visible_rules(request):
    return RoutingRule.objects.visible_to(staff_user(request)).select_related(
        "org", "category", "handling_org"
    )


@rules_router.get("", response=list[RuleOut], summary="The routing rules in my scope")
def rule_list(request):
    return _visible_rules(request).order_by("org__path", "category__sort", "severity", "id")


@rules_router.post("", response={201: RuleOut}, summary="A new routing rule (org admins)")
def rule_create(request, payload: RuleIn):
    staff_user(request)
    return HttpStatus(201, _save_rule(request, None, payload))


@rules_router.put("/{pk}", response=RuleOut, summary="Change a routing rule (org admins)")
def rule_update(request, pk: int, payload: RuleIn):
    rule = get_object_or_404(_visible_rules(request), pk=pk)
    return _save_rule(request, rule, payload)


@categories_router.get(
    "", response=list[StaffCategoryOut], summary="Every category, offered or not"
)
def category_list(request):
    staff_user(request)
    return Category.objects.all()


@categories_router.post("", response={201: StaffCategoryOut}, summary="A new category (superusers)")
def category_create(request, payload: CategoryIn):
    staff_user(request)
    return HttpStatus(201, rules.save_category(request.auth, None, **payload.dict()))


@categories_router.put("/{pk}", response=StaffCategoryOut, summary="Change a category (superusers)")
def category_update(request, pk: int, payload: CategoryIn):
    staff_user(request)
    category = get_object_or_404(Category, pk=pk)
    return rules.save_category(request.auth, category, **payload.dict())
