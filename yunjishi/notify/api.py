from datetime import datetime

from ninja import Router, Schema

from yunjishi.core.validators import PageOffset

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


class InboxOut(Schema):
    unread: int
    items: list[NotificationOut]


class MarkReadIn(Schema):
    ids: list[int] | None = None


@router.get("/", response=InboxOut, summary="My notifications, newest first")
def list_inbox(request, limit: int = 50, offset: PageOffset = 0):
    limit = max(1, min(limit, 200))
    query = Notification.objects.visible_to(request.auth).filter(user=request.auth)
    return {
        "unread": services.unread_count(request.auth),
        "items": list(query[offset : offset + limit]),
    }


@router.post("/read", response=InboxOut, summary="Mark notifications read (all when no ids)")
def mark_read(request, payload: MarkReadIn):
    services.mark_read(request.auth, payload.ids)
    return list_inbox(request)
