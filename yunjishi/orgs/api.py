from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from yunjishi.core.validators import PageOffset

from .models import Org

router = Router(tags=["orgs"])


class OrgOut(Schema):
    id: int
    code: str
    name: str
    level: str
    region_code: str
    region_name: str
    depth: int
    parent_id: int | None = None

    @staticmethod
    def resolve_parent_id(org) -> int | None:
        return getattr(org, "_parent_id", None)


def _with_parents(orgs: list[Org]) -> list[Org]:
    """Attach parent ids with one query for the whole page."""
    parent_paths = {o.path[: -Org.steplen] for o in orgs if o.depth > 1}
    ids = dict(Org.objects.filter(path__in=parent_paths).values_list("path", "id"))
    for org in orgs:
        org._parent_id = ids.get(org.path[: -Org.steplen])
    return orgs


@router.get("/", response=list[OrgOut], auth=None, summary="Union organisations (public directory)")
def list_orgs(
    request, parent: int | None = None, q: str = "", limit: int = 100, offset: PageOffset = 0
):
    """Roots, or the children of ``parent``; ``q`` searches names and codes anywhere in the tree."""
    limit = max(1, min(limit, 500))
    orgs = Org.objects.visible_to(request.user).filter(is_active=True)
    if q:
        orgs = orgs.filter(name__icontains=q) | orgs.filter(code__iexact=q)
    elif parent is not None:
        orgs = get_object_or_404(Org, pk=parent, is_active=True).get_children()
    else:
        orgs = orgs.filter(depth=1)
    return _with_parents(list(orgs[offset : offset + limit]))


@router.get("/{org_id}", response=OrgOut, auth=None)
def get_org(request, org_id: int):
    return _with_parents([get_object_or_404(Org.objects.visible_to(request.user), pk=org_id)])[0]


@router.get(
    "/{org_id}/subtree", response=list[OrgOut], auth=None, summary="An org and everything under it"
)
def subtree(request, org_id: int, limit: int = 500, offset: PageOffset = 0):
    org = get_object_or_404(Org.objects.visible_to(request.user), pk=org_id, is_active=True)
    limit = max(1, min(limit, 2000))
    return _with_parents(
        list(Org.objects.subtree(org).filter(is_active=True)[offset : offset + limit])
    )
