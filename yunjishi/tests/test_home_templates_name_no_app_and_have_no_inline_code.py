"""The home templates name no app (the apps declare their entries) and carry no inline
style or script, so a strict Content-Security-Policy leaves them whole."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
HOMES = ["home.html", "staff_home.html", "_home_entries.html"]
INLINE = re.compile(r"style=|<style|<script|\son[a-z]+=", re.IGNORECASE)


@pytest.mark.parametrize("name", HOMES)
def test_a_home_template_names_no_app(name):
    assert "{% url" not in (TEMPLATES / name).read_text()


@pytest.mark.parametrize("name", HOMES)
def test_a_home_template_has_no_inline_style_script_or_handler(name):
    assert INLINE.findall((TEMPLATES / name).read_text()) == []
