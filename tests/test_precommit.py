"""The pre-commit hooks (.pre-commit-config.yaml) as an editor's commit meets them, in a temporary git
repository holding a copy of this one: the example network passes, a broken campaign fails with its
problem, and a commit touching another campaign is not held up by it (`build.py --check --campaign`).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# What a clone has that a copy needs: no virtualenv, build output, caches or git history.
LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".site.*", "__pycache__", ".pytest_cache",
                                  ".hypothesis", "*.pyc")
BROKEN = "campaigns/gent-2024/laureates.csv"

pytestmark = pytest.mark.slow


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository with this project's files staged, and the project's .venv (the hooks run it)."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=LEFT_OUT, symlinks=True)
    (repo / ".venv").symlink_to(BIN.parent)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    return repo


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess:
    pre_commit = shutil.which("pre-commit", path=str(BIN))
    assert pre_commit, "pre-commit is missing: pip install -r requirements-test.txt"
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([pre_commit, "run", "--verbose", *args], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=600)


def break_a_cell(repo: Path) -> int:
    """An SDG 18 in the first laureate of gent-2024 (the file rewritten as a spreadsheet would); its line."""
    path = repo / BROKEN
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("sdgs")] = "18"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    git(repo, "add", BROKEN)
    return 2


def test_the_repository_passes(repo):
    done = pre_commit(repo, "--all-files")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "check the campaigns this commit touches" in output
    assert "check the whole network" in output
    assert "Failed" not in output


def test_a_broken_campaign_fails_with_its_problem(repo):
    line = break_a_cell(repo)
    done = pre_commit(repo, "--all-files")
    assert done.returncode == 1
    assert f"{BROKEN}:{line}: sdgs: " in done.stdout
    assert "[unknown-sdg]" in done.stdout


def test_a_commit_on_another_campaign_is_not_held_up(repo):
    break_a_cell(repo)
    other = pre_commit(repo, "--files", "campaigns/namur-2023/campaign.yml")
    assert other.returncode == 0, other.stdout
    assert "1 problem(s) in other campaigns, not shown" in other.stdout
    assert "namur-2023: no problem found." in other.stdout
    same = pre_commit(repo, "--files", "campaigns/gent-2024/events.csv")
    assert same.returncode == 1
    assert f"{BROKEN}:2: sdgs: " in same.stdout


def test_a_change_to_shared_files_checks_the_whole_network(repo):
    break_a_cell(repo)
    done = pre_commit(repo, "--files", "content/network.yml")
    assert done.returncode == 1
    assert "check the whole network" in done.stdout and f"{BROKEN}:2: sdgs: " in done.stdout
