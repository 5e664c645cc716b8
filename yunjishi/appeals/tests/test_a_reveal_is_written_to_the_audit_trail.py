"""A supervisor's reveal of an anonymous sender writes a REVEAL entry to the audit trail:
who revealed which appeal, why, under the handling org. The entry does not name the
sender, so other readers of the trail do not learn who it was."""

import json

import pytest

from yunjishi.appeals import services
from yunjishi.audit.models import Action, Entry

REASON = "涉及违法克扣工资，需当面核实情况"


@pytest.fixture
def anonymous(make_appeal, handler_a):
    return services.accept(handler_a, make_appeal(anonymous=True, title="班组长克扣加班费"))


def reveal(client, appeal, reason=REASON):
    return client.post(
        f"/api/appeals/staff/appeals/{appeal.pk}/reveal",
        {"reason": reason},
        content_type="application/json",
    )


def test_a_reveal_is_one_entry_with_its_reason(anonymous, supervisor, worker, client_for):
    assert reveal(client_for(supervisor), anonymous).status_code == 200

    entry = Entry.objects.get()
    assert (entry.action, entry.actor) == (Action.REVEAL, supervisor)
    assert entry.target == f"appeals.appeal:{anonymous.pk}"
    assert entry.org_path == anonymous.handling_org.path
    assert REASON in entry.detail
    # the trail is read by other supervisors: it does not give the sender away
    assert entry.subject is None
    stored = json.dumps(list(Entry.objects.values()), default=str, ensure_ascii=False)
    for trace in (worker.display_name, worker.member_profile.real_name, worker.phone):
        assert trace not in stored
    assert worker.masked_phone not in stored


def test_a_refused_reveal_writes_no_entry(anonymous, supervisor, handler_a, client_for):
    assert reveal(client_for(handler_a), anonymous).status_code == 403
    assert reveal(client_for(supervisor), anonymous, reason="短").status_code == 422
    assert not Entry.objects.exists()
