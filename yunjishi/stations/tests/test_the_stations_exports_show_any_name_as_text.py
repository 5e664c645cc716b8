"""A station's name and address are typed by staff and managers, and used to come in by
import unchecked. Whatever they hold, the staff exports (.xlsx and CSV) still open and show
them as text, never as formulas; coordinates stay numbers; each export is audited."""

import pytest

from yunjishi.audit.models import Action, Entry
from yunjishi.core.spreadsheet import clean
from yunjishi.core.tests.nasty_cells import (
    assert_shown_as_text,
    csv_rows,
    storable,
    workbook_cells,
)
from yunjishi.stations.models import Station


def _download(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def nasty_names(make_station):
    """One station per nasty name and address, stored as an older release let them in."""
    names = storable()
    for n, name in enumerate(names):
        station = make_station()
        Station.objects.filter(pk=station.pk).update(name=name, address=f"{name}路{n}号")
    make_station(name="海沧驿站")
    return names


@pytest.mark.parametrize("url", ["/stations/staff/export.xlsx", "/api/stations/staff/export"])
def test_every_name_is_a_text_cell_and_coordinates_stay_numbers(
    client_for, admin_a, nasty_names, url
):
    content = _download(client_for(admin_a).get(url))

    assert_shown_as_text(content, [*nasty_names, "海沧驿站"])
    assert_shown_as_text(content, [f"{name}路{n}号" for n, name in enumerate(nasty_names)])
    latitudes = [cell for cell in workbook_cells(content) if cell.column == 9 and cell.row > 1]
    assert len(latitudes) == len(nasty_names) + 1
    assert {cell.data_type for cell in latitudes} == {"n"}


def test_the_csv_quotes_every_formula_start(client_for, admin_a, nasty_names):
    rows = csv_rows(_download(client_for(admin_a).get("/stations/staff/export.csv")))

    names = sorted(row[1] for row in rows[1:])
    texts = [clean(name) for name in nasty_names]
    quoted = [
        "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text for text in texts
    ]
    assert names == sorted(["海沧驿站", *quoted])
    assert '\'=HYPERLINK("http://x","y")' in names and "'\rx" in names
    assert float(rows[1][8]) > 0  # a coordinate, not quoted


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_export_with_managers_phones_is_in_the_audit_trail(
    client_for, admin_a, make_station, tree, kind
):
    make_station()
    make_station()
    _download(client_for(admin_a).get(f"/stations/staff/export.{kind}"))

    entry = Entry.objects.get(action=Action.EXPORT, actor=admin_a)
    assert (entry.detail, entry.org_path) == ("2 rows", tree.street_a.path)
    assert entry.target == f"stations registry (.{kind})"
