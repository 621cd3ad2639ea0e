"""Search across every campaign and language: a Pagefind index of the built HTML.

Pagefind runs offline on the finished pages and writes a static bundle (`pagefind/`) that the
portal's search page loads from the same site: no search service, no request to another host.
Each language gets its own index (from `<html lang>`), so a search finds pages in its language.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .errors import BuildFailed

# Only the page's article (title and our content) is indexed, not menus and footers.
ROOT_SELECTOR = "article.md-content__inner"


def index_site(html: Path) -> None:
    """Write html/pagefind/ for every page under `html`."""
    command = [sys.executable, "-m", "pagefind", "--site", str(html), "--root-selector", ROOT_SELECTOR,
               "--exclude-selectors", ".cs-share, .md-source-file", "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildFailed(f"Pagefind could not index the site: {result.stderr.strip() or result.stdout.strip()}")
    sort_entry(html / "pagefind" / "pagefind-entry.json")


def sort_entry(path: Path) -> None:
    """Pagefind writes its language map in hash order, which changes from run to run; sorted, the
    same input gives byte-identical output."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
