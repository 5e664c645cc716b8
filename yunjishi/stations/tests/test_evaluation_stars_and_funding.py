"""Evaluation: 9 aspects → total → stars by the sheet's thresholds → funding; ranking."""

import pytest
from django.core.exceptions import ValidationError

from yunjishi.core.errors import NotAllowed, ServiceError
from yunjishi.stations import evaluation
from yunjishi.stations.evaluation import DEFAULT_ASPECTS


@pytest.fixture
def sheet(tree, superuser):
    return evaluation.create_sheet(superuser, tree.district, 2024)


def _scores(sheet, total_share: float):
    return {a.name: int(a.max_score * total_share) for a in sheet.aspects.all()}


def test_a_sheet_has_the_nine_aspects_by_default(sheet):
    names = list(sheet.aspects.values_list("name", flat=True))
    assert names == [name for name, _ in DEFAULT_ASPECTS] and len(names) == 9
    assert sum(sheet.aspects.values_list("max_score", flat=True)) == 100


def test_the_total_sets_stars_and_funding(sheet, make_station, supervisor):
    station = make_station()
    scores = {name: top for name, top in DEFAULT_ASPECTS}
    scores["特色亮点"] = 3  # 100 - 7 = 93: four stars (90 ≤ 93 < 95)
    result = evaluation.evaluate(supervisor, station, 2024, scores)
    assert (result.total, result.stars, result.funding_fen) == (93, 4, 800000)


def test_below_the_first_threshold_there_is_no_star_and_no_money(sheet, make_station, supervisor):
    result = evaluation.evaluate(supervisor, make_station(), 2024, _scores(sheet, 0.5))
    assert (result.stars, result.funding_fen) == (0, 0)


def test_thresholds_are_configurable(tree, superuser, make_station, supervisor):
    sheet = evaluation.create_sheet(
        superuser,
        tree.street_a,
        2024,
        aspects=[("管理制度", 50), ("服务设施", 50)],
        thresholds=[10, 20, 30, 40, 50],
        funding_fen=[100, 200, 300, 400, 500],
    )
    result = evaluation.evaluate(supervisor, make_station(), 2024, {"管理制度": 25, "服务设施": 0})
    assert (result.sheet, result.stars, result.funding_fen) == (sheet, 2, 200)


def test_a_score_above_the_aspects_maximum_is_refused_by_name(sheet, make_station, supervisor):
    scores = {name: 0 for name, _ in DEFAULT_ASPECTS}
    scores["安全卫生"] = 6
    with pytest.raises(ValidationError) as error:
        evaluation.evaluate(supervisor, make_station(), 2024, scores)
    assert "安全卫生" in str(error.value.messages) and "0 and 5" in str(error.value.messages)


def test_every_aspect_needs_a_score(sheet, make_station, supervisor):
    with pytest.raises(ValidationError) as error:
        evaluation.evaluate(supervisor, make_station(), 2024, {"管理制度": 10})
    assert len(error.value.message_dict) == 8


def test_without_a_sheet_for_the_year_it_says_so(sheet, make_station, supervisor):
    with pytest.raises(ServiceError) as error:
        evaluation.evaluate(supervisor, make_station(), 2023, {})
    assert error.value.code == "no_sheet"


def test_bad_thresholds_are_refused(tree, superuser):
    with pytest.raises(ValidationError) as error:
        evaluation.create_sheet(superuser, tree.city, 2024, thresholds=[60, 50, 70, 80, 90])
    assert "star_thresholds" in error.value.message_dict


def test_evaluating_again_in_the_year_replaces_the_scores(sheet, make_station, supervisor):
    station = make_station()
    evaluation.evaluate(supervisor, station, 2024, _scores(sheet, 0.5))
    again = evaluation.evaluate(supervisor, station, 2024, _scores(sheet, 1.0))
    assert again.total == 100 and station.evaluations.count() == 1
    assert again.scores.count() == 9


def test_ranking_inside_a_subtree_shares_ranks_on_equal_totals(
    sheet, make_station, supervisor, tree
):
    a1, a2, a3 = make_station(), make_station(), make_station()
    b1 = make_station(tree.street_b)
    for station, share in ((a1, 0.8), (a2, 1.0), (a3, 0.8), (b1, 0.9)):
        evaluation.evaluate(supervisor, station, 2024, _scores(sheet, share))
    ranked = evaluation.ranking(tree.street_a, 2024)
    assert [(r.rank, r.evaluation.station_id) for r in ranked] == [
        (1, a2.pk),
        (2, a1.pk),
        (2, a3.pk),
    ]
    assert len(evaluation.ranking(tree.district, 2024)) == 4


def test_only_supervisors_and_org_admins_over_the_station_evaluate(
    sheet, make_station, handler_a, tree
):
    with pytest.raises(NotAllowed):
        evaluation.evaluate(handler_a, make_station(), 2024, _scores(sheet, 1.0))
