"""The same commit and day always build the same bytes; another day moves the current phase mark.

Issue: "Building with two different --today values moves the current phase mark; building twice
with the same one gives byte-identical output." Also the small golden site (tests/golden/, see
Pelican's tests/output/): regenerate it with `python tools/update_golden.py` when a change is meant.
"""

from __future__ import annotations

import datetime as dt
import difflib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from html_support import ROOT, as_date, file_hashes, fixture_build, parse
from project import CAMPAIGN_YML
from tools.update_golden import GOLDEN_DIR, GOLDEN_FILES, GOLDEN_TODAY, build_golden

DEMO_PHASES = {pid: (as_date(p["start"]), as_date(p.get("end") or p["start"]))
               for pid, p in yaml.safe_load(CAMPAIGN_YML)["phases"].items()}
OTHER_DAY = dt.date(2025, 3, 1)  # during the call, before the results


def differences(first: Path, second: Path) -> list[str]:
    a, b = file_hashes(first), file_hashes(second)
    return sorted([f"only in the first build: {rel}" for rel in a.keys() - b.keys()]
                  + [f"only in the second build: {rel}" for rel in b.keys() - a.keys()]
                  + [f"differs: {rel}" for rel in a.keys() & b.keys() if a[rel] != b[rel]])


@pytest.fixture(scope="module")
def golden_build(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """tools/update_golden.py's own build: (its site folder, its golden files)."""
    folder = tmp_path_factory.mktemp("golden")
    return folder / "site", build_golden(folder)


def current_phases(site: Path, lang: str = "nl") -> list[str]:
    """The start dates of the phases the demo home marks current."""
    doc = parse(site / "demo-2025" / lang / "index.html")
    return [li.one("time").get("datetime") for li in doc.select(".cs-phases > li.cs-phase--current")]


def running_on(day: dt.date) -> list[str]:
    return sorted(start.isoformat() for start, last in DEMO_PHASES.values() if start <= day <= last)


@pytest.mark.slow
def test_same_day_gives_byte_identical_output(golden_build, tmp_path_factory):
    """Two builds of the fixture network for the same day, into different folders."""
    second = fixture_build(tmp_path_factory, GOLDEN_TODAY)
    found = differences(golden_build[0], second)
    assert not found, f"{len(found)} file(s) differ between two builds as of {GOLDEN_TODAY}:\n  " + "\n  ".join(found)


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_another_day_moves_the_current_phase(golden_build, tmp_path_factory, fixture_site):
    later = fixture_build(tmp_path_factory, OTHER_DAY)
    for site, day in ((golden_build[0], GOLDEN_TODAY), (later, OTHER_DAY), (fixture_site, dt.date(2026, 11, 22))):
        for lang in ("nl", "fr"):
            assert current_phases(site, lang) == running_on(day), f"demo-2025/{lang}/ built as of {day}"
    assert running_on(GOLDEN_TODAY) != running_on(OTHER_DAY), "pick two days in different phases"
    assert current_phases(golden_build[0]) != current_phases(later)


def test_call_countdown_follows_the_day(golden_build, tmp_path_factory):
    """During the call the home counts the days to its close; after it, no countdown."""
    start, end = DEMO_PHASES["call"]
    assert start <= OTHER_DAY <= end < GOLDEN_TODAY
    # The call to action of the home page (issue 9: it follows the phase) carries the countdown.
    during = parse(fixture_build(tmp_path_factory, OTHER_DAY) / "demo-2025" / "nl" / "index.html")
    notice = during.select_one(".cs-cta--call .cs-cta__text")
    assert notice is not None and f"nog {(end - OTHER_DAY).days} dagen" in notice.text, notice and notice.text
    later = parse(golden_build[0] / "demo-2025" / "nl" / "index.html")
    assert later.select_one(".cs-cta--call") is None and "dagen" not in later.one(".cs-cta").text


@pytest.mark.slow  # a second build of the whole example network
def test_example_network_builds_byte_identical(example_site, tmp_path):
    """The example network built again, the way conftest.py built it, file by file."""
    output = tmp_path / "site"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(ROOT), "--today", "2026-11-22",
                           "--output", str(output)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    found = differences(example_site, output)
    assert not found, f"{len(found)} file(s) differ between two builds of the example network:\n  " + "\n  ".join(found)


def test_golden_site_is_unchanged(golden_build):
    built = golden_build[1]
    stored = {p.relative_to(GOLDEN_DIR).as_posix() for p in GOLDEN_DIR.rglob("*") if p.is_file()}
    hint = "If the change is intended, run `python tools/update_golden.py` and review the diff of tests/golden/."
    assert stored == set(GOLDEN_FILES), f"tests/golden/ holds {sorted(stored)}, expected {GOLDEN_FILES}. {hint}"
    changed = []
    for rel in GOLDEN_FILES:
        old = (GOLDEN_DIR / rel).read_bytes()
        if built[rel] != old:
            diff = difflib.unified_diff(old.decode("utf-8", "replace").splitlines(),
                                        built[rel].decode("utf-8", "replace").splitlines(),
                                        f"tests/golden/{rel}", f"built/{rel}", n=1, lineterm="")
            changed.append("\n".join(list(diff)[:30]))
    assert not changed, f"{len(changed)} golden file(s) changed. {hint}\n" + "\n".join(changed)
