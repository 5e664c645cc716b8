"""An appeal's title is what a worker typed. Whatever it holds (NUL, a vertical tab, a
formula such as ``=HYPERLINK(…)``), the staff workbook of the whole subtree still opens and
shows it as text, never as a live formula; and every export is in the audit trail."""

import pytest

from yunjishi.appeals.models import Appeal
from yunjishi.audit.models import Action, Entry
from yunjishi.core.tests.nasty_cells import assert_shown_as_text, storable

PAGE = "/appeals/staff/export/"
API = "/api/appeals/staff/export"


@pytest.fixture
def nasty_appeals(make_appeal):
    """One appeal per nasty title, stored as an older release let them in (the form and
    the API now refuse control characters; the export must cope with what is stored)."""
    titles = storable()
    for title in titles:
        appeal = make_appeal()
        Appeal.objects.filter(pk=appeal.pk).update(title=title)
    make_appeal(title="食堂饭菜太咸")
    return titles


@pytest.mark.parametrize("url", [PAGE, API])
def test_every_title_is_a_text_cell_of_the_subtrees_workbook(
    client_for, handler_a, nasty_appeals, url
):
    response = client_for(handler_a).get(url, {"queue": "all"})

    assert response.status_code == 200, response.content
    assert_shown_as_text(response.content, [*nasty_appeals, "食堂饭菜太咸"])


def test_an_export_leaves_an_audit_entry_with_its_row_count(
    client_for, handler_a, nasty_appeals, tree
):
    client_for(handler_a).get(PAGE, {"queue": "all"})
    client_for(handler_a).get(API, {"queue": "all", "org_id": tree.enterprise_a.pk})

    page, api = Entry.objects.filter(action=Action.EXPORT, actor=handler_a).order_by("pk")
    rows = f"{len(nasty_appeals) + 1} rows"
    assert (page.detail, page.org_path) == (rows, tree.street_a.path)
    assert (api.detail, api.org_path) == (rows, tree.enterprise_a.path)
    assert "appeals" in page.target and page.ip
