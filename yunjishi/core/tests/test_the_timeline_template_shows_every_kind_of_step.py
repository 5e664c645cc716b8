"""One timeline template for every lifecycle (orders, appeals, proposals, suggestions): a
move reads from → to, a labelled step carries its tag, a staff-only step says so, a note
keeps its line breaks, and nothing is styled inline (the CSP forbids it)."""

import datetime as dt
import re

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

AT = timezone.make_aware(dt.datetime(2024, 3, 4, 9, 30))


def render(*steps) -> str:
    with override("en"):
        return render_to_string("_timeline.html", {"steps": list(steps)})


def items(html: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", html, flags=re.S)


def test_a_move_reads_from_and_to():
    html = render({"from_label": "Placed", "to_label": "Allocated", "at": AT, "who": "Provider"})
    (step,) = items(html)
    assert "<strong>Placed → Allocated</strong>" in step
    assert "2024-03-04 09:30 · Provider" in step


def test_the_first_move_has_no_from():
    (step,) = items(render({"from_label": "", "to_label": "Submitted", "at": AT, "who": "You"}))
    assert "<strong>Submitted</strong>" in step


def test_a_labelled_step_shows_its_label_and_its_tag():
    (step,) = items(render({"label": "Accepted", "tag": "In progress", "at": AT, "who": "A"}))
    assert "<strong>Accepted</strong>" in step
    assert '<span class="tag">In progress</span>' in step
    assert "staff only" not in step


def test_a_staff_only_step_says_so():
    (step,) = items(render({"label": "Put under supervision", "internal": True, "at": AT}))
    assert '<span class="tag">staff only</span>' in step


def test_a_note_keeps_its_line_breaks_and_is_escaped():
    (step,) = items(render({"label": "Answered", "note": "one\n<two>", "at": AT, "who": "B"}))
    assert "one<br>&lt;two&gt;" in step


def test_nothing_is_styled_inline():
    html = render({"label": "x", "tag": "y", "internal": True, "note": "z", "at": AT})
    assert "style=" not in html and '<ol class="timeline">' in html
