import pytest

from yunjishi.proposals import services


@pytest.fixture
def representative(worker):
    """The fixture worker (a member of enterprise A, under street A) as a representative."""
    profile = worker.member_profile
    profile.is_representative = True
    profile.save(update_fields=["is_representative"])
    return worker


@pytest.fixture
def make_proposal(representative):
    """``make_proposal(**fields)``: a proposal submitted by the representative to street A."""

    def make(user=None, **fields):
        data = {
            "title": "关于加强对货车司机关心关爱的提案",
            "text": "建议在物流园区建设共享“司机之家”，解决货车司机休息、热饭、洗澡难题。",
            "category": "living",
        }
        data.update(fields)
        return services.submit_proposal(user or representative, **data)

    return make


@pytest.fixture
def walk(admin_a, handler_a, supervisor, tree):
    """``walk(proposal, to)``: move a proposal along the happy path up to ``to``."""
    steps = [
        ("reviewing", lambda p: services.start_review(admin_a, p)),
        ("accepted", lambda p: services.accept(admin_a, p, "符合立案条件")),
        ("handling", lambda p: services.assign(admin_a, p, tree.enterprise_a, "区交通运输局")),
        ("supervision", lambda p: services.answer(handler_a, p, "已在园区建成司机之家。")),
        ("feedback", lambda p: services.check(supervisor, p, passed=True, note="现场核实")),
    ]

    def go(proposal, to):
        for status, step in steps:
            proposal = step(proposal)
            if status == to:
                return proposal
        raise AssertionError(f"no step to {to}")

    return go
