"""A person sees their own working tokens (never the keys) and may revoke any of them."""

import datetime as dt

import time_machine
from django.utils import timezone

from yunjishi.people.models import ApiToken

from .tokens import bearer, get_token, me_status


def test_i_see_my_working_tokens_without_their_keys(client, worker, other_worker):
    start = timezone.now()
    with time_machine.travel(start - dt.timedelta(days=40), tick=False):
        get_token(client, worker.phone, name="旧手机")  # expired by now
    mine = get_token(client, worker.phone, name="小程序")
    other = get_token(client, worker.phone, name="平板")
    get_token(client, other_worker.phone, name="别人的")

    response = client.get("/api/auth/tokens", headers=bearer(mine))

    assert response.status_code == 200
    rows = response.json()
    assert sorted(row["name"] for row in rows) == ["小程序", "平板"]
    assert [row["current"] for row in rows if row["name"] == "小程序"] == [True]
    assert set(rows[0]) == {"id", "name", "created_at", "last_used_at", "expires_at", "current"}
    text = response.content.decode()
    assert mine not in text and other not in text
    assert not any(row.key_hash in text for row in ApiToken.objects.all())


def test_i_revoke_one_of_my_tokens_by_its_id(client, worker):
    mine = get_token(client, worker.phone, name="小程序")
    lost = get_token(client, worker.phone, name="丢失的手机")
    lost_id = ApiToken.objects.get(name="丢失的手机").pk

    response = client.delete(f"/api/auth/tokens/{lost_id}", headers=bearer(mine))

    assert response.status_code == 204
    assert me_status(client, lost) == 401
    assert me_status(client, mine) == 200


def test_i_cannot_revoke_someone_elses_token(client, worker, other_worker):
    mine = get_token(client, worker.phone)
    theirs = get_token(client, other_worker.phone)
    their_id = ApiToken.objects.get(user=other_worker).pk

    response = client.delete(f"/api/auth/tokens/{their_id}", headers=bearer(mine))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert me_status(client, theirs) == 200
