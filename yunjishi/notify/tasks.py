from huey.contrib.djhuey import db_task

from . import services


@db_task(retries=3, retry_delay=60)  # MAX_ATTEMPTS in all
def deliver(notification_id: int) -> dict[str, str]:
    return services.run_delivery(notification_id)
