"""The handler, tracker and supervisor of an appeal may be one person: they are told once,
in the words of the first of their roles."""

from types import SimpleNamespace

from yunjishi.appeals.routing import Responsible


def person(pk: int):
    return SimpleNamespace(pk=pk)


def test_each_person_comes_once_in_their_first_role():
    lin, wu = person(1), person(2)
    found = Responsible(handler=lin, tracker=wu, supervisor=lin)
    assert list(found.with_roles()) == [("handler", lin), ("tracker", wu)]
    assert found.people() == [lin, wu]


def test_missing_roles_are_left_out():
    wu = person(2)
    found = Responsible(handler=None, tracker=wu, supervisor=wu)
    assert list(found.with_roles()) == [("tracker", wu)]
    assert Responsible(None, None, None).people() == []
