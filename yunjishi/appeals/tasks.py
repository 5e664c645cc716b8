from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import sweep


@db_periodic_task(crontab(minute="*/15"))
def appeals_sweep() -> dict[str, int]:
    """超期 tags and notices, 督办 deadline reminders, closing unrated answers."""
    return sweep.run()
