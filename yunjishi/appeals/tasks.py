from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from yunjishi.notify.services import DeliveryFailed, run_delivery
from yunjishi.notify.tasks import deliver

from . import sweep


@db_periodic_task(crontab(minute="*/15"))
def appeals_sweep() -> dict[str, int]:
    """超期 tags and notices, 督办 deadline reminders, closing unrated answers."""
    return sweep.run()


@db_task()
def deliver_many(ids: list[int]) -> int:
    """Deliver a batch of notifications written in bulk; a failed one is retried alone."""
    failed = 0
    for notification_id in ids:
        try:
            run_delivery(notification_id)
        except DeliveryFailed:
            failed += 1
            deliver.schedule((notification_id,), delay=60)
    return failed
