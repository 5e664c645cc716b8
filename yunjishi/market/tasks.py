from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import orders


@db_periodic_task(crontab(minute="7"))
def auto_confirm_delivered_orders() -> int:
    return orders.auto_confirm()
