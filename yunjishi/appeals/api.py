"""Appeals over the API (/api/appeals/): submit, follow, answer and rate as a worker;
public figures for anyone; the staff side is ``api_staff``, mounted here under /staff/.

Handlers only translate; the rules live in ``services``. Appeals outside the caller's
scope are 404. The sender of an anonymous appeal never appears in a staff answer: staff
schemas carry ``submitter`` (a label from ``identity``), never a user id, name or phone.
"""

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import File, Router, UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status as HttpStatus

from yunjishi.core.fields import IdParam, Line
from yunjishi.core.validators import Paging
from yunjishi.orgs.models import Org
from yunjishi.orgs.schemas import OrgRef, org_named

from . import following, queries, services, stats
from .api_staff import router as staff_router
from .models import Appeal, Category
from .schemas import (
    AppealRateIn,
    CategoryOut,
    DraftIn,
    MyAppealOut,
    SimilarOut,
    SubmitIn,
    TextIn,
)

router = Router(tags=["appeals"])
public_router = Router(tags=["appeals: public"], auth=None)
router.add_router("/staff", staff_router)
router.add_router("/public", public_router)


# --- Helpers ---------------------------------------------------------------------------


def _mine_or_followed(request, pk: IdParam) -> Appeal:
    return get_object_or_404(queries.worker_appeals(request.auth), pk=pk)


def _mine(request, pk: IdParam) -> Appeal:
    return get_object_or_404(queries.own_appeals(request.auth), pk=pk)


# --- Workers ---------------------------------------------------------------------------


@router.get("/categories", response=list[CategoryOut], summary="The categories offered")
def category_list(request):
    return Category.objects.filter(is_active=True)


@router.post("/similar", response=list[SimilarOut], summary="Open appeals like a draft")
def similar_list(request, payload: DraftIn):
    org = org_named(payload.org_id) or services.default_org(request.auth)
    return following.similar_for(request.auth, org, payload.title, payload.text)


@router.get("/orgs", response=list[OrgRef], summary="Unions I may file an appeal in")
def filing_org_list(request):
    """The page's choices: a member's own union, those above it up to the city and the
    units beside it. Empty for someone not yet a member, who may name any active union."""
    return services.filing_orgs(request.auth)


@router.post(
    "",
    response={201: MyAppealOut},
    summary="Submit an appeal; photos come after",
    description=(
        "`org_id`: for a member, one of `GET /api/appeals/orgs` (default: their own "
        "union); for someone not yet a member, any active union. Any other is a 422 on "
        "`org`."
    ),
)
def submit(request, payload: SubmitIn):
    category = Category.objects.filter(pk=payload.category_id).first()
    appeal = services.submit(
        request.auth,
        category=category,
        title=payload.title,
        text=payload.text,
        org=org_named(payload.org_id),
        place=payload.place,
        severity=payload.severity or "",
        anonymous=payload.anonymous,
    )
    return HttpStatus(201, appeal)


@router.post(
    "/{pk}/photos",
    response={201: MyAppealOut},
    summary="Add photos to my appeal (multipart, before it is accepted)",
)
def add_photos(request, pk: IdParam, photos: File[list[UploadedFile]]):
    appeal = _mine(request, pk)
    services.add_photos(request.auth, appeal, photos)
    return HttpStatus(201, _mine(request, pk))


@router.get("", response=list[MyAppealOut], summary="My appeals and those I follow")
@paginate(Paging)
def my_list(request):
    return queries.worker_appeals(request.auth).prefetch_related(queries.public_events())


@router.get("/{pk}", response=MyAppealOut, summary="One of my appeals, with its timeline")
def my_detail(request, pk: IdParam):
    return _mine_or_followed(request, pk)


@router.post("/{pk}/follow", response=MyAppealOut, summary="Follow instead of filing again")
def follow(request, pk: IdParam):
    appeal = get_object_or_404(Appeal, pk=pk)  # the service answers 404 outside its scope
    following.follow(request.auth, appeal)
    return _mine_or_followed(request, pk)


@router.delete("/{pk}/follow", response={204: None}, summary="Stop following")
def unfollow(request, pk: IdParam):
    following.unfollow(request.auth, _mine_or_followed(request, pk))
    return HttpStatus(204, None)


@router.post("/{pk}/answer", response=MyAppealOut, summary="Give the information asked for")
def answer(request, pk: IdParam, payload: TextIn):
    return services.answer_info(request.auth, _mine(request, pk), payload.text)


@router.post("/{pk}/rate", response=MyAppealOut, summary="满意 / 基本满意 / 不满意")
def rate(request, pk: IdParam, payload: AppealRateIn):
    return services.rate(request.auth, _mine(request, pk), payload.satisfaction, payload.comment)


# --- Anyone ----------------------------------------------------------------------------


@public_router.get("/{code}", summary="Public figures of a union: 办结率 and satisfaction")
def public_figures(request, code: Annotated[str, Line(32)]):
    return stats.public_figures(get_object_or_404(Org, code=code, is_active=True))
