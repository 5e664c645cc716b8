"""Delivering a notification, channel by channel: the body of the Huey tasks in ``tasks``
(which ``services.notify`` queues), callable directly in tests."""

from .channels import Skip, get_channel
from .models import DeliveryStatus, Notification

MAX_ATTEMPTS = 4


class DeliveryFailed(Exception):
    """Some channel failed and will be tried again (the task retries)."""


def run_delivery(notification_id: int) -> dict[str, str]:
    """Deliver every pending channel of a notification; the task body, callable directly.

    A channel that fails stays pending and ``DeliveryFailed`` is raised so the task is
    retried; after ``MAX_ATTEMPTS`` it is marked failed. Channels already sent are never
    sent again.
    """
    results: dict[str, str] = {}
    retry = False
    notification = Notification.objects.select_related("user").get(pk=notification_id)
    for delivery in notification.deliveries.filter(status=DeliveryStatus.PENDING):
        delivery.attempts += 1
        try:
            get_channel(delivery.channel).send(notification)
        except Skip as reason:
            delivery.status, delivery.detail = DeliveryStatus.SKIPPED, str(reason)[:300]
        except Exception as error:  # a channel failure must not lose the other channels
            delivery.detail = type(error).__name__
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
            else:
                retry = True
        else:
            delivery.status, delivery.detail = DeliveryStatus.SENT, ""
        delivery.save(update_fields=["status", "detail", "attempts", "updated_at"])
        results[delivery.channel] = delivery.status
    if retry:
        raise DeliveryFailed(results)
    return results
