"""Input files are what they seem (issue 20, item 7).

A file under campaigns/, content/ or data/ with other names on the disk (a hard link, which may be
a file far outside the project) is refused, `[hard-link]`, and never read: its content reaches no
page, message or search index, wherever its other name is.

Two names in one folder that macOS or Windows take for one file (upper and lower case, an accent
written as one character, NFC, or as a letter and a combining accent, NFD) are refused,
`[name-clash]`, the problem naming both; names that only look alike to a person are not.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from campaignsite.core.codes import Code
from campaignsite.load.files import read_text
from project import default_files, validate, write_project

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


CLASH = "but for upper and lower case or the way an accent is written"
NFC, NFD = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")


def clash_files(pairs: list[tuple[str, str]]) -> dict[str, str | bytes]:
    """Two files per pair, the first a copy of a demo file, the second of the same content."""
    files = default_files()
    added = {}
    for first, second in pairs:
        content = files.get(first, b"<svg xmlns='http://www.w3.org/2000/svg'/>")
        added |= {first: content, second: content}
    return added


@pytest.mark.parametrize("first, second", [
    (f"{C}/media/Logo.svg", f"{C}/media/logo.svg"),
    (f"{C}/media/{NFC}.svg", f"{C}/media/{NFD}.svg"),
    (f"{C}/media/{NFD.upper()}.svg", f"{C}/media/{NFC}.svg"),
    (f"{C}/news/Laureates.nl.md", f"{C}/news/laureates.nl.md"),
    ("content/nl/ABOUT.md", "content/nl/about.md"),
    (f"{C}/LAUREATES.CSV", f"{C}/laureates.csv"),
])
def test_two_names_one_file_on_macos_and_windows_are_refused(tmp_path, first, second):
    root = write_project(tmp_path / "project", clash_files([(first, second)]))
    clashes = [p for p in validate(root) if p.code == Code.NAME_CLASH]
    assert len(clashes) == 1, clashes
    later, earlier = sorted([first, second], reverse=True)
    assert (clashes[0].path, clashes[0].line, clashes[0].field) == (later, None, "")
    assert f"has the same name as '{earlier.rsplit('/', 1)[1]}' {CLASH}" in str(clashes[0]), "both are named"


def test_campaign_folders_that_differ_in_case_are_refused(tmp_path):
    root = write_project(tmp_path / "project")
    (root / "campaigns" / "Demo-2025").mkdir()
    assert ("campaigns/demo-2025", None, "", Code.NAME_CLASH) in where(validate(root))


def test_each_clash_in_each_folder_is_reported(tmp_path):
    root = write_project(tmp_path / "project", clash_files([
        (f"{C}/media/A.svg", f"{C}/media/a.svg"), (f"{C}/media/B.svg", f"{C}/media/b.svg"),
        ("content/fr/About.md", "content/fr/about.md")]))
    (root / f"{C}/media/a.SVG").write_bytes(b"<svg/>")
    assert {p.path for p in validate(root) if p.code == Code.NAME_CLASH} == {
        f"{C}/media/a.SVG", f"{C}/media/a.svg", f"{C}/media/b.svg", "content/fr/about.md"}


@pytest.mark.parametrize("first, second", [
    (f"{C}/media/logo.svg", f"{C}/media/logo.png"),        # another extension
    (f"{C}/media/cafe.svg", f"{C}/media/{NFC}.svg"),       # an accent is another letter
    (f"{C}/media/logo.svg", f"{C}/media/.Logo.svg"),      # a dotfile is never read
    (f"{C}/media/x1.svg", f"{C}/projects/X1.svg"),        # another folder
])
def test_names_that_are_two_files_everywhere_pass(tmp_path, first, second):
    root = write_project(tmp_path / "project", clash_files([(first, second)]))
    assert Code.NAME_CLASH not in {p.code for p in validate(root)}
