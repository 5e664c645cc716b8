"""Every input of the API passes the one boundary (``yunjishi.core.fields``): an integer has a
maximum the database can hold, every text a maximum length and every date the boundary's
range, in each operation's path, query, form and body, nested lists and objects included. A new schema written with a bare
``int`` or ``str`` fails here before a fuzzer finds the 500 it leads to."""

import datetime as dt
import types
import typing

from pydantic import BaseModel

from yunjishi.api import api
from yunjishi.core import fields
from yunjishi.core.validators import MAX_ROW_ID

# ninja's paging cuts a limit past the list's largest page to that page: no bound needed.
CUT_TO_A_PAGE = {"limit"}
BEYOND = MAX_ROW_ID + 1
DATES_AND_FILES = ("date", "date-time", "binary")


def _operations():
    for bound in api._get_bound_routers():
        for path, view in bound.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    yield f"{method} {bound.prefix}{path}", operation


def _unbounded(node, defs, where, seen):
    """(where, why) of each integer without a maximum and each text without a length."""
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        if name not in seen:
            yield from _unbounded(defs[name], defs, f"{where}<{name}>", seen | {name})
        return
    kind = node.get("type")
    last = where.rsplit(".", 1)[-1]
    if kind == "integer" and last not in CUT_TO_A_PAGE and node.get("maximum", BEYOND) > MAX_ROW_ID:
        yield where, "integer without a maximum"
    free_text = not {"enum", "const", "maxLength"} & set(node)
    if kind == "string" and free_text and node.get("format") not in DATES_AND_FILES:
        yield where, "text without a maxLength"
    for key in ("anyOf", "oneOf", "allOf"):
        for part in node.get(key, []):
            yield from _unbounded(part, defs, where, seen)
    if "items" in node:
        yield from _unbounded(node["items"], defs, f"{where}[]", seen)
    if isinstance(node.get("additionalProperties"), dict):
        yield from _unbounded(node["additionalProperties"], defs, f"{where}{{}}", seen)
    for name, prop in node.get("properties", {}).items():
        yield from _unbounded(prop, defs, f"{where}.{name}", seen)


def unbounded_inputs() -> list[tuple[str, str]]:
    found = set()
    for name, operation in _operations():
        for model in operation.models:
            if isinstance(model, type) and issubclass(model, BaseModel):
                schema = model.model_json_schema(mode="validation")
                defs = schema.get("$defs", {})
                for where, why in _unbounded(schema, defs, name, frozenset()):
                    found.add((where, why))
    return sorted(found)


# Inputs bounded by a rule of their own, with the reason (none today).
ELSEWHERE: set[tuple[str, str]] = set()


def test_every_integer_and_text_an_operation_reads_is_bounded():
    assert [found for found in unbounded_inputs() if found not in ELSEWHERE] == []


def test_the_walk_finds_an_unbounded_field():
    """The test above can fail: a bare ``int`` and ``str`` are found."""

    class Probe(BaseModel):
        n: int
        s: str
        ids: list[int]

    schema = Probe.model_json_schema(mode="validation")

    assert sorted(w for w, _why in _unbounded(schema, {}, "probe", frozenset())) == [
        "probe.ids[]",
        "probe.n",
        "probe.s",
    ]


def _unranged_dates(annotation, metadata, where, seen):
    """Where a date or a moment is read without the boundary's range (1900 to 2100)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *more = typing.get_args(annotation)
        yield from _unranged_dates(inner, [*metadata, *more], where, seen)
    elif annotation in (dt.date, dt.datetime):
        if not any(getattr(m, "func", None) is fields._date_range for m in metadata):
            yield where
    elif origin in (typing.Union, types.UnionType, list, dict, tuple):
        for arg in typing.get_args(annotation):
            yield from _unranged_dates(arg, [], where, seen)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, field in annotation.model_fields.items():
            if annotation not in seen:
                yield from _unranged_dates(
                    field.annotation, field.metadata, f"{where}.{name}", seen | {annotation}
                )


def test_every_date_an_operation_reads_is_within_the_boundary_range():
    found = set()
    for name, operation in _operations():
        for model in operation.models:
            found.update(_unranged_dates(model, [], name, frozenset()))

    assert sorted(found) == []
