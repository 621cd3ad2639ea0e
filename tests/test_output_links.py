"""The build's own names beside the output never lead elsewhere (issue 20, item 1).

`.site.lock`, `.site.building` and `.site.old` sit beside `site/`; a repository can commit a
symbolic link, a file or a folder under any of them. Each is planted here as a link to a file, to a
folder and to nowhere outside the project, and as something the build did not make: the build
refuses, naming it, with `[unsafe-output]`; the target keeps its content, entries and times, and
the previous site is kept as it was. What a killed build left under those names is still cleaned up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed
from campaignsite.pipeline import BuildConfig, build
from campaignsite.write.output import MARKER
from output_support import TODAY, first_site, place, tree_state  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parent.parent
NAMES = (".site.lock", ".site.building", ".site.old")


@pytest.fixture
def outside(tmp_path) -> dict[str, Path]:
    """A file, a folder and a name that does not exist, outside the project and the output."""
    folder = tmp_path / "outside" / "folder"
    folder.mkdir(parents=True)
    (folder / "keep.txt").write_text("the folder's own file\n")
    (tmp_path / "outside" / "notes.txt").write_text("someone's notes\n")
    return {"file": tmp_path / "outside" / "notes.txt", "folder": folder, "missing": tmp_path / "outside" / "nothing"}


def refused(root: Path, output: Path, name: str, *, full: bool = True) -> str:
    """The build's refusal (full: past the "nothing changed" shortcut), which must name `name`."""
    with pytest.raises(BuildFailed) as failure:
        build(BuildConfig(root, output, TODAY, jobs=2, full=full))
    assert failure.value.code == Code.UNSAFE_OUTPUT, failure.value
    assert str(output.parent / name) in str(failure.value), failure.value
    return str(failure.value)


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
@pytest.mark.parametrize("target", ["file", "folder", "missing"])
@pytest.mark.parametrize("name", NAMES)
def test_a_planted_link_is_refused_and_its_target_left_alone(place, outside, name, target):
    root, output = place
    link = output.parent / name
    link.symlink_to(outside[target])
    before, site = tree_state(outside[target].parent), tree_state(output)
    assert "is a symbolic link" in refused(root, output, name)
    assert tree_state(outside[target].parent) == before, "the link's target was written, read into or deleted"
    assert not outside["missing"].exists(), "a dangling link made its target"
    assert tree_state(output) == site, "the previous site was kept"
    assert os.readlink(link) == str(outside[target]), "the link itself is left for its owner to remove"


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
@pytest.mark.parametrize("name", NAMES)
def test_a_planted_link_is_refused_when_nothing_changed_too(place, outside, name):
    root, output = place
    (output.parent / name).symlink_to(outside["folder"])
    before = tree_state(outside["folder"])
    refused(root, output, name, full=False)
    assert tree_state(outside["folder"]) == before


def test_the_command_line_names_the_link_and_exits_2(place, outside):
    root, output = place
    (output.parent / ".site.lock").symlink_to(outside["file"])
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", TODAY.isoformat(),
                           "-o", str(output), "--full", "--jobs", "1"], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"build failed: refusing to build into {output}: {output.parent / '.site.lock'}, ")
    assert first.endswith("[unsafe-output]")
    assert outside["file"].read_text() == "someone's notes\n"


def plant_lock(place: Path, outside: dict[str, Path], kind: str) -> Path:
    """Something the build did not make under `.site.lock`, beside `place`'s output."""
    lock = place / ".site.lock"
    if kind == "foreign-file":
        lock.write_text("my own lock, not build.py's\n")
    elif kind == "hard-link":
        os.link(outside["file"], lock)
    elif kind == "folder":
        lock.mkdir()
        (lock / "inside.txt").write_text("kept\n")
    else:
        os.mkfifo(lock)
    return lock


@pytest.mark.parametrize("kind", ["foreign-file", "hard-link", "folder", "pipe"])
def test_a_lock_name_taken_by_something_else_is_refused(place, outside, kind):
    root, output = place
    lock = plant_lock(output.parent, outside, kind)
    before, notes, site = tree_state(lock), tree_state(outside["file"]), tree_state(output)
    assert "did not make" in refused(root, output, ".site.lock")
    assert tree_state(lock) == before and tree_state(outside["file"]) == notes
    assert tree_state(output) == site


@pytest.mark.parametrize("name", [".site.building", ".site.old"])
@pytest.mark.parametrize("kind", ["folder", "file"])
def test_a_staging_or_previous_name_taken_by_something_else_is_refused(place, name, kind):
    root, output = place
    taken = output.parent / name
    if kind == "folder":
        taken.mkdir()
        (taken / "draft.html").write_text("somebody's draft\n")
    else:
        taken.write_text("somebody's file\n")
    before, site = tree_state(taken), tree_state(output)
    assert "did not make" in refused(root, output, name)
    assert tree_state(taken) == before, "what the build did not make is not deleted"
    assert tree_state(output) == site


@pytest.mark.slow
def test_what_a_killed_build_left_is_still_cleaned_up(place):
    """A stale lock, a marked staging folder and an empty previous-output folder are the build's own."""
    root, output = place
    (output.parent / ".site.lock").write_text("build.py, process 4242 on ci, started 2025-03-01 10:00:00 +0000\n")
    stage = output.parent / ".site.building"
    (stage / "html").mkdir(parents=True)
    (stage / MARKER).write_text("")
    (stage / "html" / "index.html").write_text("half")
    (output.parent / ".site.old").mkdir()
    result = build(BuildConfig(root, output, TODAY, jobs=2, full=True))
    assert result.campaigns == 1
    assert sorted(p.name for p in output.parent.iterdir()) == ["site"], "the leftovers and the lock are gone"


@pytest.mark.slow
@pytest.mark.parametrize("forged", ["outside", "link"])
def test_a_forged_journal_in_a_planted_stage_is_refused(place, outside, forged):
    """A marked staging folder committed with a journal (the list of steps a killed build's swap left
    for the next build to finish) that leads outside the output, or moves a link into it: refused,
    nothing moved."""
    root, output = place
    stage = output.parent / ".site.building"
    (stage / "html").mkdir(parents=True)
    (stage / MARKER).write_text("")
    if forged == "outside":
        steps = {"replace": [], "delete": ["../outside/notes.txt"]}
    else:
        (stage / "html" / "leak").symlink_to(outside["folder"])
        steps = {"replace": [["leak", os.lstat(stage / "html" / "leak").st_ino]], "delete": []}
    (stage / "journal.json").write_text(json.dumps(steps))
    site, notes = tree_state(output), tree_state(outside["file"].parent)
    assert "did not make" in refused(root, output, ".site.building", full=False)
    assert tree_state(output) == site and tree_state(outside["file"].parent) == notes
