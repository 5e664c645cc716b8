from huey.contrib.djhuey import db_task

from .delivery import DeliveryFailed, run_delivery


@db_task(retries=3, retry_delay=60)  # MAX_ATTEMPTS in all
def deliver(notification_id: int) -> dict[str, str]:
    return run_delivery(notification_id)


@db_task()
def deliver_many(ids: list[int]) -> int:
    """Deliver a batch of notifications written in bulk (``bulk``); a failed one is
    retried alone."""
    failed = 0
    for notification_id in ids:
        try:
            run_delivery(notification_id)
        except DeliveryFailed:
            failed += 1
            deliver.schedule((notification_id,), delay=60)
    return failed
