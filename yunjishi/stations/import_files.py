"""Reading a stations file (.xlsx or CSV) for the import, within limits: its size, its rows
and columns, the length of a cell and what an .xlsx unpacks to, so that no file can hold a
worker for long or fill its memory. A file over a limit is refused as soon as the reading
passes it, without reading the rest.
"""

import csv
import io
import zipfile
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from yunjishi.core.errors import ServiceError

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILE_ROWS = 20_000  # rows with something in them, after the header
MAX_SHEET_LINES = 5 * MAX_FILE_ROWS  # blank rows included
MAX_COLUMNS = 60  # read of each row; the template has 24
MAX_CELL = 1_000  # characters
MAX_UNPACKED = 100 * 1024 * 1024  # bytes of any one part of an .xlsx, unpacked


def read_table(upload, filename: str) -> list[list]:
    """Rows of the first sheet of an .xlsx, or of a CSV (UTF-8, with or without BOM, or
    GBK), within the file limits: a file over them is refused (``ServiceError``) as soon as
    the reading passes a limit, without reading the rest."""
    name = filename.lower()
    if not name.endswith((".xlsx", ".csv")):
        raise ServiceError(_("Upload an .xlsx or .csv file."), code="bad_file")
    raw = upload.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large()
    if name.endswith(".xlsx"):
        return _within_limits(_xlsx_rows(io.BytesIO(raw)))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ServiceError(_("The CSV file is neither UTF-8 nor GBK."), code="bad_file")
    return _within_limits(_csv_rows(text))


def _too_large() -> ServiceError:
    return ServiceError(
        _("The file is larger than %(n)d MB.") % {"n": MAX_FILE_BYTES // (1024 * 1024)},
        code="too_large",
    )


def _not_a_workbook() -> ServiceError:
    return ServiceError(_("This file is not a readable .xlsx workbook."), code="bad_file")


def _xlsx_rows(upload):
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(upload)
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_workbook() from None
    # A small file can unpack to gigabytes: the sizes of its parts are checked first (the
    # zip module refuses to unpack more than a part declares).
    if any(part.file_size > MAX_UNPACKED for part in parts):
        raise ServiceError(
            _("The workbook unpacks to more than %(n)d MB; split it into smaller files.")
            % {"n": MAX_UNPACKED // (1024 * 1024)},
            code="too_large",
        )
    # openpyxl reads a sheet without a declared size through to its end before giving the
    # first row: the rows are counted first, at the speed of a byte search.
    if _row_tags(archive, _first_sheet(archive)) > MAX_SHEET_LINES:
        raise _too_many_rows()
    upload.seek(0)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            # Rows are padded out to the columns the sheet declares (16 384 in a file that
            # says so): at most MAX_COLUMNS.
            width = min(sheet.max_column, MAX_COLUMNS) if sheet.max_column else None
            for row in sheet.iter_rows(values_only=True, max_col=width):
                yield row[:MAX_COLUMNS]
        finally:
            book.close()
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise _not_a_workbook() from None


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The part of the workbook's first sheet ("xl/worksheets/sheet1.xml")."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        first = book.find(f"{_MAIN}sheets/{_MAIN}sheet")
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        wanted = first.get(f"{_REL}id") if first is not None else None
        target = next(r.get("Target", "") for r in rels if r.get("Id") == wanted)
    except (KeyError, StopIteration, ElementTree.ParseError):
        raise _not_a_workbook() from None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _row_tags(archive: zipfile.ZipFile, name: str) -> int:
    """About how many rows a sheet's XML holds (``<row`` or a prefixed ``<x:row ``), read
    in pieces and no further than the limit."""
    count = 0
    try:
        with archive.open(name) as part:
            while count <= MAX_SHEET_LINES and (piece := part.read(1024 * 1024)):
                count += piece.count(b"<row") + piece.count(b":row ")
    except (KeyError, zipfile.BadZipFile, OSError, EOFError):
        raise _not_a_workbook() from None
    return count


def _csv_rows(text: str):
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            yield row[:MAX_COLUMNS]
    except csv.Error as error:
        # The csv module's own limit is 131 072 characters a cell.
        if "field larger than field limit" in str(error):
            message = _("Row %(row)d has a cell longer than %(n)d characters.") % {
                "row": reader.line_num,
                "n": MAX_CELL,
            }
        else:
            message = _("Row %(row)d cannot be read as CSV.") % {"row": reader.line_num}
        raise ServiceError(message, code="bad_file") from None


def _within_limits(rows) -> list[list]:
    """The rows, refused once there are more than ``MAX_FILE_ROWS`` filled ones."""
    table: list[list] = []
    filled = 0
    for row in rows:
        table.append(list(row))
        if any(value is not None and value != "" for value in row):
            filled += 1
        if filled > MAX_FILE_ROWS + 1 or len(table) > MAX_SHEET_LINES:
            raise _too_many_rows()
    return table


def _too_many_rows() -> ServiceError:
    return ServiceError(
        _("At most %(n)d rows in one file: split it into smaller files.") % {"n": MAX_FILE_ROWS},
        code="too_many_rows",
    )
