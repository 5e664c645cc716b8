"""``Lifecycle.steps`` turns history rows into the steps ``_timeline.html`` and the API
read: the lifecycle's own labels for both ends (none for the first row's start), the actor
in the reader's words, the note and any more columns asked for."""

import datetime as dt
from types import SimpleNamespace

from django.contrib.auth.models import Group

from yunjishi.core.transitions import Lifecycle

LIFECYCLE = Lifecycle(
    model=Group,  # any model: the labels are given
    moves={("draft", "live"): "owner"},
    history=Group,
    subject="group",
    illegal="%(now)s → %(to)s",
    changed="changed",
    labels={"draft": "草稿", "live": "已上架"},
)
AT = dt.datetime(2024, 7, 1, 9, 30, tzinfo=dt.UTC)


def event(actor, source, to, **more):
    return SimpleNamespace(at=AT, actor=actor, from_status=source, to_status=to, note="", **more)


def test_each_row_becomes_a_step_with_the_lifecycles_labels_and_the_readers_words():
    owner = SimpleNamespace(pk=1)
    rows = [event(owner, "", "draft"), event(None, "draft", "live")]

    steps = LIFECYCLE.steps(rows, lambda actor: "系统" if actor is None else "您")

    assert steps == [
        {
            "at": AT,
            "who": "您",
            "from_status": "",
            "from_label": "",
            "to_status": "draft",
            "to_label": "草稿",
            "note": "",
        },
        {
            "at": AT,
            "who": "系统",
            "from_status": "draft",
            "from_label": "草稿",
            "to_status": "live",
            "to_label": "已上架",
            "note": "",
        },
    ]


def test_more_columns_of_the_history_come_along_when_asked():
    rows = [event(None, "draft", "live", action="publish")]

    (step,) = LIFECYCLE.steps(rows, str, "action")

    assert step["action"] == "publish"
