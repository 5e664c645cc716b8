"""``core.spreadsheet``, the one way out to .xlsx and CSV: no character of a text breaks the
file, no text becomes a formula, numbers stay numbers."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from yunjishi.core import spreadsheet
from yunjishi.core.tests.nasty_cells import NASTY, csv_rows, shown

LONE_SURROGATE = "孤\ud800字"
EVERYTHING = [*NASTY, LONE_SURROGATE]


def _book(mode: str):
    if mode == "write-only":
        return spreadsheet.write_only_sheet("测试")
    book = Workbook()
    return book, book.active


@pytest.mark.parametrize("mode", ["write-only", "normal"])
def test_every_nasty_text_is_a_text_cell_and_numbers_stay_numbers(mode):
    book, sheet = _book(mode)
    spreadsheet.append(sheet, [*EVERYTHING, 7, -2.5, dt.date(2025, 1, 6), None])

    row = next(load_workbook(io.BytesIO(spreadsheet.xlsx_bytes(book))).active.iter_rows())

    texts, numbers = row[: len(EVERYTHING)], row[len(EVERYTHING) :]
    assert [cell.value for cell in texts] == [shown(text) for text in EVERYTHING]
    assert {cell.data_type for cell in texts} == {"s"}
    assert texts[NASTY.index('=HYPERLINK("http://x","y")')].quotePrefix
    assert texts[-1].value == "孤字"
    assert [(cell.value, cell.data_type) for cell in numbers[:2]] == [(7, "n"), (-2.5, "n")]
    assert numbers[2].is_date


def test_a_csv_quotes_formula_starts_and_drops_what_no_file_can_hold():
    content = "".join(spreadsheet.csv_lines([[*EVERYTHING, 7, -2.5]])).encode()

    (row,) = csv_rows(content)
    assert row[:4] == ["NUL在中间", "垂直制表符", '\'=HYPERLINK("http://x","y")', "'+1"]
    assert row[4:9] == ["'-2+3", "'@SUM(1)", "'\tx", "'\rx", "#N/A"]
    assert row[9:] == ["孤字", "7", "-2.5"]


def test_the_quote_before_a_formula_comes_off_again_and_only_there():
    assert spreadsheet.unquote("'=1+1") == "=1+1"
    assert spreadsheet.unquote("'-2") == "-2"
    assert spreadsheet.unquote("'好") == "'好"
    assert spreadsheet.unquote("=1") == "=1"


def test_a_lazy_translation_or_any_object_is_written_as_its_text():
    from django.utils.functional import lazy

    book, sheet = _book("write-only")
    later = lazy(lambda: "是", str)()
    spreadsheet.append(sheet, [later, dt.datetime(2025, 1, 6, tzinfo=dt.UTC)])
    row = next(load_workbook(io.BytesIO(spreadsheet.xlsx_bytes(book))).active.iter_rows())
    assert [(cell.value, cell.data_type) for cell in row] == [
        ("是", "s"),
        ("2025-01-06 00:00:00+00:00", "s"),
    ]
