from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import services


@db_periodic_task(crontab(minute="*/15"))
def escalate_overdue_applications() -> int:
    return services.escalate_overdue()
