"""Search across every campaign and language: Pagefind indexes of the built HTML.

Pagefind runs offline on the finished pages and writes static bundles that the portal's search page
loads from the same site: no search service, no request to another host. Each language gets its own
index inside a bundle (from `<html lang>`), so a search finds pages in its language.

The network is indexed in parts: the portal's pages in `pagefind/`, the campaigns by groups of
PART_SIZE (in name order) in `pagefind/parts/<n>/`, which the search page merges in the browser
(Pagefind's mergeIndex). Pagefind holds everything it indexes in memory (about 90 KB a page), so one
index of a network of hundreds of campaigns would take gigabytes; and a part whose campaigns did not
change is kept from the previous build instead of being indexed again (see pipeline.build); a part
indexed again reads the pages of its kept campaigns where they are, in the previous output.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from campaignsite.core.codes import Code
from campaignsite.core.errors import BuildFailed
from campaignsite.core.processes import die_with_parent
from campaignsite.core.searchindex import BUNDLE, ENTRY, parts
from campaignsite.render.engine import SELECTORS
from campaignsite.write.writer import Writer


def index_site(writer: Writer, campaigns: list[str], previous: Path | None = None,
               kept: frozenset[str] = frozenset()) -> None:
    """Write the portal's bundle and every part's under the writer's root, indexing every page there;
    the parts named in `kept` are taken as they are from the `previous` output instead."""
    root = writer.root
    scratch = root.parent / "search-scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        # Each bundle indexes a mirror of its own pages (hard links; the addresses stay the same).
        others = set(campaigns) | {BUNDLE.rstrip("/")}
        portal = [entry for entry in sorted(os.listdir(root)) if entry not in others]
        _index(writer, scratch / "portal", portal, BUNDLE, previous)
        for bundle, members in parts(campaigns):
            if bundle in kept and previous is not None:
                writer.keep(bundle.rstrip("/"), previous / bundle)
            else:
                _index(writer, scratch / bundle.strip("/").replace("/", "-"), list(members), bundle, previous)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _index(writer: Writer, mirror: Path, entries: list[str], bundle: str, previous: Path | None = None) -> None:
    """Index the HTML pages under `entries` (names at the output's root) into `bundle`: those built now,
    or (a campaign kept, see Writer.keep) those in the `previous` output."""
    root = writer.root
    for entry in entries:
        built = root / entry
        _link_pages(built if os.path.lexists(built) or previous is None else previous / entry, mirror / entry)
    # Only the page's own title and content are indexed, not the engine's menus and footers.
    command = [sys.executable, "-m", "pagefind", "--site", str(mirror), "--output-path", str(root / bundle),
               "--root-selector", SELECTORS["content"],
               "--exclude-selectors", f".cs-share, [data-cs-noindex], {SELECTORS['not_indexed']}", "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            preexec_fn=functools.partial(die_with_parent, os.getpid()))
    if result.returncode != 0:
        raise BuildFailed(f"Pagefind could not index the site: {result.stderr.strip() or result.stdout.strip()}",
                          Code.SEARCH_FAILED)
    # Pagefind writes its language map in hash order, which changes from run to run; sorted, the
    # same input gives byte-identical output.
    entry = json.loads((root / bundle / ENTRY).read_text(encoding="utf-8"))
    writer.write(bundle + ENTRY, json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":")))


def _link_pages(source: Path, target: Path) -> None:
    """Hard links under `target` to the HTML pages under `source` (a file or a folder)."""
    if source.is_file():
        if source.suffix == ".html":
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
        return
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        for name in files:
            if name.endswith(".html"):
                rel = os.path.relpath(os.path.join(folder, name), source)
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                os.link(os.path.join(folder, name), target / rel)
