"""The market's demand side over the API (/api/market/demand/): 精准匹配 of the demand
classification list to live listings and providers. The surveys themselves are served at
/api/surveys/ (and, for clients written before the move, still under this address)."""

from ninja import Router

from yunjishi.core.errors import NotAllowed
from yunjishi.core.fields import IdParam
from yunjishi.people.scope import is_staff_member
from yunjishi.surveys import services as surveys

from . import demand
from .schemas import MatchRow

router = Router(tags=["market demand"])


def _staff(request):
    if not is_staff_member(request.auth):
        raise NotAllowed()
    return request.auth


@router.get("/surveys/{pk}/matching", response=list[MatchRow], summary="A survey's matching")
def survey_matching(request, pk: IdParam):
    found = surveys.demand_list(_staff(request), survey_id=pk)
    return demand.matching(found.rows)


@router.get("/matching", response=list[MatchRow], summary="Matching for an org subtree")
def matching(request, org_id: IdParam | None = None):
    return demand.matching(surveys.demand_list(_staff(request), org_id=org_id).rows)
