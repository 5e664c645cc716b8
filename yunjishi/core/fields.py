"""The one boundary every API schema and every form passes: numbers within the database's
range, dates within a sane range, text without control characters or lone surrogates (and
normalised: NFC, stripped, one kind of line break), bounded lengths, strict types.

For ninja schemas, annotated types: ``Id`` (a row id in a JSON body: an integer, never a
bool or a string), ``IdParam`` (a row id in a path or query string), ``Bool``, ``Count``,
``Date`` and ``DateTime``; and the metadata ``Annotated[str, Line(n)]`` (one line),
``Annotated[str, Text(n)]`` (several lines), ``Annotated[str, Secret(n)]`` (a password,
kept as typed) and ``Annotated[int, Number(lo, hi)]``. For forms, the fields of the same rules:
``LineField``, ``TextField``, ``IntField``, ``DayField``, ``MomentField`` and
``RowsField``. Both sides call ``clean_text`` and ``in_date_range``, so a page and its API
refuse the same input with the same words.
"""

import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from annotated_types import Ge, GroupedMetadata, Le, MaxLen, MinLen
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator, BeforeValidator, Field, Strict
from pydantic_core import PydanticCustomError

from .validators import MAX_ROW_ID

# The range of an IntegerField or PositiveIntegerField on every database we run on.
MAX_INT = 2**31 - 1
MIN_INT = -(2**31)

# Dates past these are typing mistakes or probes, and 9999-12-31 plus a day overflows.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)

# The messages of the boundary's own refusals, by the error type the API sees.
MESSAGES = {
    "text_control": _("Remove the control characters from this text."),
    "text_line_break": _("Keep this text on one line."),
    "text_unreadable": _("This text holds characters that cannot be stored."),
    "string_unicode": _("This text holds characters that cannot be stored."),
    "date_range": _("Enter a date between 1900 and 2100."),
    "date_type": _("Enter a valid date."),
}

_KEPT_IN_TEXT = "\n\t"


def _refusal(char: str, multiline: bool) -> str | None:
    """The ``MESSAGES`` key a character is refused with, or None when it may stay."""
    kind = unicodedata.category(char)
    if kind == "Cs" or char in "\ufffe\uffff":
        return "text_unreadable"
    if kind == "Cc" and not (multiline and char in _KEPT_IN_TEXT):
        return "text_line_break" if char in "\n\r" else "text_control"
    return None


def clean_text(
    value: str, *, multiline: bool = False, strip: bool = True, normalise: bool = True
) -> str:
    """``value`` normalised (NFC, CR LF and CR to LF, stripped; a password neither stripped
    nor ``normalise``d), or a ``ValueError`` whose first argument is the ``MESSAGES`` key:
    a control character (tab and line break are allowed in ``multiline`` text), a lone
    surrogate or a non-character."""
    value = value.replace("\r\n", "\n").replace("\r", "\n") if multiline else value
    for char in value:
        refusal = _refusal(char, multiline)
        if refusal:
            raise ValueError(refusal)
    if not normalise:
        return value
    value = unicodedata.normalize("NFC", value)
    return value.strip() if strip else value


def scrub(value: str | None, max_length: int, *, multiline: bool = False) -> str:
    """A page's raw text (a search box, a reason typed outside a form) made storable and
    searchable: control characters and lone surrogates dropped (tab and line break kept in
    ``multiline`` text), NFC, stripped, cut to ``max_length``. For input a form does not
    read; what a form reads is refused instead (``LineField``)."""
    value = (value or "").replace("\r\n", "\n")
    kept = "".join(char for char in value if _refusal(char, multiline) is None)
    return unicodedata.normalize("NFC", kept).strip()[:max_length]


def in_date_range(day: dt.date) -> bool:
    if isinstance(day, dt.datetime):
        day = day.date()
    return FIRST_DAY <= day <= LAST_DAY


# --- ninja schemas ---------------------------------------------------------------------


def _text_check(multiline: bool, strip: bool = True):
    def check(value: str) -> str:
        try:
            return clean_text(value, multiline=multiline, strip=strip, normalise=strip)
        except ValueError as error:
            key = error.args[0]
            raise PydanticCustomError(key, str(MESSAGES[key])) from None

    return check


@dataclass(frozen=True)
class Line(GroupedMetadata):
    """One line of text: ``Annotated[str, Line(100)]``. No control characters at all,
    stripped, NFC, at most ``max_length`` characters as sent."""

    max_length: int
    min_length: int = 0
    multiline: ClassVar[bool] = False
    strip: ClassVar[bool] = True

    def __iter__(self) -> Iterator[object]:
        yield Strict()
        if self.min_length:
            yield MinLen(self.min_length)
        yield MaxLen(self.max_length)
        yield AfterValidator(_text_check(multiline=self.multiline, strip=self.strip))


@dataclass(frozen=True)
class Text(Line):
    """Text of several lines: ``Annotated[str, Text(2000)]``; line breaks and tabs kept,
    other control characters refused."""

    multiline: ClassVar[bool] = True


@dataclass(frozen=True)
class Secret(Line):
    """A password as typed (not stripped or normalised), but storable:
    ``Annotated[str, Secret(128)]``."""

    strip: ClassVar[bool] = False


@dataclass(frozen=True)
class Number(GroupedMetadata):
    """A whole number in a JSON body (never a bool, a float or a string), within bounds:
    ``Annotated[int, Number(1, 5)]``. The bounds default to an integer column's range."""

    ge: int = MIN_INT
    le: int = MAX_INT

    def __iter__(self) -> Iterator[object]:
        yield Strict()
        yield Ge(self.ge)
        yield Le(self.le)


# A row id in a JSON body: a positive integer the database can hold; never true or "1".
Id = Annotated[int, Strict(), Field(ge=1, le=MAX_ROW_ID)]
# A row id in a path or a query string (text by nature, so read as a number).
IdParam = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]
# A number in a path or query string, within the range of an integer column.
IntParam = Annotated[int, Field(ge=MIN_INT, le=MAX_INT)]
# A yes or no in a JSON body: true or false, never "yes" or 1.
Bool = Annotated[bool, Strict()]
# A count of places, a score, an amount: a whole number an integer column holds.
Count = Annotated[int, Number(0, MAX_INT)]


def _date_input(value: Any) -> Any:
    # An ISO text or a date; a bare number would be read as a Unix time, a bool as 0 or 1.
    if isinstance(value, bool | int | float):
        raise PydanticCustomError("date_type", str(MESSAGES["date_type"]))
    return value


def _date_range(value: Any) -> Any:
    if not in_date_range(value):
        raise PydanticCustomError("date_range", str(MESSAGES["date_range"]))
    return value


Date = Annotated[dt.date, BeforeValidator(_date_input), AfterValidator(_date_range)]
DateTime = Annotated[dt.datetime, BeforeValidator(_date_input), AfterValidator(_date_range)]


# --- Django forms ----------------------------------------------------------------------


class LineField(forms.CharField):
    """One line of text, as ``Line``: normalised, no control characters."""

    multiline = False
    normalise = True

    def __init__(self, *, max_length: int, **kwargs):
        if self.multiline:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(max_length=max_length, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        try:
            return clean_text(
                value, multiline=self.multiline, strip=self.strip, normalise=self.normalise
            )
        except ValueError as error:
            key = error.args[0]
            raise ValidationError(MESSAGES[key], code=key) from None


class TextField(LineField):
    """Text of several lines, as ``Text`` (a textarea unless told otherwise)."""

    multiline = True


class SecretField(LineField):
    """A password, as ``Secret``: kept as typed (not stripped or normalised)."""

    normalise = False

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, strip=False, **kwargs)


class IntField(forms.IntegerField):
    """A whole number an integer column holds (bounds default to the column's range)."""

    def __init__(self, *, min_value: int | None = None, max_value: int | None = None, **kwargs):
        super().__init__(
            min_value=MIN_INT if min_value is None else min_value,
            max_value=MAX_INT if max_value is None else max_value,
            **kwargs,
        )


def _date_validator(value):
    if value is not None and not in_date_range(value):
        raise ValidationError(MESSAGES["date_range"], code="date_range")


class DayField(forms.DateField):
    """A date between 1900 and 2100, as ``Date``."""

    default_validators = [_date_validator]


class MomentField(forms.DateTimeField):
    """A date and time between 1900 and 2100, as ``DateTime``."""

    default_validators = [_date_validator]


class RowsField(forms.ModelMultipleChoiceField):
    """Several rows chosen by id; an id the database cannot hold is an invalid choice, not a
    server error (Django looks the ids up with ``pk__in``, which does not guard overflow)."""

    def clean(self, value):
        if not self.to_field_name and isinstance(value, list | tuple):
            for pk in value:
                if row_id(str(pk)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super().clean(value)


# A model's TextField has no length of its own; a form still bounds what it takes.
MAX_FORM_TEXT = 5000


def model_formfield(db_field, **kwargs):
    """A ModelForm's ``Meta.formfield_callback``: the model's plain text, number and date
    columns get the boundary's form fields (choices, e-mail and links keep their own)."""
    if db_field.choices:
        return db_field.formfield(**kwargs)
    kind = type(db_field)
    if kind is models.CharField:
        kwargs.setdefault("max_length", db_field.max_length)
        return db_field.formfield(form_class=LineField, **kwargs)
    if kind is models.TextField:
        kwargs.setdefault("max_length", MAX_FORM_TEXT)
        return db_field.formfield(form_class=TextField, **kwargs)
    if kind in (
        models.IntegerField,
        models.SmallIntegerField,
        models.PositiveIntegerField,
        models.PositiveSmallIntegerField,
    ):
        return db_field.formfield(form_class=IntField, **kwargs)
    if kind is models.DateField:
        return db_field.formfield(form_class=DayField, **kwargs)
    if kind is models.DateTimeField:
        return db_field.formfield(form_class=MomentField, **kwargs)
    return db_field.formfield(**kwargs)


def row_id(text: str | None) -> int | None:
    """A row id from a page's raw input (a query string, a list of ticked boxes), or None
    when it is not one the database could hold."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ROW_ID else None


class TextPathConverter:
    """A path segment without control characters (``<text:code>`` instead of ``<str:...>``)."""

    regex = "[^/\\x00-\\x1f\\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
