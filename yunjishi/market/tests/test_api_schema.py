"""The market endpoints are in the OpenAPI schema, under the market tag."""


def test_the_market_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/market/listings",
        "/api/market/listings/{pk}",
        "/api/market/listings/{pk}/orders",
        "/api/market/orders/{pk}/reorder",
        "/api/market/provider/listings",
        "/api/market/provider/orders/{pk}/allocate",
    ):
        assert path in paths, path
    order = paths["/api/market/listings/{pk}/orders"]["post"]
    assert order["tags"] == ["market"]
    assert {"200", "201"} <= set(order["responses"])
    assert any(p["name"] == "Idempotency-Key" for p in order["parameters"])
