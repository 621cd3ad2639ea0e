"""Search across every campaign and language: a Pagefind index of the built HTML.

Pagefind runs offline on the finished pages and writes a static bundle (`pagefind/`) that the
portal's search page loads from the same site: no search service, no request to another host.
Each language gets its own index (from `<html lang>`), so a search finds pages in its language.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys

from .codes import Code
from .engine import SELECTORS
from .errors import BuildFailed
from .processes import die_with_parent
from .writer import Writer

ENTRY = "pagefind/pagefind-entry.json"


def index_site(writer: Writer) -> None:
    """Write pagefind/ under the writer's root, indexing every page there."""
    # Only the page's own title and content are indexed, not the engine's menus and footers.
    command = [sys.executable, "-m", "pagefind", "--site", str(writer.root), "--root-selector", SELECTORS["content"],
               "--exclude-selectors", f".cs-share, [data-cs-noindex], {SELECTORS['not_indexed']}", "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, preexec_fn=functools.partial(die_with_parent, os.getpid()))
    if result.returncode != 0:
        raise BuildFailed(f"Pagefind could not index the site: {result.stderr.strip() or result.stdout.strip()}",
                          Code.SEARCH_FAILED)
    # Pagefind writes its language map in hash order, which changes from run to run; sorted, the
    # same input gives byte-identical output.
    entry = json.loads((writer.root / ENTRY).read_text(encoding="utf-8"))
    writer.write(ENTRY, json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":")))
