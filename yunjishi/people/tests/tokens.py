"""Helpers of the token tests: get a token over the API, call with it."""

PASSWORD = "Gonghui#2024"


def get_token(client, phone: str, password: str = PASSWORD, **extra) -> str:
    response = client.post(
        "/api/auth/token",
        {"phone": phone, "password": password, **extra},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.json()["token"]


def bearer(token: str) -> dict:
    return {"authorization": f"Bearer {token}"}


def me_status(client, token: str) -> int:
    return client.get("/api/auth/me", headers=bearer(token)).status_code
