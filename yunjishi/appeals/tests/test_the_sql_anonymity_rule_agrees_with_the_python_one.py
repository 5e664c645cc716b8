"""The admin decides in SQL who may know an appeal's sender (``identity.shown_q``), every
other page in Python (``identity.shows_identity``): for any appeal and viewer they agree."""

import pytest
from django.contrib.auth.models import AnonymousUser

from yunjishi.appeals import identity
from yunjishi.appeals.models import Appeal, Event, IdentityReveal
from yunjishi.people.models import User


@pytest.fixture
def appeals(make_appeal, worker, other_worker, supervisor, handler_a, tree):
    """Open and anonymous ones, of the worker, of another worker, of the supervisor
    themself and of a deleted user; some shown to the supervisor, one to the handler."""
    made = {
        "open": make_appeal(),
        "anonymous": make_appeal(anonymous=True),
        "anonymous_revealed": make_appeal(anonymous=True),
        "anonymous_logged_by_hand": make_appeal(anonymous=True),
        "others_anonymous": make_appeal(other_worker, anonymous=True),
        "supervisors_own": make_appeal(supervisor, anonymous=True, org=tree.enterprise_a),
        "former_user_open": make_appeal(),
        "former_user_anonymous": make_appeal(anonymous=True),
    }
    identity.reveal(supervisor, made["anonymous_revealed"], "核实是否需要慰问。")
    IdentityReveal.objects.create(
        appeal=made["anonymous_logged_by_hand"], supervisor=handler_a, reason="测试用记录"
    )
    Appeal.objects.filter(
        pk__in=[made["former_user_open"].pk, made["former_user_anonymous"].pk]
    ).update(submitter=None)
    return list(Appeal.objects.all())


@pytest.mark.parametrize("name", ["worker", "other_worker", "supervisor", "handler_a"])
def test_shown_q_picks_the_appeals_shows_identity_allows(request, appeals, name):
    viewer = User.objects.get(pk=request.getfixturevalue(name).pk)  # nothing cached
    in_python = {a.pk for a in appeals if identity.shows_identity(a, viewer)}
    in_sql = set(Appeal.objects.filter(identity.shown_q(viewer)).values_list("pk", flat=True))
    through_history = set(
        Event.objects.filter(identity.shown_q(viewer, "appeal__")).values_list(
            "appeal_id", flat=True
        )
    )
    assert in_sql == in_python
    assert through_history == in_python
    assert 0 < len(in_python) < len(appeals)


def test_nobody_logged_in_is_shown_any_sender(appeals):
    viewer = AnonymousUser()
    assert not any(identity.shows_identity(a, viewer) for a in appeals)
    assert not Appeal.objects.filter(identity.shown_q(viewer)).exists()
