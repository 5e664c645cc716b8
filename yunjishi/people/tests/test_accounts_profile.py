"""The profile page: the phone is shown masked, and an ID number is kept only as hash + last four."""

import html
import re

import pytest
from django.db import connection
from stdnum.cn import ric

from yunjishi.people.models import MemberProfile, id_number_hash

PROFILE_URL = "/accounts/profile/"
ID_NUMBER = "11010519491231002X"
CJK = re.compile(r"[\u4e00-\u9fff]")


def save(client, **fields):
    data = {"real_name": "王职工", "employer_name": "甲公司", "email": "worker@example.com"}
    data.update(fields)
    return client.post(PROFILE_URL, data)


def stored_cells(profile) -> str:
    """Every column of the member's row, as the database has it."""
    table = MemberProfile._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [profile.pk])  # noqa: S608
        return " ".join(str(cell) for cell in cursor.fetchone())


def test_the_example_id_number_is_valid():
    assert ric.is_valid(ID_NUMBER)
    assert not ric.is_valid(ID_NUMBER[:-1] + "1")


def test_the_profile_shows_the_phone_masked_and_never_in_full(client_for, worker):
    page = client_for(worker).get(PROFILE_URL).content.decode()

    assert "138****0001" in page
    assert "13800000001" not in page


def test_no_page_of_a_worker_shows_their_full_phone(client_for, worker):
    client = client_for(worker)
    for url in ["/", "/accounts/profile/", "/accounts/password/", "/inbox/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "13800000001" not in response.content.decode(), url


def test_an_id_number_is_stored_only_as_hash_and_last_four(client_for, worker):
    client = client_for(worker)

    response = save(client, id_number=ID_NUMBER.lower())

    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=worker)
    assert profile.id_last4 == "002X"
    assert profile.id_number_hash == id_number_hash(ID_NUMBER)
    cells = stored_cells(profile)
    assert ID_NUMBER not in cells.upper()
    assert "19491231" not in cells  # not even the birth date
    page = client.get(PROFILE_URL).content.decode()
    assert "002X" in page
    assert ID_NUMBER not in page.upper()


def test_the_id_number_is_never_shown_back_in_the_form(client_for, worker):
    client = client_for(worker)
    save(client, id_number=ID_NUMBER)

    page = client.get(PROFILE_URL).content.decode()

    assert ID_NUMBER not in page
    assert "**************002X" in page


@pytest.mark.parametrize(
    "bad", [ID_NUMBER[:-1] + "1", "11010519491231002", "110105194913310028", "abcdefghijklmnopqr"]
)
def test_a_bad_id_number_shows_a_chinese_error_and_saves_nothing(client_for, worker, bad):
    response = save(client_for(worker), id_number=bad, real_name="王新名")

    assert response.status_code == 200
    errors = [str(m) for m in response.context["form"].errors["id_number"]]
    assert errors and all(CJK.search(m) for m in errors), errors
    assert all(m in html.unescape(response.content.decode()) for m in errors)
    profile = MemberProfile.objects.get(user=worker)
    assert profile.id_number_hash is None
    assert profile.id_last4 == ""
    assert profile.real_name == "王职工"


def test_an_id_number_already_on_another_account_is_refused(client_for, worker, other_worker):
    save(client_for(worker), id_number=ID_NUMBER)

    response = save(client_for(other_worker), id_number=ID_NUMBER, real_name="赵职工")

    assert response.status_code == 200
    errors = [str(m) for m in response.context["form"].errors["id_number"]]
    assert errors and all(CJK.search(m) for m in errors), errors
    theirs = MemberProfile.objects.get(user=other_worker)
    assert theirs.id_number_hash is None
    assert MemberProfile.objects.get(user=worker).id_last4 == "002X"


def test_saving_the_same_id_number_again_on_ones_own_account_is_fine(client_for, worker):
    client = client_for(worker)
    save(client, id_number=ID_NUMBER)

    response = save(client, id_number=ID_NUMBER, employer_name="丙公司")

    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=worker)
    assert profile.employer_name == "丙公司"
    assert profile.id_last4 == "002X"


def test_saving_without_an_id_number_keeps_the_one_given_before(client_for, worker):
    client = client_for(worker)
    save(client, id_number=ID_NUMBER)

    assert save(client, id_number="", employer_name="丙公司").status_code == 302

    assert MemberProfile.objects.get(user=worker).id_number_hash == id_number_hash(ID_NUMBER)


def test_the_profile_page_needs_a_login(client, db):
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
