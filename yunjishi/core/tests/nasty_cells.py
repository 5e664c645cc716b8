"""Text that has broken or weaponised spreadsheets, and the check that an exported file
shows it as text (used by every export's test; no test runs here)."""

import csv
import io

from django.db import connection
from openpyxl import load_workbook

from yunjishi.core.spreadsheet import clean

NASTY = [
    "NUL\x00在中间",
    "垂直制表\x0b符",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-2+3",
    "@SUM(1)",
    "\tx",
    "\rx",
    "#N/A",
]


def storable() -> list[str]:
    """The nasty texts the database under test accepts (PostgreSQL refuses NUL)."""
    if connection.vendor == "postgresql":
        return [text for text in NASTY if "\x00" not in text]
    return list(NASTY)


def shown(text: str) -> str:
    """What a workbook shows of ``text``: without the illegal characters, and with a lone
    carriage return read back as a line feed (XML's line-end rule)."""
    return clean(text).replace("\r", "\n")


def workbook_cells(content: bytes) -> list:
    """Every cell of every sheet of an .xlsx; fails if any is a formula."""
    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    formulas = [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert not formulas, f"formula cells: {formulas}"
    return cells


def assert_shown_as_text(content: bytes, texts) -> None:
    """Each of ``texts`` is a text cell of the workbook, shown as typed."""
    cells = workbook_cells(content)
    by_value = {cell.value: cell for cell in cells if cell.value is not None}
    for text in texts:
        cell = by_value.get(shown(text))
        assert cell is not None, f"{text!r} is not in the workbook"
        assert cell.data_type == "s", (text, cell.data_type)


def csv_rows(content: bytes) -> list[list[str]]:
    """The rows of a CSV export; fails if any cell would start a formula in Excel."""
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    starts = [cell for row in rows for cell in row if _starts_a_formula(cell)]
    assert not starts, f"cells that start a formula: {starts}"
    return rows


def _starts_a_formula(cell: str) -> bool:
    if cell[:1] == "-":  # a negative number is a number
        try:
            float(cell)
        except ValueError:
            return True
        return False
    return cell[:1] in ("=", "+", "@", "\t", "\r")
