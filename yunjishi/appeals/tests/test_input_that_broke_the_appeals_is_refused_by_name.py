"""What the attacker's probe sent the appeals and got a 500 for (or got saved and broke the
staff export), now refused at the one boundary with the field named, and nothing saved:
a 督办 deadline of 9999-12-31, a title with NUL or a vertical tab (by the API and by the
page), an id sent as ``true``, a yes-or-no sent as ``"yes"``, a routing rule naming a
handling union that does not exist."""

import json

import pytest
from django.urls import reverse

from yunjishi.appeals.models import Appeal, RoutingRule, Supervision
from yunjishi.core.testing import assert_error


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_a_supervision_deadline_of_9999_12_31_is_refused(make_appeal, supervisor, client_for):
    appeal = make_appeal()

    response = post(
        client_for(supervisor),
        f"/api/appeals/staff/appeals/{appeal.pk}/supervise",
        {"instructions": "请尽快办理", "deadline": "9999-12-31T18:00:00+08:00"},
    )

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == ["deadline"]
    assert body["fields"]["deadline"] == ["请输入 1900 年至 2100 年之间的日期。"]
    assert not Supervision.objects.exists()


def test_a_supervision_deadline_within_range_is_taken(make_appeal, supervisor, client_for):
    appeal = make_appeal()

    response = post(
        client_for(supervisor),
        f"/api/appeals/staff/appeals/{appeal.pk}/supervise",
        {"instructions": "请尽快办理", "deadline": "2099-12-31T18:00:00+08:00"},
    )

    assert response.status_code == 201
    assert Supervision.objects.filter(appeal=appeal).exists()


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\x1b[31m", "\ud800"])
def test_an_appeal_title_with_a_control_character_is_refused_by_the_api(
    bad, worker, logistics, client_for
):
    response = post(
        client_for(worker),
        "/api/appeals",
        {"category_id": logistics.pk, "title": f"食堂{bad}饭菜太咸", "text": "饭菜明显偏咸。"},
    )

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == ["title"]
    assert not Appeal.objects.exists()


def test_a_lone_surrogate_sent_as_a_json_escape_is_refused(worker, logistics, client_for):
    raw = '{"category_id": ID, "title": "食堂\\ud800饭菜", "text": "饭菜明显偏咸。"}'
    raw = raw.replace("ID", str(logistics.pk))

    response = client_for(worker).post("/api/appeals", raw, content_type="application/json")

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == ["title"]
    assert not Appeal.objects.exists()


@pytest.mark.parametrize("bad", ["\x00", "\x0b"])
def test_an_appeal_title_with_a_control_character_is_refused_by_the_page(
    bad, worker, logistics, client_for
):
    response = client_for(worker).post(
        reverse("appeals:new"),
        {"category": logistics.pk, "title": f"食堂{bad}饭菜太咸", "text": "饭菜明显偏咸。"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not Appeal.objects.exists()


def test_line_breaks_and_tabs_stay_in_the_text_and_the_title_is_tidied(
    worker, logistics, client_for
):
    response = post(
        client_for(worker),
        "/api/appeals",
        {
            "category_id": logistics.pk,
            "title": "  食堂饭菜太咸  ",
            "text": "食堂饭菜太咸了\r\n很多人口渴\t希望改进",
        },
    )

    assert response.status_code == 201
    appeal = Appeal.objects.get()
    assert appeal.title == "食堂饭菜太咸"
    assert appeal.text == "食堂饭菜太咸了\n很多人口渴\t希望改进"


@pytest.mark.parametrize(
    ("field", "value"),
    [("category_id", True), ("category_id", "1"), ("category_id", 2**63), ("anonymous", "yes")],
)
def test_an_id_or_a_yes_or_no_of_the_wrong_type_is_refused(
    field, value, worker, logistics, client_for
):
    data = {"category_id": logistics.pk, "title": "食堂饭菜太咸", "text": "饭菜明显偏咸。"}
    data[field] = value

    response = post(client_for(worker), "/api/appeals", data)

    body = assert_error(response, 422, "validation_error")
    assert list(body["fields"]) == [field]
    assert not Appeal.objects.exists()


@pytest.mark.parametrize("target", ["owner", "fixed"])
def test_a_routing_rule_with_an_unknown_handling_union_is_refused(
    target, admin_a, tree, client_for
):
    """It was saved as a rule with no handling union at all (for any target but "fixed")."""
    response = post(
        client_for(admin_a),
        "/api/appeals/staff/rules",
        {"org_id": tree.street_a.pk, "target": target, "handling_org_id": 999999},
    )

    body = assert_error(response, 422, "validation_error")
    assert "handling_org" in body["fields"]
    assert not RoutingRule.objects.exists()


def test_a_huge_id_ticked_on_the_workbench_is_left_out(make_appeal, handler_a, client_for):
    appeal = make_appeal()

    response = client_for(handler_a).post(
        reverse("appeals:staff_bulk"), {"action": "accept", "ids": [str(2**64), str(appeal.pk)]}
    )

    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == "accepted"
