"""What the background worker does with a stations file (``tasks.run_import``): read it
within the limits, check every row, import all of them or none, and keep the job's
progress and per-row report up to date for the staff page that watches it.

Each step's progress is written on its own (no transaction around the reading and the
checking), so that the page sees it while the job runs; the import itself is one
transaction (``imports.create_many``).
"""

import io
import logging

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yunjishi.core.errors import ServiceError

from . import import_files, imports
from .models import ImportJob, ImportStatus

log = logging.getLogger(__name__)
MAX_REPORTED = 1_000  # rows' problems kept on the job; the count says how many in all


def run(job_id: int) -> None:
    """Run a queued job; a job already taken (a task delivered twice) is left alone."""
    taken = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CHECKING
    )
    if not taken:
        return
    job = ImportJob.objects.select_related("started_by", "default_org").get(pk=job_id)
    with translation.override(job.language):
        try:
            _run(job)
        except ServiceError as error:
            _finish(job, ImportStatus.REFUSED, problem=str(error.message))
        except Exception:
            log.exception("stations import job %s stopped", job_id)
            _finish(
                job,
                ImportStatus.FAILED,
                problem=_("The import stopped on an unexpected error; nothing was imported."),
            )


def _run(job: ImportJob) -> None:
    actor = job.started_by
    if actor is None or not actor.is_active:
        raise ServiceError(_("The account that uploaded the file is closed."))
    rows = import_files.read_table(io.BytesIO(bytes(job.content)), job.filename)
    _update(job, rows=max(len(rows) - 1, 0))
    checked, errors = imports.check_rows(
        actor, rows, job.default_org, progress=lambda n: _update(job, checked=n)
    )
    _update(job, checked=max(len(rows) - 1, 0))
    if errors:
        _finish(job, ImportStatus.REFUSED, errors=errors)
        return
    _update(job, status=ImportStatus.IMPORTING)
    created = imports.create_many(actor, [data for _number, data in checked])
    _finish(job, ImportStatus.DONE, created=created)


def _update(job: ImportJob, **fields) -> None:
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def _finish(job: ImportJob, status: str, *, errors=(), created=0, problem="") -> None:
    _update(
        job,
        status=status,
        created=created,
        problem=problem[:500],
        errors=[
            {"row": e.row, "column": e.column, "message": e.message} for e in errors[:MAX_REPORTED]
        ],
        error_count=len(errors),
        content=b"",  # the file is not kept once read
        finished_at=timezone.now(),
    )
