"""What the tests of the output place share: a site built once per module (`first_site`), copied for
each test (`place`), the state of a tree (kinds, bytes, times) to show that a refused build left it
exactly as it was, and a tmpfs mounted for a test (as root, as CI runs the suite).

A test module takes the fixtures by importing them: `from output_support import first_site, place`."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from campaignsite.pipeline import BuildConfig, build
from project import write_project

TODAY = dt.date(2025, 3, 1)


def tree_state(path: Path) -> dict[str, tuple]:
    """Every entry under `path` (itself included, links not followed): its kind, bytes or link text,
    and modification time."""
    entries = [path, *sorted(path.rglob("*"))] if path.is_dir() and not path.is_symlink() else [path]
    state = {}
    for entry in entries:
        info = os.lstat(entry)
        if entry.is_symlink():
            content = os.readlink(entry)
        else:
            content = entry.read_bytes() if entry.is_file() else None
        state[entry.relative_to(path).as_posix()] = (info.st_mode, content, info.st_mtime_ns)
    return state


@pytest.fixture(scope="module")
def first_site(tmp_path_factory) -> tuple[Path, Path]:
    """(project, site): the demo project, built once for the module into public/site."""
    base = tmp_path_factory.mktemp("first")
    root = write_project(base / "project")
    build(BuildConfig(root, base / "public" / "site", TODAY, jobs=2))
    return root, base / "public" / "site"


@pytest.fixture
def place(first_site, tmp_path) -> tuple[Path, Path]:
    """(project, output): a copy of the first build's site in a folder of this test's own."""
    root, site = first_site
    output = tmp_path / "public" / "site"
    shutil.copytree(site, output, symlinks=True)
    return root, output


@contextmanager
def tmpfs(mount: Path, options: str):
    """A tmpfs mounted at `mount` with `options` (needs root), unmounted afterwards."""
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount)], capture_output=True,
                          text=True)
    assert done.returncode == 0, f"cannot mount a tmpfs ({options}) for this test (needs root): {done.stderr}"
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)
