from huey.contrib.djhuey import db_task

from . import import_worker


@db_task()
def run_import(job_id: int) -> None:
    """A stations file uploaded by staff (``import_jobs.start``)."""
    import_worker.run(job_id)
