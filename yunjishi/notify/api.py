"""The inbox over the API (/api/inbox/): paged like every other list, plus how many are
unread ({"items", "count", "unread"})."""

from datetime import datetime

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from yunjishi.core.fields import Id
from yunjishi.core.validators import Paging

from . import services
from .models import Notification

router = Router(tags=["inbox"])


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    url: str
    kind: str
    created_at: datetime
    read_at: datetime | None


class MarkReadIn(Schema):
    ids: list[Id] | None = Field(None, max_length=500)


class InboxPaging(Paging):
    """A page of the caller's notifications with their unread count."""

    class Output(Paging.Output):
        unread: int

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request=request, **params)
        return {**page, "unread": services.unread_count(request.auth)}


def _inbox(request):
    return Notification.objects.visible_to(request.auth).filter(user=request.auth)


@router.get("/", response=list[NotificationOut], summary="My notifications, newest first")
@paginate(InboxPaging, max_limit=200)
def list_inbox(request):
    return _inbox(request)


@router.post(
    "/read",
    response=list[NotificationOut],
    summary="Mark notifications read (all when no ids); answers with the inbox's first page",
)
@paginate(InboxPaging, max_limit=200)
def mark_read(request, payload: MarkReadIn):
    services.mark_read(request.auth, payload.ids)
    return _inbox(request)
