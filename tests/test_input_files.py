"""Input files are what they seem (issue 20, item 7).

A file under campaigns/, content/ or data/ with other names on the disk (a hard link, which may be
a file far outside the project) is refused, `[hard-link]`, and never read: its content reaches no
page, message or search index, wherever its other name is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from campaignsite.core.codes import Code
from campaignsite.load.files import read_text
from project import validate, write_project

ROOT = Path(__file__).resolve().parent.parent
C = "campaigns/demo-2025"
SECRET = "SECRET-VALUE-20"


def where(problems) -> set[tuple]:
    return {(p.path, p.line, p.field, p.code) for p in problems}


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside the project, readable as Markdown, YAML or CSV, whose content must never be read."""
    path = tmp_path / "outside" / "deploy-key.txt"
    path.parent.mkdir()
    path.write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n", encoding="utf-8")
    return path


def hard_link(root: Path, rel: str, target: Path) -> None:
    (root / rel).unlink(missing_ok=True)
    os.link(target, root / rel)


@pytest.mark.parametrize("rel", [f"{C}/projects/moestuin.nl.md", f"{C}/news/laureates.fr.md", f"{C}/campaign.yml",
                                 f"{C}/laureates.csv", f"{C}/media/garden.svg", "content/nl/about.md",
                                 "content/network.yml", "data/notes.csv"])
def test_a_file_hard_linked_to_one_outside_is_refused_and_never_read(tmp_path, secret, rel):
    root = write_project(tmp_path / "project")
    (root / "data").mkdir(exist_ok=True)
    hard_link(root, rel, secret)
    problems = validate(root)
    assert (rel, None, "", Code.HARD_LINK) in where(problems)
    assert {p.code for p in problems if p.path == rel} == {Code.HARD_LINK}, "the file itself is never read"
    assert not any(SECRET in str(problem) for problem in problems)


def test_two_names_of_one_file_inside_the_project_are_both_refused(tmp_path):
    """Where a file's other name is cannot be told from either name: inside the project or not, refused."""
    root = write_project(tmp_path / "project")
    hard_link(root, f"{C}/projects/moestuin.fr.md", root / f"{C}/projects/moestuin.nl.md")
    assert where(validate(root)) == {(f"{C}/projects/moestuin.nl.md", None, "", Code.HARD_LINK),
                                     (f"{C}/projects/moestuin.fr.md", None, "", Code.HARD_LINK)}


def test_a_file_hard_linked_after_the_scan_is_still_not_read(tmp_path, secret):
    """read_text checks the file it opened, not only the name the scan saw."""
    root = write_project(tmp_path / "project")
    hard_link(root, f"{C}/campaign.yml", secret)
    problems = []
    assert read_text(root / f"{C}/campaign.yml", root, problems) is None
    assert where(problems) == {(f"{C}/campaign.yml", None, "", Code.HARD_LINK)}


def test_the_build_publishes_nothing_of_a_hard_linked_file(tmp_path, secret):
    root = write_project(tmp_path / "project")
    hard_link(root, f"{C}/projects/moestuin.nl.md", secret)
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", "2025-03-01",
                           "-o", str(tmp_path / "site"), "--jobs", "1"], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert done.returncode == 1, done.stderr
    assert f"{C}/projects/moestuin.nl.md: has other names on this disk (a hard link)" in done.stderr
    assert done.stderr.splitlines()[0].endswith("[hard-link]") and SECRET not in done.stderr + done.stdout
    assert not (tmp_path / "site").exists()
