"""The one boundary (``yunjishi.core.fields``) as a page's form and an API schema meet it:
the same text, number and date is refused (or tidied) by both, with the same words."""

import datetime as dt
from typing import Annotated

import pydantic
import pytest
from django import forms

from yunjishi.core.fields import (
    Bool,
    Date,
    DayField,
    Id,
    IntField,
    Line,
    LineField,
    Number,
    Secret,
    Text,
    TextField,
    scrub,
)


class Probe(pydantic.BaseModel):
    line: Annotated[str, Line(10)] = ""
    text: Annotated[str, Text(20)] = ""
    secret: Annotated[str, Secret(20)] = ""
    id: Id | None = None
    yes: Bool = False
    day: Date | None = None
    stars: Annotated[int, Number(1, 5)] = 1


class ProbeForm(forms.Form):
    line = LineField(max_length=10, required=False)
    text = TextField(max_length=20, required=False)
    day = DayField(required=False)
    count = IntField(required=False)


def refused(**data) -> list[str]:
    try:
        Probe(**data)
    except pydantic.ValidationError as error:
        return [item["type"] for item in error.errors()]
    return []


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("line", "a\x00b", "text_control"),
        ("line", "a\x0bb", "text_control"),
        ("line", "a\nb", "text_line_break"),
        ("text", "a\x0bb", "text_control"),
        ("line", "a\ud800", "string_unicode"),
        ("line", "a" * 11, "string_too_long"),
        ("secret", "pass\x00word", "text_control"),
        ("id", True, "int_type"),
        ("id", "1", "int_type"),
        ("id", 2**63, "less_than_equal"),
        ("id", 0, "greater_than_equal"),
        ("yes", "yes", "bool_type"),
        ("yes", 1, "bool_type"),
        ("day", "9999-12-31", "date_range"),
        ("day", "1899-12-31", "date_range"),
        ("day", 1700000000, "date_type"),
        ("stars", True, "int_type"),
        ("stars", 6, "less_than_equal"),
    ],
)
def test_the_schema_side_refuses(field, value, kind):
    assert refused(**{field: value}) == [kind]


def test_the_schema_side_tidies_text_and_keeps_a_password_as_typed():
    probe = Probe(line=" Cafe\u0301 ", text="a\r\nb\tc", secret=" pass ")

    assert probe.line == "Café"
    assert probe.text == "a\nb\tc"
    assert probe.secret == " pass "


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("line", "a\x0bb"),
        ("line", "a\x00b"),
        ("line", "a\nb"),
        ("text", "a\x1bb"),
        ("day", "9999-12-31"),
        ("count", str(2**31)),
        ("count", str(-(2**31) - 1)),
    ],
)
def test_the_form_side_refuses_the_same(field, value):
    form = ProbeForm({field: value})

    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_the_form_side_says_it_in_the_same_words(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    form = ProbeForm({"line": "a\x0bb", "day": "9999-12-31"})

    assert form.errors["line"] == ["请删去文字中的控制字符。"]
    assert form.errors["day"] == ["请输入 1900 年至 2100 年之间的日期。"]


def test_the_form_side_tidies_the_same():
    form = ProbeForm({"line": " Cafe\u0301 ", "text": "a\r\nb", "day": "2024-02-29"})

    assert form.is_valid()
    assert form.cleaned_data["line"] == "Café"
    assert form.cleaned_data["text"] == "a\nb"
    assert form.cleaned_data["day"] == dt.date(2024, 2, 29)


def test_raw_page_text_is_scrubbed_not_refused():
    assert scrub(" a\x00b\x0bc\r\nd\te\ud800 ", 50, multiline=True) == "abc\nd\te"
    assert scrub(" a\nb\tc ", 2) == "ab"
    assert scrub(None, 5) == ""
