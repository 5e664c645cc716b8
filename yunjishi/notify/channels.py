"""Delivery channels. A channel gets a notification and puts it in front of the person.

To add SMS or WeChat template messages, write a subclass of ``Channel`` and name it in
``settings.NOTIFY_CHANNELS``; senders pick channels by name.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from .models import Notification


class Skip(Exception):
    """The channel cannot reach this person (no e-mail address, no WeChat binding)."""


class Channel:
    name = ""

    def send(self, notification: Notification) -> None:
        """Deliver, or raise ``Skip`` if the person cannot be reached on this channel."""
        raise NotImplementedError


class InboxChannel(Channel):
    """The in-platform inbox: the notification row is the message; nothing to deliver."""

    name = "inbox"

    def send(self, notification: Notification) -> None:
        return None


class EmailChannel(Channel):
    name = "email"

    def send(self, notification: Notification) -> None:
        address = notification.user.email
        if not address:
            raise Skip("no e-mail address")
        body = notification.body
        if notification.url:
            base = getattr(settings, "SITE_URL", "").rstrip("/")
            body = f"{body}\n\n{base}{notification.url}"
        send_mail(
            subject=notification.title,
            message=body,
            from_email=None,
            recipient_list=[address],
        )


def get_channel(name: str) -> Channel:
    try:
        path = settings.NOTIFY_CHANNELS[name]
    except KeyError:
        raise ValueError(f"unknown notification channel {name!r}") from None
    return import_string(path)()
