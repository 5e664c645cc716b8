from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import purge_expired


# Huey's schedule is in UTC: 19:40 UTC is 03:40 in Beijing, a quiet hour.
@db_periodic_task(crontab(hour="19", minute="40"))
def purge_audit_trail() -> int:
    """Once a day, drop the entries past the retention period (at least 180 days, 等保)."""
    return purge_expired()
