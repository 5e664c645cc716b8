"""Org admins set up a year's evaluation sheet on a page or over the API: the aspects and
their maximum scores, the totals for 1 to 5 stars and the funding of each, by the rules
of ``evaluation.create_sheet``; other staff see the sheets but make none."""

import pytest

from yunjishi.stations.evaluation import DEFAULT_ASPECTS
from yunjishi.stations.models import EvaluationSheet

PAGE = "/stations/staff/sheets/"


def _form(org, **changes):
    data = {"org": org.pk, "year": 2026, "title": "2026年星级评定"}
    for n, (name, top) in enumerate(DEFAULT_ASPECTS):
        data[f"aspect_{n}"], data[f"max_{n}"] = name, top
    for stars, (total, yuan) in enumerate(
        zip((60, 70, 80, 90, 95), (0, 2000, 5000, 8000, 10000), strict=True), start=1
    ):
        data[f"stars_{stars}"], data[f"funding_{stars}"] = total, yuan
    data.update(changes)
    return data


def test_an_org_admin_sets_up_a_sheet_on_the_page(client_for, admin_a, tree):
    client = client_for(admin_a)
    page = client.get(PAGE).content.decode()
    assert 'id="sheet-form"' in page and 'value="管理制度"' in page
    data = _form(
        tree.street_a,
        aspect_0="制度建设",
        aspect_8="",  # the ninth aspect left out: at most 90 points
        max_8="",
        stars_4=85,
        stars_5=90,
        funding_5="12000.50",
    )
    response = client.post(PAGE, data)
    assert response.status_code == 302
    sheet = EvaluationSheet.objects.get()
    assert (sheet.org, sheet.year, sheet.title) == (tree.street_a, 2026, "2026年星级评定")
    aspects = list(sheet.aspects.values_list("name", "max_score"))
    assert aspects == [("制度建设", 15), *DEFAULT_ASPECTS[1:8]]
    assert sheet.star_thresholds == [60, 70, 80, 85, 90]
    assert sheet.funding_fen == [0, 200000, 500000, 800000, 1200050]
    assert "2026年星级评定" in client.get(PAGE).content.decode()


def test_thresholds_above_what_the_aspects_add_up_to_are_refused(client_for, admin_a, tree):
    response = client_for(admin_a).post(PAGE, _form(tree.street_a, stars_5=101))
    assert response.status_code == 200
    assert "0 至 100" in response.content.decode()
    assert not EvaluationSheet.objects.exists()


def test_a_second_sheet_for_the_same_union_and_year_is_refused(client_for, admin_a, tree):
    client = client_for(admin_a)
    client.post(PAGE, _form(tree.street_a))
    response = client.post(PAGE, _form(tree.street_a))
    assert response.status_code == 200 and "已有 2026 年度的评价表" in response.content.decode()
    assert EvaluationSheet.objects.count() == 1


def test_a_supervisor_sees_the_sheets_but_makes_none(client_for, supervisor, admin_a, tree):
    client_for(admin_a).post(PAGE, _form(tree.street_a))
    client = client_for(supervisor)
    page = client.get(PAGE).content.decode()
    assert "2026年星级评定" in page and 'id="sheet-form"' not in page
    client.post(PAGE, _form(tree.district, year=2027))
    assert EvaluationSheet.objects.count() == 1


def _api(client, payload):
    return client.post("/api/stations/staff/sheets", payload, content_type="application/json")


def test_an_org_admin_sets_up_a_sheet_over_the_api(client_for, admin_a, tree):
    client = client_for(admin_a)
    response = _api(
        client,
        {
            "org_id": tree.street_a.pk,
            "year": 2026,
            "aspects": [
                {"name": "管理制度", "max_score": 40},
                {"name": "服务设施", "max_score": 60},
            ],
            "star_thresholds": [50, 60, 70, 80, 90],
            "funding_fen": [0, 1, 2, 3, 4],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["aspects"] == [
        {"name": "管理制度", "max_score": 40},
        {"name": "服务设施", "max_score": 60},
    ]
    assert body["title"] and body["star_thresholds"] == [50, 60, 70, 80, 90]
    assert [s["id"] for s in client.get("/api/stations/staff/sheets").json()] == [body["id"]]


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"star_thresholds": [60, 50, 70, 80, 90]}, "star_thresholds"),
        ({"star_thresholds": [60, 70, 80, 90, 101]}, "star_thresholds"),
        ({"funding_fen": [0, 1, 2]}, "funding_fen"),
        (
            {"aspects": [{"name": "甲", "max_score": 50}, {"name": "甲", "max_score": 50}]},
            "aspects",
        ),
        ({"year": 99999}, "year"),
    ],
)
def test_a_sheet_breaking_the_rules_is_a_422_naming_the_field(
    client_for, admin_a, tree, changes, field
):
    response = _api(client_for(admin_a), {"org_id": tree.street_a.pk, "year": 2026, **changes})
    assert response.status_code == 422 and field in response.json()["fields"]
    assert not EvaluationSheet.objects.exists()


def test_only_org_admins_set_up_sheets_over_the_api(client_for, supervisor, admin_a, tree):
    assert (
        _api(client_for(supervisor), {"org_id": tree.district.pk, "year": 2026}).status_code == 403
    )
    outside = _api(client_for(admin_a), {"org_id": tree.street_b.pk, "year": 2026})
    assert outside.status_code == 404
    assert not EvaluationSheet.objects.exists()
