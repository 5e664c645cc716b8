"""The back office checks what the services check, and shows their refusals as messages
rather than crashing: an evaluation sheet with thresholds its aspects cannot reach (which
would break every evaluation on it later), a station the services refuse to save."""

import json

from django.contrib.messages import get_messages

from yunjishi.core.errors import Conflict
from yunjishi.stations import services
from yunjishi.stations.models import EvaluationSheet, Station

ADD_SHEET = "/admin/stations/evaluationsheet/add/"


def _sheet(org, thresholds, funding=(0, 1, 2, 3, 4), aspects=(("管理制度", 50), ("服务设施", 50))):
    data = {
        "org": org.pk,
        "year": 2025,
        "title": "2025年评定",
        "star_thresholds": json.dumps(thresholds),
        "funding_fen": json.dumps(list(funding)),
        "aspects-TOTAL_FORMS": str(len(aspects)),
        "aspects-INITIAL_FORMS": "0",
        "aspects-MIN_NUM_FORMS": "0",
        "aspects-MAX_NUM_FORMS": "1000",
    }
    for n, (name, top) in enumerate(aspects):
        data.update({f"aspects-{n}-name": name, f"aspects-{n}-max_score": top})
        data[f"aspects-{n}-sort"] = n
    return data


def test_the_sheet_admin_takes_a_sheet_that_keeps_the_rules(client_for, admin_a, tree):
    response = client_for(admin_a).post(ADD_SHEET, _sheet(tree.street_a, [60, 70, 80, 90, 95]))
    assert response.status_code == 302
    sheet = EvaluationSheet.objects.get()
    assert sheet.star_thresholds == [60, 70, 80, 90, 95] and sheet.aspects.count() == 2


def test_the_sheet_admin_refuses_thresholds_above_what_the_aspects_add_up_to(
    client_for, admin_a, tree
):
    response = client_for(admin_a).post(ADD_SHEET, _sheet(tree.street_a, [60, 70, 80, 90, 120]))
    assert response.status_code == 200
    (problem,) = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert "100" in problem  # what the two aspects add up to
    assert not EvaluationSheet.objects.exists()


def test_the_sheet_admin_refuses_thresholds_that_are_not_five_rising_numbers(
    client_for, admin_a, tree
):
    client = client_for(admin_a)
    for thresholds in ([60, 50, 70, 80, 90], [60, 70], ["60", "70", "80", "90", "95"], {"a": 1}):
        response = client.post(ADD_SHEET, _sheet(tree.street_a, thresholds))
        assert response.status_code == 200, thresholds
    response = client.post(ADD_SHEET, _sheet(tree.street_a, [60, 70, 80, 90, 95], funding=[-1]))
    assert response.status_code == 200
    assert not EvaluationSheet.objects.exists()


def test_a_refusal_while_saving_a_station_is_shown_as_a_message(
    client_for, admin_a, tree, district, default_services, monkeypatch
):
    def busy(prefix, count=1):
        raise Conflict("Station codes are being given out elsewhere; try again.")

    monkeypatch.setattr(services, "take_codes", busy)
    data = {
        "name": "新驿站",
        "station_type": "union",
        "org": tree.street_a.pk,
        "district": district.pk,
        "address": "思明区某路1号",
        "lat": 24.45,
        "lon": 118.08,
        "mon": "24h",
        "tue": "24h",
        "wed": "24h",
        "thu": "24h",
        "fri": "24h",
        "sat": "24h",
        "sun": "24h",
        "exceptions-TOTAL_FORMS": "0",
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
    }
    response = client_for(admin_a).post("/admin/stations/station/add/", data)
    assert response.status_code == 302
    assert response["Location"] == "/admin/stations/station/add/"
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == ["Station codes are being given out elsewhere; try again."]
    assert not Station.objects.exists()
