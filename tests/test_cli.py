"""The command line as an editor meets it: `python build.py`, run as a subprocess.

Full builds take seconds, so only one test builds a site; the others use --check or fail before
anything is built.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from project import LAUREATES_CSV, write_project

ROOT = Path(__file__).resolve().parent.parent
LAUREATES = "campaigns/demo-2025/laureates.csv"
COUNT_LINE = re.compile(r"(\d+) problem.*")


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env or os.environ.copy(), timeout=300)


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def with_sdgs(text: str, slug: str, sdgs: str) -> str:
    lines = text.splitlines(keepends=True)
    column = lines[0].split(",").index("sdgs")
    for index, line in enumerate(lines):
        cells = line.split(",")
        if cells[0] == slug:
            cells[column] = sdgs
            lines[index] = ",".join(cells)
    return "".join(lines)


@pytest.mark.slow
def test_unknown_sdg_fails_and_leaves_the_site_unchanged(tmp_path):
    write_project(tmp_path)
    built = run("--root", str(tmp_path), "--today", "2025-06-01")
    assert built.returncode == 0, built.stderr
    site = tmp_path / "site"
    before = digest(site)
    assert "index.html" in before

    write_project(tmp_path, {LAUREATES: with_sdgs(LAUREATES_CSV, "repair", "18")})
    failed = run("--root", str(tmp_path), "--today", "2025-06-01")

    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr + failed.stdout
    lines = failed.stderr.splitlines()
    assert re.fullmatch(rf"{re.escape(LAUREATES)}:3: sdgs: .*'18'.*\(1-17\) \[unknown-sdg\]", lines[0]), lines
    assert COUNT_LINE.fullmatch(lines[-1])[1] == "1", lines[-1]
    assert digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["campaigns", "content", "site"]


def test_every_problem_is_printed_then_counted(tmp_path):
    laureates = with_sdgs(with_sdgs(LAUREATES_CSV, "moestuin", "0;11"), "repair", "18")
    write_project(tmp_path, {LAUREATES: laureates, "campaigns/demo-2025/projects/moestuin.fr.md": None})
    result = run("--root", str(tmp_path), "--today", "2025-06-01", "--check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert [line.rsplit(" ", 1)[-1] for line in lines[:-1]] == ["[unknown-sdg]", "[unknown-sdg]",
                                                                 "[missing-translation]"]
    assert lines[0].startswith(f"{LAUREATES}:2: sdgs: ") and lines[1].startswith(f"{LAUREATES}:3: sdgs: ")
    assert COUNT_LINE.fullmatch(lines[-1])[1] == "3", lines[-1]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_check_on_valid_project_writes_nothing(tmp_path):
    write_project(tmp_path)
    result = run("--root", str(tmp_path), "--today", "2025-06-01", "--check")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["campaigns", "content"]


def test_missing_today_is_a_clear_message(tmp_path):
    write_project(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = run("--root", str(tmp_path), "--check", env=env)
    assert result.returncode not in (0, None)
    assert "Traceback" not in result.stderr
    assert "--today" in result.stderr and "SOURCE_DATE_EPOCH" in result.stderr


def test_bad_today_is_a_clear_message(tmp_path):
    result = run("--root", str(tmp_path), "--check", "--today", "2025-02-30")
    assert result.returncode not in (0, None)
    assert "Traceback" not in result.stderr
    assert "2025-02-30" in result.stderr


def test_missing_folders_are_problems_not_tracebacks(tmp_path):
    result = run("--root", str(tmp_path / "nowhere"), "--check", "--today", "2025-06-01")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].endswith("[missing-file]")


def test_data_problems_come_before_the_missing_today(tmp_path):
    """An editor who runs plain `python build.py` on broken data learns what to fix in the data."""
    write_project(tmp_path, {"campaigns/demo-2025/laureates.csv": LAUREATES_CSV.replace(",2;11,", ",18,")})
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = run("--root", str(tmp_path), env=env)
    assert result.returncode == 1
    assert "laureates.csv:" in result.stderr and "sdgs: '18' is not an SDG (1-17) [unknown-sdg]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
@pytest.mark.parametrize("epoch", ["abc", "99999999999999999", "-99999999999999999"])
def test_an_impossible_source_date_epoch_is_a_clear_message(tmp_path, epoch):
    write_project(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    result = run("--root", str(tmp_path), "--check", env=env)
    assert result.returncode not in (0, None)
    assert "Traceback" not in result.stderr
    assert "SOURCE_DATE_EPOCH" in result.stderr and epoch in result.stderr
