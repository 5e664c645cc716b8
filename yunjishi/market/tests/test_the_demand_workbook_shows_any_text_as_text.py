"""The demand list's workbook carries what people typed (a survey's title and categories,
a union's name, a listing's title). Whatever that holds, the workbook opens and shows it as
text, never as a formula; the counts stay numbers."""

from django.test import Client
from django.urls import reverse

from yunjishi.core.tests.nasty_cells import assert_shown_as_text, storable, workbook_cells
from yunjishi.orgs.models import Org
from yunjishi.surveys.models import Choice, Survey
from yunjishi.surveys.tests.fixtures import *  # noqa: F403


def test_typed_texts_are_text_cells_and_counts_numbers(
    demand_survey, links, make_listing, supervisor, client, client_for, tree
):
    nasty = storable()
    make_listing(places=10, domain="health", title=nasty[2])
    post_answers(client, links["a"], "子女托管")  # noqa: F405
    post_answers(Client(), links["a"], "免费健康检查")  # noqa: F405  (another phone)
    Choice.objects.filter(question__survey=demand_survey, text="子女托管").update(category=nasty[3])
    Survey.objects.filter(pk=demand_survey.pk).update(title=nasty[1])
    Org.objects.filter(pk=tree.enterprise_a.pk).update(name=nasty[0])

    response = client_for(supervisor).get(
        reverse("market:demand_classification_xlsx"), {"survey": demand_survey.pk}
    )

    assert response.status_code == 200
    assert_shown_as_text(response.content, [nasty[3], nasty[2]])
    cells = [cell for cell in workbook_cells(response.content) if cell.value is not None]
    counts = [cell for cell in cells if cell.column in (2, 3) and cell.row > 2]
    assert [(cell.value, cell.data_type) for cell in counts] == [(1, "n")] * 4
    assert {cell.data_type for cell in cells if cell not in counts} == {"s"}
