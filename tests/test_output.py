"""The output place is safe: the build writes only where it may, one build at a time, and whatever
happens (a refusal, a second build, kill -9, a full or read-only disk) the previous site stays whole."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from campaignsite.write import output as output_module
from campaignsite.core.errors import BuildFailed
from campaignsite.write.output import MARKER, OutputPlace
from campaignsite.pipeline import build, BuildConfig
from output_support import tmpfs
from project import write_project

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2025, 3, 1)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    return write_project(tmp_path / "project")


def run_build(root: Path, output: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--today", TODAY.isoformat(),
                           "-o", str(output), *options], capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
@pytest.mark.parametrize("where", ["root", "parent-of-root", "campaigns", "content/nl"])
def test_refuses_the_project_and_its_source_folders(project, where):
    output = {"root": project, "parent-of-root": project.parent, "campaigns": project / "campaigns" / "out",
              "content/nl": project / "content" / "nl"}[where]
    before = snapshot(project)
    done = run_build(project, output)
    assert done.returncode == 2, done.stderr
    assert f"refusing to build into {output}" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(project) == before, "nothing in the project changed"


def test_refuses_a_file(project, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("keep me")
    done = run_build(project, target)
    assert done.returncode == 2 and "is a file" in done.stderr
    assert target.read_text() == "keep me"


def test_refuses_a_folder_it_did_not_make(project, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    done = run_build(project, folder)
    assert done.returncode == 2 and "did not make" in done.stderr
    assert [p.name for p in folder.iterdir()] == ["holiday.jpg"]


def test_refuses_a_symlinked_output(project, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "site").symlink_to(tmp_path / "elsewhere")
    done = run_build(project, tmp_path / "site")
    assert done.returncode == 2 and "symbolic link" in done.stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.slow
def test_builds_into_a_new_or_empty_folder_and_its_own_output(project, tmp_path):
    (tmp_path / "empty").mkdir()
    for output in (tmp_path / "new" / "site", tmp_path / "empty"):
        assert run_build(project, output).returncode == 0
        assert (output / MARKER).is_file() and (output / "index.html").is_file()
        assert run_build(project, output).returncode == 0, "a second build replaces its own output"


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_a_second_build_is_stopped_and_told_who_is_building(project, tmp_path):
    config = BuildConfig(root=project, output=tmp_path / "site", today=TODAY, jobs=1)
    with OutputPlace(config.output, project).locked():
        with pytest.raises(BuildFailed, match=rf"another build is writing .*process {os.getpid()}"):
            build(config)
    assert not config.output.exists()
    build(config)  # the lock was released
    assert (config.output / "index.html").is_file()


@pytest.mark.slow
def test_the_swap_exchanges_old_and_new_in_one_step(project, tmp_path, monkeypatch):
    """No moment without a site: the old output is never renamed away before the new one is in."""
    config = BuildConfig(root=project, output=tmp_path / "site", today=TODAY, jobs=1)
    build(config)
    real_rename = os.rename

    def rename(src, dst):
        assert not Path(dst).exists() and Path(src) != config.output, f"two-step swap: {src} -> {dst}"
        return real_rename(src, dst)
    monkeypatch.setattr(output_module.os, "rename", rename)
    (config.output / "stale.html").write_text("old")
    build(config)
    assert not (config.output / "stale.html").exists()


def processes_mentioning(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and int(proc.name) != os.getpid():
            try:
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if text in cmdline:
                found.append(f"{proc.name}: {cmdline}")
    return found


@pytest.mark.slow
def test_kill_9_leaves_no_worker_and_the_next_build_cleans_up(project, tmp_path):
    output = tmp_path / "site"
    assert run_build(project, output).returncode == 0
    before = snapshot(output)
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(project), "--today", "2025-03-02",
               "-o", str(output), "--jobs", "2"]
    victim = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stage = tmp_path / ".site.building"
    deadline = time.monotonic() + 120
    while not (stage / "html").exists() and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # waiting for a state on disk, not timing anything
    assert victim.poll() is None, "the build finished before it could be killed"
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    deadline = time.monotonic() + 60  # a hang guard: the kernel kills the workers, a busy machine may lag
    while processes_mentioning(str(output)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_mentioning(str(output)) == [], "worker processes outlived the killed build"
    assert snapshot(output) == before, "the killed build left the previous site whole"
    assert run_build(project, output).returncode == 0
    assert not stage.exists() and not (tmp_path / ".site.old").exists()


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB file system (tmpfs; the suite runs as root, as CI does)."""
    with tmpfs(tmp_path / "small", "size=1m") as mount:
        yield mount


@pytest.mark.slow  # a failure made on purpose, as root (mount, chattr)
def test_a_full_disk_is_a_clean_failure(project, small_disk):
    done = run_build(project, small_disk / "site")
    assert done.returncode == 2
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert list(small_disk.iterdir()) == [], "nothing half-built is left"


@pytest.fixture
def immutable(tmp_path):
    made = []

    def make(path: Path) -> Path:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, f"chattr +i {path}: {done.stderr}"
        made.append(path)
        return path
    yield make
    for path in reversed(made):
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.slow  # a failure made on purpose, as root (mount, chattr)
def test_an_immutable_output_is_a_clean_failure_and_stays_as_it_was(project, tmp_path, immutable):
    output = tmp_path / "site"
    assert run_build(project, output).returncode == 0
    before = snapshot(output)
    immutable(output)
    done = run_build(project, output, "--full")
    assert done.returncode == 2, done.stderr
    assert "Operation not permitted" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(output) == before


@pytest.mark.slow  # a failure made on purpose, as root (mount, chattr)
def test_a_read_only_parent_is_a_clean_failure(project, tmp_path, immutable):
    parent = tmp_path / "public"
    parent.mkdir()
    immutable(parent)
    done = run_build(project, parent / "site")
    assert done.returncode == 2, done.stderr
    assert "cannot build into" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_refuses_the_build_code_own_folders_even_for_another_project(project):
    """--root elsewhere does not make the build's own code a place to write."""
    for output in (ROOT, ROOT / "campaignsite" / "out", ROOT / "theme" / "x", ROOT.parent):
        done = run_build(project, output)
        assert done.returncode == 2, (output, done.stderr)
        assert f"refusing to build into {output}" in done.stderr
