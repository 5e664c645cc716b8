"""The classification list exports to an Excel workbook that opens with openpyxl."""

import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from yunjishi.surveys.tests.fixtures import *  # noqa: F403


def test_the_export_opens_and_has_a_row_per_category(
    demand_survey, links, make_listing, supervisor, client, client_for, tree
):
    make_listing(places=10, domain="health", title="免费健康检查")
    post_answers(client, links["a"], "子女托管")  # noqa: F405
    post_answers(client, links["b"], "子女托管")  # noqa: F405
    post_answers(Client(), links["b"], "免费健康检查")  # noqa: F405  (another phone)

    response = client_for(supervisor).get(
        reverse("market:demand_classification_xlsx"), {"survey": demand_survey.pk}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert demand_survey.title in rows[0][0]
    body = rows[2:]
    assert [(row[0], row[1]) for row in body] == [("子女托管", 2), ("医疗健康", 1)]
    assert tree.enterprise_a.name in body[0][3] and tree.enterprise_b.name in body[0][3]
    assert body[0][5] and not body[1][5]  # childcare is a gap, health has a listing
    assert body[1][4] == "免费健康检查"
