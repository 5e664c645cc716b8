"""Telling people things: one call, any channels, safe to repeat. The delivery itself
(the Huey task's body, channel by channel) is ``delivery.run_delivery``."""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from yunjishi.core.db import write_service
from yunjishi.people.models import User
from yunjishi.people.scope import Person

from . import tasks
from .models import Delivery, Notification

DEFAULT_CHANNELS = ("inbox", "email")


def notify(
    user: User,
    title: str,
    body: str = "",
    *,
    url: str = "",
    kind: str = "",
    channels: Sequence[str] = DEFAULT_CHANNELS,
    dedupe_key: str | None = None,
) -> Notification | None:
    """Create a notification and queue its delivery once the transaction commits.

    With a ``dedupe_key``, a second call for the same person and key does nothing and
    returns ``None``: periodic sweeps can run twice without telling anyone twice.
    """
    unknown = sorted(set(channels) - set(settings.NOTIFY_CHANNELS))
    if unknown:  # a typo in a sender: fail now, not in four retries of a background task
        raise ValueError(f"unknown notification channels: {', '.join(unknown)}")
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user, title=title, body=body, url=url, kind=kind, dedupe_key=dedupe_key
            )
            Delivery.objects.bulk_create(
                Delivery(notification=notification, channel=name) for name in channels
            )
    except IntegrityError:
        if dedupe_key is None:
            raise
        return None
    notification_id = notification.pk
    transaction.on_commit(lambda: tasks.deliver(notification_id))
    return notification


def notify_many(users: Iterable, title: str, body: str = "", **kwargs) -> list[Notification]:
    sent = []
    for user in users:
        notification = notify(user, title, body, **kwargs)
        if notification is not None:
            sent.append(notification)
    return sent


def unread_count(user: Person) -> int:
    if not isinstance(user, User):  # a visitor
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@write_service
def mark_read(user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them, or those ids); returns how many."""
    query = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        query = query.filter(pk__in=list(ids))
    return query.update(read_at=timezone.now())
