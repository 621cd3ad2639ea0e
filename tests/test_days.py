"""The day a site is built for is one it can be built for (issue 20, item 7).

--today or SOURCE_DATE_EPOCH outside 1900-01-01..2200-12-31, the days every date of the data must be
in (core.schemas.date_range), is refused by `--check` and the build alike, before anything is read
or written: exit status 2, one line naming the option, the day and the range, `[bad-today]`, never
a traceback. Every day inside the range builds, before 1970 and after 2106 included (where the
sitemap's gzip header has no room for the time).
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed
from campaignsite.pipeline import BuildConfig, build
from project import write_project

ROOT = Path(__file__).resolve().parent.parent
RANGE = "outside the days a site can be built for, 1900-01-01 to 2200-12-31 [bad-today]"


def run(root: Path, *args: str, epoch: str | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), "-o", str(root / "site"),
                           "--jobs", "1", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


def assert_refused(done: subprocess.CompletedProcess, root: Path, line: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [line], "one line, no traceback"
    assert not (root / "site").exists() and done.stdout == "", "nothing was built or checked"


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
@pytest.mark.parametrize("day, mode", [("2201-01-01", "--check"), ("0001-01-01", "--full")])
def test_today_outside_the_range_is_refused(tmp_path, day, mode):
    root = write_project(tmp_path / "project")
    assert_refused(run(root, "--today", day, mode), root, f"build.py: --today: {day} is {RANGE}")


@pytest.mark.parametrize("epoch, day, mode", [("-2208988801", "1899-12-31", "--full"),
                                              ("253402214400", "9999-12-31", "--check")])
@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_a_source_date_epoch_outside_the_range_is_refused(tmp_path, epoch, day, mode):
    root = write_project(tmp_path / "project")
    assert_refused(run(root, mode, epoch=epoch), root, f"build.py: SOURCE_DATE_EPOCH={epoch}: {day} is {RANGE}")


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
@pytest.mark.parametrize("option, value", [("--today", "1e9"), ("SOURCE_DATE_EPOCH", "-1e99")])
def test_a_day_that_is_no_day_has_the_same_code(tmp_path, option, value):
    root = write_project(tmp_path / "project")
    done = run(root, "--check", *([option, value] if option == "--today" else []),
               epoch=value if option == "SOURCE_DATE_EPOCH" else None)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"build.py: {option}: '{value}' is not ") and done.stderr.endswith("[bad-today]\n")


def test_a_negative_epoch_inside_the_range_is_a_day_like_any_other(tmp_path):
    root = write_project(tmp_path / "project")
    done = run(root, "--check", epoch="-86400")
    assert done.returncode == 0, done.stderr
    assert "(as of 1969-12-31)" in done.stdout


@pytest.mark.parametrize("check_only", [True, False])
@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(2201, 1, 1), dt.date(9999, 12, 31)])
def test_the_library_refuses_the_day_too(tmp_path, day, check_only):
    """Every day the command line is asked about above, and more, refused by build() itself."""
    root = write_project(tmp_path / "project")
    with pytest.raises(BuildFailed) as failure:
        build(BuildConfig(root, tmp_path / "site", day, jobs=1, check_only=check_only))
    assert failure.value.code == Code.BAD_TODAY and day.isoformat() in str(failure.value)
    assert not (tmp_path / "site").exists()


@pytest.mark.slow  # four full builds
@pytest.mark.parametrize("day", [dt.date(1900, 1, 1), dt.date(1969, 12, 31), dt.date(2106, 2, 8),
                                 dt.date(2200, 12, 31)])
def test_every_day_of_the_range_builds_with_its_sitemap(tmp_path, day):
    """Before 1970 and after 2106-02-07 a gzip header cannot hold the time: the sitemap gets none."""
    root = write_project(tmp_path / "project")
    build(BuildConfig(root, tmp_path / "site", day, jobs=2))
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text()
    assert f"<lastmod>{day.isoformat()}</lastmod>" in sitemap
    assert gzip.decompress((tmp_path / "site" / "sitemap.xml.gz").read_bytes()).decode() == sitemap
