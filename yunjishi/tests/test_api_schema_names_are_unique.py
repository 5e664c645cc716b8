"""The OpenAPI document names each schema by its class name alone: two schemas of the same
name in different apps silently share one entry (the second one documented as the first).
So a schema's name is unique across the whole API, and what apps share (``OrgRef``) is
defined once, in the lowest layer that knows it."""

import collections

from ninja import Schema

import yunjishi.api  # noqa: F401  (loads every router, so every schema)


def _schemas(cls=Schema):
    for sub in cls.__subclasses__():
        yield sub
        yield from _schemas(sub)


def test_no_two_schemas_of_the_api_share_a_name():
    modules_by_name = collections.defaultdict(set)
    for schema in set(_schemas()):
        if schema.__module__.startswith("yunjishi."):
            modules_by_name[schema.__name__].add(schema.__module__)

    shared = {name: sorted(mods) for name, mods in modules_by_name.items() if len(mods) > 1}
    assert shared == {}


def test_the_org_reference_is_one_schema_with_the_orgs_code():
    components = yunjishi.api.api.get_openapi_schema()["components"]["schemas"]

    assert set(components["OrgRef"]["properties"]) == {"id", "code", "name"}
