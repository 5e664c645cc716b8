"""Membership fixtures on top of the shared tree and people (see /conftest.py).

newcomer: a registered worker who is not a member yet.
application: newcomer's pending application to street A (routed by area).
"""

import pytest

from yunjishi.membership import services


@pytest.fixture
def rider(db):
    from yunjishi.people.models import Occupation

    return Occupation.objects.create(name="外卖骑手", is_new_employment_form=True)


@pytest.fixture
def cleaner(db):
    from yunjishi.people.models import Occupation

    return Occupation.objects.create(name="环卫工人")


@pytest.fixture
def newcomer(tree, password):
    from yunjishi.people.models import MemberProfile, User

    user = User.objects.create_user(
        "13800000009", password, display_name="钱新人", email="newcomer@example.com"
    )
    MemberProfile.objects.create(user=user, real_name="钱新人")
    return user


@pytest.fixture
def application(newcomer, cleaner, tree):
    return services.apply(newcomer, real_name="钱新人", occupation=cleaner, area=tree.street_a)
