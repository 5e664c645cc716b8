"""The workbench as an Excel file. The sender goes through ``identity`` like everywhere
else: an anonymous appeal's sender is never in the file, and phones are masked. Cells go
through ``core.spreadsheet``: what a worker typed is shown as text, never run as a formula,
and no character of it can break the file. Every export is written to the audit trail."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from yunjishi.audit.services import Action, record
from yunjishi.core import spreadsheet
from yunjishi.people.scope import top_orgs

from . import identity

MAX_ROWS = 10_000
CONTENT_TYPE = spreadsheet.XLSX_CONTENT_TYPE


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def rows(appeals, viewer):
    yield [
        _("Tracking number"),
        pgettext("appeal", "Title"),
        pgettext("appeal", "Category"),
        _("Reach"),
        _("Complexity"),
        _("Status"),
        _("Union"),
        _("Handled by"),
        _("Submitted by"),
        _("Submitted at"),
        _("To be accepted by"),
        _("To be handled by"),
        _("Overdue since"),
        _("Times overdue"),
        _("Satisfaction"),
    ]
    for appeal in appeals:
        yield [
            appeal.tracking_number,
            appeal.title,
            appeal.category.name,
            str(appeal.get_severity_display()),
            str(appeal.get_complexity_display()),
            str(appeal.get_status_display()),
            identity.union_shown(appeal, viewer).name,
            appeal.handling_org.name,
            identity.submitter_label(appeal, viewer),
            _when(appeal.submitted_at),
            _when(appeal.accept_due_at),
            _when(appeal.due_at),
            _when(appeal.overdue_since),
            appeal.overdue_periods,
            str(appeal.get_satisfaction_display()) if appeal.satisfaction else "",
        ]


def workbook(appeals, viewer) -> bytes:
    book, sheet = spreadsheet.write_only_sheet(_("Appeals"))
    for row in rows(appeals, viewer):
        spreadsheet.append(sheet, row)
    return spreadsheet.xlsx_bytes(book)


def response(request, viewer, found, queue: str, org=None) -> HttpResponse:
    """The first ``MAX_ROWS`` appeals of ``found`` as a download, recorded in the audit
    trail (``org``: the filter's union, else the viewer's top one)."""
    appeals = list(found[:MAX_ROWS])
    record(
        viewer,
        Action.EXPORT,
        org=org or top_orgs(viewer).first(),
        target=f"appeals workbook ({queue})",
        detail=f"{len(appeals)} rows",
        request=request,
    )
    answer = HttpResponse(workbook(appeals, viewer), content_type=CONTENT_TYPE)
    answer["Content-Disposition"] = f'attachment; filename="appeals-{queue}.xlsx"'
    return answer
