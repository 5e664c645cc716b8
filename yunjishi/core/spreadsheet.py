"""The one way out to a spreadsheet: every .xlsx and CSV the platform writes goes through here.

Text that people typed (an appeal's title, a station's name) ends up in staff members'
spreadsheets, so two things are done to every text cell:

- characters a workbook cannot hold are dropped: control characters other than tab, line
  feed and carriage return (openpyxl refuses them with ``IllegalCharacterError``, and one
  such title used to break the export of a whole subtree), lone surrogates (not UTF-8) and
  the XML non-characters U+FFFE and U+FFFF;
- a text that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return, as
  OWASP lists them) is never a formula: in a workbook the cell is an explicit text cell
  with Excel's own "quote prefix" (what typing ``'=1+1`` gives: the text shows as typed
  and stays text when edited); in a CSV the text gets a leading ``'``, which the stations
  import takes off again (``unquote``).

Numbers, dates and booleans stay what they are.
"""

import csv
import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from io import BytesIO
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32_767  # Excel's limit for the text of one cell

# C0 controls but tab, LF and CR; DEL and the C1 controls; surrogates (only lone ones can
# be in a str); the two non-characters XML 1.0 refuses.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_PLAIN = (int, float, Decimal, dt.date, dt.time, dt.timedelta)


def clean(text: str) -> str:
    """``text`` without the characters no workbook (nor XML, nor UTF-8) can hold."""
    return _ILLEGAL.sub("", text)


def has_illegal(text: str) -> bool:
    """True if ``clean`` would drop something from ``text``."""
    return _ILLEGAL.search(text) is not None


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def unquote(text: str) -> str:
    """Undo the ``'`` a CSV export put before a formula-like text (for an import that reads
    the export back)."""
    if text.startswith("'") and looks_like_formula(text[1:]):
        return text[1:]
    return text


def _text(value: Any) -> str:
    return clean(str(value))[:MAX_CELL]


def _is_plain(value: Any) -> bool:
    """A number, date or boolean: written as itself (a timezone-aware moment is not, as
    Excel has no time zones; callers give local times as text)."""
    if isinstance(value, bool):
        return True
    if isinstance(value, dt.datetime | dt.time) and value.tzinfo is not None:
        return False
    return isinstance(value, _PLAIN)


# --- CSV ------------------------------------------------------------------------------------


def csv_value(value: Any) -> Any:
    """A value as a CSV cell: numbers as they are, text cleaned and never a formula."""
    if value is None:
        return ""
    if _is_plain(value):
        return value
    text = _text(value)
    return "'" + text if looks_like_formula(text) else text


class _Line:
    """What ``csv.writer`` writes to: hands each line back instead of keeping it."""

    def write(self, text: str) -> str:
        return text


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """A CSV in UTF-8 with a BOM (so that Excel reads the Chinese), line by line, for a
    streaming response."""
    writer = csv.writer(_Line())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row])


# --- Workbooks ------------------------------------------------------------------------------


def xlsx_cell(sheet: Worksheet, value: Any) -> Any:
    """A value ready for ``sheet.append``: a number, date or None as it is; text as a text
    cell (``data_type`` "s") that is never a formula nor an error code like ``#N/A``."""
    if value is None or _is_plain(value):
        return value
    text = _text(value)
    cell = Cell(sheet, row=1, column=1)  # placed by append
    cell.value = text  # openpyxl guesses "f" for "=…" and "e" for "#N/A": overruled below
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


def append(sheet: Worksheet, row: Iterable[Any]) -> None:
    """``sheet.append`` of a row through ``xlsx_cell`` (a normal or a write-only sheet)."""
    sheet.append([xlsx_cell(sheet, value) for value in row])


def write_only_sheet(title: str) -> tuple[Workbook, Worksheet]:
    """A workbook that writes rows as they come (openpyxl's write-only mode), and its sheet."""
    book = Workbook(write_only=True)
    return book, book.create_sheet(_text(title)[:31] or "Sheet")


def xlsx_bytes(book: Workbook) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_spool(book: Workbook) -> IO[bytes]:
    """The workbook saved to a temporary file, open at its start (a ``FileResponse`` sends
    and closes it)."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (the response closes it when sent)
    book.save(spool)
    spool.seek(0)
    return spool


def rows_xlsx(title: str, rows: Iterable[Iterable[Any]]) -> IO[bytes]:
    """A one-sheet workbook of ``rows``, written row by row to a temporary file."""
    book, sheet = write_only_sheet(title)
    for row in rows:
        append(sheet, row)
    return xlsx_spool(book)
