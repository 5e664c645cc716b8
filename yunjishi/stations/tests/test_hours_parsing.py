import pytest
from django.core.exceptions import ValidationError

from yunjishi.stations.hours import format_day, normalize_week, parse_day


def test_it_reads_several_ranges_a_day():
    assert parse_day("08:00-12:00, 14:00-18:00") == [(480, 720), (840, 1080)]


def test_it_reads_chinese_punctuation_and_dashes():
    assert parse_day("8:00～12:00，14：00至18:00") == [(480, 720), (840, 1080)]


def test_a_range_that_ends_before_it_starts_runs_past_midnight():
    assert parse_day("22:00-02:00") == [(1320, 1560)]


def test_24_hours_and_closed_words():
    assert parse_day("24小时") == parse_day("00:00-24:00") == [(0, 1440)]
    assert parse_day("休息") == parse_day("closed") == parse_day("") == []


def test_it_names_the_bad_part():
    with pytest.raises(ValidationError) as error:
        parse_day("08:00-12:00, 下午")
    assert "下午" in error.value.messages[0]


def test_it_refuses_times_that_do_not_exist():
    for text in ("25:00-26:00", "08:61-09:00", "24:30-01:00", "09:00-09:00"):
        with pytest.raises(ValidationError):
            parse_day(text)


def test_a_week_is_written_back_in_one_canonical_form():
    week = normalize_week(["8:00-12:00,14:00-18:00", "22:00-02:00", "全天", "", "休息", "", ""])
    assert week[:3] == ["08:00-12:00,14:00-18:00", "22:00-02:00", "00:00-24:00"]
    assert format_day([]) == ""


def test_a_week_needs_seven_days():
    with pytest.raises(ValidationError):
        normalize_week(["08:00-18:00"] * 6)
