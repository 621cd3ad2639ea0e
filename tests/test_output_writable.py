"""An output place that cannot be written is refused before anything is built (issue 20, item 8).

The output or the folder it goes in immutable or append-only (`chattr`), on a read-only file system,
or under a regular file: the build stops with `[write-failed]` and the reason, before the site
engine runs, and the previous site stays as it was. The suite runs as root, as CI does, where chmod
does not stop a write: these are the cases that stop root too (a folder that only chmod closes is
refused for other users, and root builds into it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from campaignsite.render import engine
from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed
from campaignsite.pipeline import BuildConfig, build
from output_support import TODAY, first_site, place, tmpfs, tree_state  # noqa: F401 (fixtures)
from project import write_project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def no_engine(monkeypatch):
    """The site engine fails the test if it is started: a refusal must come before building."""
    def engine_started(*args, **kwargs):
        raise AssertionError("the site engine ran before the output place was refused")
    monkeypatch.setattr(engine, "build", engine_started)


@pytest.fixture
def chattr():
    """chattr(flag, path): set an attribute (+i immutable, +a append-only) for this test; removed after it."""
    made = []

    def set_flag(flag: str, path: Path) -> None:
        done = subprocess.run(["chattr", f"+{flag}", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, f"chattr +{flag} {path} (needs root and ext4 or the like): {done.stderr}"
        made.append((flag, path))
    yield set_flag
    for flag, path in reversed(made):
        subprocess.run(["chattr", f"-{flag}", str(path)], check=True)


def refused(root: Path, output: Path, reason: str, where: Path) -> None:
    with pytest.raises(BuildFailed) as failure:
        build(BuildConfig(root, output, TODAY, jobs=1, full=True))
    assert failure.value.code == Code.WRITE_FAILED, failure.value
    assert str(failure.value) == f"cannot build into {output}: {reason}: {where} [write-failed]"


@pytest.mark.slow  # a failure made on purpose, as root (mount, chattr)
@pytest.mark.parametrize("flag", ["i", "a"])
def test_an_immutable_or_append_only_output_is_refused_before_building(place, no_engine, chattr, flag):
    root, output = place
    chattr(flag, output)
    before = tree_state(output.parent)
    refused(root, output, "Operation not permitted", output)
    assert tree_state(output.parent) == before, "the previous site stays, and nothing is left beside it"


@pytest.mark.slow  # a failure made on purpose, as root (mount, chattr)
@pytest.mark.parametrize("flag", ["i", "a"])
@pytest.mark.parametrize("depth", ["site", "new/site"])
def test_an_immutable_or_append_only_parent_is_refused_before_building(place, no_engine, chattr, flag, depth):
    root, output = place
    chattr(flag, output.parent)
    before = tree_state(output.parent)
    refused(root, output.parent / depth, "Operation not permitted", output.parent)
    assert tree_state(output.parent) == before


@pytest.mark.parametrize("depth", ["site", "more/site"])
def test_an_output_under_a_regular_file_is_refused_before_building(tmp_path, no_engine, depth):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a folder\n")
    refused(write_project(tmp_path / "project"), notes / depth, "Not a directory", notes)
    assert notes.read_text() == "not a folder\n"


@pytest.fixture
def read_only_mount(tmp_path):
    with tmpfs(tmp_path / "read-only", "size=1m,ro") as mount:
        yield mount


@pytest.mark.slow  # a failure made on purpose, as root (mount, chattr)
def test_a_read_only_file_system_is_refused_before_building(tmp_path, no_engine, read_only_mount):
    refused(write_project(tmp_path / "project"), read_only_mount / "site", "Read-only file system", read_only_mount)


@pytest.mark.slow  # a full build, as root
def test_a_folder_closed_by_chmod_is_refused_for_others_and_not_for_root(place):
    """chmod 555 stops every user but root: refused (permission denied) for them, built into by root."""
    root, output = place
    output.parent.chmod(0o555)
    try:
        if os.geteuid() == 0:
            assert build(BuildConfig(root, output, TODAY, jobs=1, full=True)).campaigns == 1
        else:
            with pytest.raises(BuildFailed, match="Permission denied"):
                build(BuildConfig(root, output, TODAY, jobs=1, full=True))
    finally:
        output.parent.chmod(0o755)


@pytest.mark.slow  # a failure made on purpose, as root (mount, chattr)
def test_the_command_line_exits_2_and_keeps_the_old_site(place, chattr):
    root, output = place
    chattr("i", output)
    before = tree_state(output)
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", TODAY.isoformat(),
                           "-o", str(output), "--full", "--jobs", "1"], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"build failed: cannot build into {output}: Operation not permitted: {output} [write-failed]",
        "The previous site was left as it was."]
    assert tree_state(output) == before
