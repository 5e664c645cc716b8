"""The staff side of appeals over the API (/api/appeals/staff/, mounted by ``api``): the
workbench queues, every handling action, 督办, the boards and statistics; routing rules
(``/rules``) and categories (``/categories``). Appeals outside the caller's scope are 404.
Staff answers never carry a user id, name or phone of the sender (``submitter`` is a label).
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status as HttpStatus

from yunjishi.core.errors import NotAllowed
from yunjishi.core.fields import IdParam, IntParam
from yunjishi.core.validators import Paging
from yunjishi.core.views import message_of
from yunjishi.orgs.models import Org
from yunjishi.orgs.schemas import org_named
from yunjishi.people.scope import is_staff_member, orgs_in_scope, top_orgs

from . import export, identity, queries, rules, services, stats, supervision
from .models import Appeal, Category, RoutingRule, Supervision
from .schemas import (
    AcceptIn,
    BulkIn,
    BulkOut,
    CategoryIn,
    ComplexityIn,
    IdentityOut,
    MergeIn,
    QuestionIn,
    QueueFilters,
    ReassignIn,
    ResolveIn,
    RevealIn,
    RuleIn,
    RuleOut,
    StaffAppealDetailOut,
    StaffAppealOut,
    StaffCategoryOut,
    SuperviseIn,
    SupervisionOut,
)

router = Router(tags=["appeals: staff"])
rules_router = Router(tags=["appeals: routing rules"])
categories_router = Router(tags=["appeals: categories"])
router.add_router("/rules", rules_router)
router.add_router("/categories", categories_router)


def staff_user(request):
    """The caller, if they are union staff; else 403."""
    if not is_staff_member(request.auth):
        raise NotAllowed(_("Only union staff may do this."))
    return request.auth


def _staff_appeal(request, pk: IdParam) -> Appeal:
    return get_object_or_404(queries.staff_appeals(staff_user(request)), pk=pk)


# --- Queues and handling ---------------------------------------------------------------


def _queue(request, filters: QueueFilters):
    user = staff_user(request)
    org = None
    if filters.org_id is not None:
        org = get_object_or_404(orgs_in_scope(user), pk=filters.org_id)
    category = Category.objects.filter(pk=filters.category_id).first()
    if filters.category_id is not None and category is None:
        return Appeal.objects.none()
    return queries.queue(
        user, filters.queue, status=filters.status or "", category=category, org=org, text=filters.q
    )


@router.get("/appeals", response=list[StaffAppealOut], summary="A workbench queue")
@paginate(Paging)
def queue(request, filters: Query[QueueFilters]):
    return _queue(request, filters)


@router.get(
    "/export",
    summary="A workbench queue as an Excel file (senders of anonymous appeals left out)",
)
def export_xlsx(request, filters: Query[QueueFilters]):
    found = _queue(request, filters)
    org = None
    if filters.org_id is not None:
        org = orgs_in_scope(request.auth).filter(pk=filters.org_id).first()
    return export.response(request, request.auth, found, filters.queue, org)


@router.get("/counts", response=dict[str, int], summary="How many in each queue")
def counts(request):
    return queries.queue_counts(staff_user(request))


@router.get("/appeals/{pk}", response=StaffAppealDetailOut, summary="One appeal")
def staff_detail(request, pk: IdParam):
    return _staff_appeal(request, pk)


@router.post("/appeals/{pk}/accept", response=StaffAppealDetailOut, summary="受理")
def accept(request, pk: IdParam, payload: AcceptIn | None = None):
    complexity = payload.complexity if payload and payload.complexity else ""
    services.accept(request.auth, _staff_appeal(request, pk), complexity)
    return _staff_appeal(request, pk)


@router.post("/appeals/{pk}/start", response=StaffAppealDetailOut, summary="办理中")
def start(request, pk: IdParam):
    services.start(request.auth, _staff_appeal(request, pk))
    return _staff_appeal(request, pk)


@router.post(
    "/appeals/{pk}/complexity", response=StaffAppealDetailOut, summary="一般 / 疑难 / 复杂"
)
def complexity(request, pk: IdParam, payload: ComplexityIn):
    services.set_complexity(request.auth, _staff_appeal(request, pk), payload.complexity)
    return _staff_appeal(request, pk)


@router.post("/appeals/{pk}/ask", response=StaffAppealDetailOut, summary="待补充: pauses the clock")
def ask(request, pk: IdParam, payload: QuestionIn):
    services.request_info(request.auth, _staff_appeal(request, pk), payload.question)
    return _staff_appeal(request, pk)


@router.post("/appeals/{pk}/resolve", response=StaffAppealDetailOut, summary="已办结 or 已解释")
def resolve(request, pk: IdParam, payload: ResolveIn):
    services.resolve(request.auth, _staff_appeal(request, pk), payload.answer, payload.outcome)
    return _staff_appeal(request, pk)


@router.post(
    "/appeals/{pk}/reassign",
    response={200: StaffAppealDetailOut, 204: None},
    summary="Hand over with a reason (204 when it left your scope)",
)
def reassign(request, pk: IdParam, payload: ReassignIn):
    org = org_named(payload.org_id)
    services.reassign(request.auth, _staff_appeal(request, pk), org, payload.reason)
    found = queries.staff_appeals(request.auth).filter(pk=pk).first()
    return found if found is not None else HttpStatus(204, None)


@router.post("/appeals/{pk}/merge", response=StaffAppealDetailOut, summary="Merge a duplicate")
def merge(request, pk: IdParam, payload: MergeIn):
    into = queries.staff_appeals(request.auth).filter(pk=payload.into_id).first()
    if into is None:
        raise ValidationError({"into_id": [_("That appeal is not in your part of the union.")]})
    services.merge(request.auth, _staff_appeal(request, pk), into)
    return _staff_appeal(request, pk)


@router.post(
    "/appeals/{pk}/supervise", response={201: SupervisionOut}, summary="督办 (supervisors)"
)
def supervise(request, pk: IdParam, payload: SuperviseIn):
    flagged = supervision.supervise(
        request.auth, _staff_appeal(request, pk), payload.instructions, payload.deadline
    )
    return HttpStatus(201, flagged)


@router.post(
    "/appeals/{pk}/reveal",
    response=IdentityOut,
    summary="Who sent an anonymous appeal (supervisors; the reason is logged)",
)
def reveal(request, pk: IdParam, payload: RevealIn):
    return identity.reveal(request.auth, _staff_appeal(request, pk), payload.reason)


@router.post("/bulk", response=BulkOut, summary="Accept, start or hand over several")
def bulk(request, payload: BulkIn):
    user = staff_user(request)
    org = org_named(payload.org_id) if payload.action == "reassign" else None
    if payload.action == "reassign" and org is None:
        raise ValidationError({"org_id": [_("Choose where to hand them.")]})
    done, refused = services.act_on_many(
        user, payload.ids, payload.action, org=org, reason=payload.reason
    )
    return {
        "done": [appeal.pk for appeal in done],
        "refused": {str(appeal.pk): message_of(error) for appeal, error in refused},
    }


@router.get("/supervisions", response=list[SupervisionOut], summary="The 督办 board")
def supervisions(request):
    return (
        Supervision.objects.visible_to(staff_user(request))
        .filter(closed_at__isnull=True)
        .select_related("appeal", "by")
        .order_by("deadline", "id")[:200]
    )


@router.get("/board/reopened", response=list[StaffAppealOut], summary="Board: reopened, still open")
@paginate(Paging)
def board_reopened(request):
    return queries.reopened(staff_user(request))


@router.get(
    "/board/past-due", response=list[StaffAppealOut], summary="Board: past the handling deadline"
)
@paginate(Paging)
def board_past_due(request):
    return queries.past_due(staff_user(request))


@router.get("/stats", summary="Figures for an org subtree (办结率, 满意率…)")
def statistics(request, org_id: IdParam | None = None, year: IntParam | None = None):
    user = staff_user(request)
    if org_id is None:
        org = top_orgs(user).first()
        if org is None:
            raise NotAllowed(_("Only union staff may do this."))
    else:
        org = get_object_or_404(orgs_in_scope(user), pk=org_id)
    return stats.figures(org, year)


# --- Routing rules and categories ------------------------------------------------------


def _save_rule(request, rule: RoutingRule | None, payload: RuleIn) -> RoutingRule:
    category = None
    if payload.category_id is not None:
        category = get_object_or_404(Category, pk=payload.category_id)
    return rules.save_rule(
        request.auth,
        rule,
        org=Org.objects.filter(pk=payload.org_id).first(),  # save_rule names the field
        category=category,
        severity=payload.severity or "",
        target=payload.target,
        # An unknown handling union is refused by name, not saved as "none".
        handling_org=org_named(payload.handling_org_id, "handling_org"),
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
def rule_update(request, pk: IdParam, payload: RuleIn):
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
def category_update(request, pk: IdParam, payload: CategoryIn):
    staff_user(request)
    category = get_object_or_404(Category, pk=pk)
    return rules.save_category(request.auth, category, **payload.dict())
