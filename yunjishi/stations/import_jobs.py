"""Stations files imported in the background: a staffer uploads a file (``start``), the
worker reads, checks and imports it (``import_worker``), and the staffer watches the job's
progress and per-row report (``visible``). No request waits for a file to be read."""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from yunjishi.core import spreadsheet
from yunjishi.core.db import write_service
from yunjishi.core.errors import NotAllowed, ServiceError
from yunjishi.orgs.models import Org
from yunjishi.people.scope import is_staff_member, top_orgs

from . import import_files, services, tasks
from .models import ImportJob


@write_service
def start(actor, upload, filename: str, default_org: Org | None = None) -> ImportJob:
    """Keep the file on a new job and queue it for the worker once the job is saved.
    A file too large, or not a spreadsheet by its name, is refused here at once."""
    if not is_staff_member(actor, services.EDIT_ROLES):
        raise NotAllowed()
    if not filename.lower().endswith((".xlsx", ".csv")):
        raise ServiceError(_("Upload an .xlsx or .csv file."), code="bad_file")
    content = upload.read(import_files.MAX_FILE_BYTES + 1)
    if len(content) > import_files.MAX_FILE_BYTES:
        raise ServiceError(
            _("The file is larger than %(n)d MB.")
            % {"n": import_files.MAX_FILE_BYTES // (1024 * 1024)},
            code="too_large",
        )
    org = default_org or top_orgs(actor, services.EDIT_ROLES).first()
    if org is None:
        raise NotAllowed()
    job = ImportJob.objects.create(
        started_by=actor,
        org=org,
        default_org=default_org,
        filename=spreadsheet.clean(filename)[-200:],
        content=content,
        language=translation.get_language() or "zh-hans",
    )
    transaction.on_commit(lambda: tasks.run_import(job.pk))
    return job


def visible(user):
    """The jobs ``user`` may follow: their own, and those of their part of the union."""
    return ImportJob.objects.visible_to(user).select_related("org")
