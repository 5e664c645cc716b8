"""Staff and superusers need at least 12 characters of three kinds (等保 2.0); workers keep
the ordinary rule. The rule is met wherever a staff password is set."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from yunjishi.people.services import assign_staff

WEAK_FOR_STAFF = ["gonghuixiehui2024", "Gong#hui24"]  # two kinds; three kinds but 10 long
STRONG = "Gonghui#2024xy"


def change(client, old, new):
    return client.post(
        "/accounts/password/", {"old_password": old, "new_password1": new, "new_password2": new}
    )


@pytest.mark.parametrize("new", WEAK_FOR_STAFF)
def test_a_staffer_cannot_pick_a_weak_password(client_for, handler_a, password, new):
    response = change(client_for(handler_a), password, new)

    assert response.status_code == 200
    errors = response.context["form"].errors["new_password2"]
    assert any("12" in str(e) for e in errors), errors
    handler_a.refresh_from_db()
    assert handler_a.check_password(password)


def test_a_staffer_can_pick_a_strong_password(client_for, handler_a, password):
    assert change(client_for(handler_a), password, STRONG).status_code == 302


def test_a_worker_keeps_the_ordinary_rule(client_for, worker, password):
    assert change(client_for(worker), password, "gonghuixiehui2024").status_code == 302


def test_a_worker_who_becomes_staff_meets_the_rule_at_the_next_change(
    client_for, worker, password, tree
):
    assign_staff(worker, tree.enterprise_a, "handler")
    worker.refresh_from_db()

    response = change(client_for(worker), password, "gonghuixiehui2024")

    assert response.status_code == 200
    assert change(client_for(worker), password, STRONG).status_code == 302


def test_the_admin_password_form_applies_the_rule_to_a_superuser(client_for, superuser, password):
    response = client_for(superuser).post(
        f"/admin/people/user/{superuser.pk}/password/",
        {"password1": "gonghuixiehui2024", "password2": "gonghuixiehui2024"},
    )

    assert response.status_code == 200
    superuser.refresh_from_db()
    assert superuser.check_password(password)


def test_the_rule_says_what_it_wants_in_chinese(handler_a):
    with pytest.raises(ValidationError) as error:
        validate_password("gonghuixiehui2024", handler_a)

    assert any("12" in message and "大写" in message for message in error.value.messages)
