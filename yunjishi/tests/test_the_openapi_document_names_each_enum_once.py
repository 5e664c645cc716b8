"""The OpenAPI document named two enums ``Status`` (the stations' and the appeals'), so the
second one written won and the station status filter documented appeal statuses. Each enum
an operation reads or answers has a name of its own, and the station filters list station
statuses."""

import collections
import json

from pydantic import BaseModel

from yunjishi.api import api
from yunjishi.appeals.models import AppealStatus
from yunjishi.stations.models import StationStatus


def _models():
    for bound in api._get_bound_routers():
        for view in bound.path_operations.values():
            for operation in view.operations:
                yield from ((m, "validation") for m in operation.models)
                yield from ((m, "serialization") for m in operation.response_models.values())


def enums_by_name() -> dict[str, set[str]]:
    """Every enum definition each model's schema carries, by the name it is filed under."""
    found = collections.defaultdict(set)
    for model, mode in _models():
        if isinstance(model, type) and issubclass(model, BaseModel):
            for name, schema in model.model_json_schema(mode=mode).get("$defs", {}).items():
                if "enum" in schema:
                    found[name].add(json.dumps(schema["enum"]))
    return found


def test_no_two_different_enums_share_a_name():
    shared = {name: values for name, values in enums_by_name().items() if len(values) > 1}

    assert shared == {}


def test_the_components_hold_each_enum_as_its_operations_use_it(client, db):
    components = client.get("/api/openapi.json").json()["components"]["schemas"]

    for name, values in enums_by_name().items():
        assert {json.dumps(components[name]["enum"])} == values


def _parameter(document, path, name):
    operation = document["paths"][path]["get"]
    found = next(p for p in operation["parameters"] if p["name"] == name)
    schema = found["schema"]
    ref = next((part["$ref"] for part in schema.get("anyOf", []) if "$ref" in part), None)
    ref = ref or schema.get("$ref")
    return document["components"]["schemas"][ref.rsplit("/", 1)[-1]]["enum"]


def test_the_station_status_filter_lists_station_statuses(client, db):
    document = client.get("/api/openapi.json").json()

    assert _parameter(document, "/api/stations/staff/stations", "status") == list(
        StationStatus.values
    )
    assert _parameter(document, "/api/appeals/staff/appeals", "status") == list(AppealStatus.values)
