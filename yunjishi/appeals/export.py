"""The workbench as an Excel file. The sender goes through ``identity`` like everywhere
else: an anonymous appeal's sender is never in the file, and phones are masked."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from . import identity

MAX_ROWS = 10_000
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Appeals"))
    for row in rows(appeals, viewer):
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
