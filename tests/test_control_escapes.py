"""Control characters are refused whatever the YAML spelling (issue 20, item 8).

A NUL or another control character never appears in a file's text when a double-quoted YAML string
writes it as an escape ("\\0", "\\x07", "\\u0000", "\\U00000000", "\\e", "\\N"), nor does a lone
surrogate ("\\ud800", half of a character): each is refused at validation, in campaign.yml,
content/network.yml and Markdown front matter alike, as `file:line: field: ... [control-character]`,
and so never reaches a page, the Atom feed or a calendar. Tabs, line breaks and ordinary characters
written as escapes stay welcome.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from campaignsite.core.codes import Code
from project import CAMPAIGN_YML, NETWORK_YML, edit, validate, write_project

ROOT = Path(__file__).resolve().parent.parent
C = "campaigns/demo-2025"
YML, NEWS, PAGE, NETWORK = f"{C}/campaign.yml", f"{C}/news/laureates.nl.md", "content/fr/about.md", "content/network.yml"
REFUSED = [r"\0", r"\x07", r"\u0000", r"\U0000007f", r"\e", r"\N", r"\ud800"]


def problems_of(tmp_path: Path, files: dict) -> list:
    problems = validate(write_project(tmp_path / "project", files))
    for problem in problems:
        assert str(problem).isprintable(), repr(str(problem))
    return problems


def where(problems) -> set[tuple]:
    return {(p.path, p.line, p.field, p.code) for p in problems}


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("escape", REFUSED)
def test_an_escaped_control_character_in_a_title_is_refused(tmp_path, escape):
    files = edit(YML, "  nl: Proximity Demo 2025", f'  nl: "Proximity{escape} Demo 2025"')
    assert where(problems_of(tmp_path, files)) == {(YML, 2, "title.nl", Code.CONTROL_CHARACTER)}


@pytest.mark.parametrize("path, old, new, line, field", [
    (YML, "    nl: [Het project is collectief., Het", '    nl: ["Het project\\0 is collectief.", Het',
     line_of(CAMPAIGN_YML, "    nl: [Het project is collectief."), "call.criteria.nl.0"),
    (YML, "  - name: Be Planet", '  - name: "Be\\x07 Planet"', line_of(CAMPAIGN_YML, "  - name: Be Planet"),
     "partners.0.name"),
    (YML, "  total: 12500", '  "tot\\0al": 12500', line_of(CAMPAIGN_YML, "  total: 12500"), "budget.tot\\x00al"),
    (NETWORK, "contact: {name: Be Planet,", 'contact: {name: "Be\\u0000 Planet",', 5, "contact.name"),
    (NEWS, "title: De laureaten", 'title: "De\\0 laureaten"', 2, "title"),
    (PAGE, "title: À propos", 'title: "À\\e propos"', 2, "title"),
])
def test_every_yaml_place_is_searched(tmp_path, path, old, new, line, field):
    assert (path, line, field, Code.CONTROL_CHARACTER) in where(problems_of(tmp_path, edit(path, old, new)))


def test_a_repeated_alias_is_reported_once_where_its_anchor_is(tmp_path):
    files = {NETWORK: NETWORK_YML.replace("contact: {name: Be Planet,", 'contact: {name: &who "Be\\0 Planet",')
             + "x_more: [*who, *who]\n"}
    found = [p for p in problems_of(tmp_path, files) if p.code == Code.CONTROL_CHARACTER]
    assert [(p.line, p.field) for p in found] == [(5, "contact.name")]


@pytest.mark.parametrize("escape", [r"\t", r"\n", r"\u00e9", r"\U0001F331", r"\x41", r"\u00a0", r"\_"])
def test_tabs_line_breaks_and_characters_written_as_escapes_pass(tmp_path, escape):
    files = edit(YML, "  nl: Proximity Demo 2025", f'  nl: "Proximity{escape}Demo 2025"')
    assert Code.CONTROL_CHARACTER not in {p.code for p in problems_of(tmp_path, files)}


def test_the_build_stops_before_the_atom_feed(tmp_path):
    root = write_project(tmp_path / "project", edit(NEWS, "title: De laureaten", 'title: "De\\u0000 laureaten"'))
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", "2025-06-01",
                           "-o", str(tmp_path / "site"), "--jobs", "1"], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0] == (f"{NEWS}:2: title: holds NUL (U+0000), written as an escape in quotes: "
                                           "an invisible character that texts must not contain; remove it "
                                           "[control-character]")
    assert not (tmp_path / "site").exists()
