"""The public directory of the union tree (/api/orgs/): no login needed, paged like every
other list ({"items", "count"}, ``limit`` and ``offset``)."""

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from yunjishi.core.fields import IdParam, Line
from yunjishi.core.validators import Paging

from .models import Org
from .schemas import OrgOut

router = Router(tags=["orgs"])


def _with_parents(orgs: list[Org]) -> list[Org]:
    """Attach parent ids with one query for the whole page."""
    parent_paths = {o.path[: -Org.steplen] for o in orgs if o.depth > 1}
    ids = dict(Org.objects.filter(path__in=parent_paths).values_list("path", "id"))
    for org in orgs:
        org._parent_id = ids.get(org.path[: -Org.steplen])
    return orgs


class _OrgPaging(Paging):
    """Paging that gives each page's orgs their parent ids (one query per page)."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request=request, **params)
        return {**page, "items": _with_parents(list(page["items"]))}


@router.get("/", response=list[OrgOut], auth=None, summary="Union organisations (public directory)")
@paginate(_OrgPaging, max_limit=500)
def list_orgs(request, parent: IdParam | None = None, q: Annotated[str, Line(100)] = ""):
    """Roots, or the children of ``parent``; ``q`` searches names and codes anywhere in the tree."""
    orgs = Org.objects.visible_to(request.user).filter(is_active=True)
    if q:
        return orgs.filter(name__icontains=q) | orgs.filter(code__iexact=q)
    if parent is not None:
        return get_object_or_404(Org, pk=parent, is_active=True).get_children()
    return orgs.filter(depth=1)


@router.get("/{org_id}", response=OrgOut, auth=None)
def get_org(request, org_id: IdParam):
    return _with_parents([get_object_or_404(Org.objects.visible_to(request.user), pk=org_id)])[0]


@router.get(
    "/{org_id}/subtree", response=list[OrgOut], auth=None, summary="An org and everything under it"
)
@paginate(_OrgPaging, max_limit=2000)
def subtree(request, org_id: IdParam):
    org = get_object_or_404(Org.objects.visible_to(request.user), pk=org_id, is_active=True)
    return Org.objects.subtree(org).filter(is_active=True)
