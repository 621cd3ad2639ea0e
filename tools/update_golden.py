"""Rewrite the small golden site in tests/golden/ (see Pelican's tests/output/ and its
`update_functional_tests` task): `python tools/update_golden.py`.

It builds tests/project.py's tiny network as of GOLDEN_TODAY and keeps a handful of its files.
tests/test_reproducible.py rebuilds the same way and compares byte for byte; run this command when
a change to the output is intended, and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "golden"
GOLDEN_TODAY = dt.date(2025, 3, 1)  # during the call for projects: the countdown and current phase show
# Few files, one per kind of output, so the golden site does not churn on every theme change.
GOLDEN_FILES = (
    "demo-2025/nl/index.html",                  # campaign home: figures, timeline, goals, cards
    "demo-2025/fr/laureates/moestuin/index.html",  # a laureate page, JSON-LD and share tags
    "demo-2025/nl/agenda.ics",                  # the subscribable calendar
    "demo-2025/data/datapackage.json",          # the open data descriptor
    "demo-2025/data/laureates.json",
    "demo-2025/fr/news/feed.xml",               # the Atom feed
)


def build_golden(output: Path) -> dict[str, bytes]:
    """Build the fixture network into `output`; {relative path: content} of the golden files."""
    sys.path[:0] = [p for p in (str(ROOT), str(ROOT / "tests")) if p not in sys.path]
    from campaignsite.pipeline import BuildConfig, build
    from project import write_project

    root = write_project(output / "project")
    build(BuildConfig(root=root, output=output / "site", today=GOLDEN_TODAY))
    return {rel: (output / "site" / rel).read_bytes() for rel in GOLDEN_FILES}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = build_golden(Path(folder))
    shutil.rmtree(GOLDEN_DIR, ignore_errors=True)
    for rel, content in files.items():
        path = GOLDEN_DIR / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    print(f"{len(files)} golden files written to {GOLDEN_DIR.relative_to(ROOT)}/ (as of {GOLDEN_TODAY})")


if __name__ == "__main__":
    main()
