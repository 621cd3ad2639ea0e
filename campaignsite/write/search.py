"""Search, per campaign and for the portal: Pagefind indexes of the built HTML.

Pagefind runs offline on the finished pages and writes static bundles that the search pages load from
the same site: no search service, no request to another host. Each language gets its own index inside
a bundle (from `<html lang>`), so a search finds pages in its language.

Each campaign has its own bundle (`<slug>/pagefind/`, core/searchindex.py), made of its language
sites' pages: its sites' search pages search it alone, the portal's merges every campaign's with its
own (`pagefind/`, the portal's pages) in the browser (Pagefind's mergeIndex). A bundle lives in its
campaign's folder, so an incremental build keeps it with the folder of an unchanged campaign and
indexes only the campaigns it built again, and the portal (see pipeline.build). One Pagefind run a
campaign also keeps its memory small (it holds everything it indexes, about 90 KB a page).

What each page tells the index besides its words (its campaign and page type, a list page's lower
weight, the parts not to index) is in its HTML: see the engine's search_marks. Credits, share buttons
and the widgets' code are marked `data-cs-noindex`; the menus, header and footer are outside the
engine's content element, the only part indexed.
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
from campaignsite.core.searchindex import BUNDLE, ENTRY, campaign_bundle
from campaignsite.render.engine import SELECTORS
from campaignsite.write.writer import Writer

# What Pagefind writes into every bundle that our search pages never load (its other two interfaces and
# the highlighting script, about 280 KB): left out of each bundle, of which there is one per campaign.
UNUSED = ("pagefind-component-ui.css", "pagefind-component-ui.js", "pagefind-modular-ui.css",
          "pagefind-modular-ui.js", "pagefind-highlight.js")


def index_site(writer: Writer, campaigns: list[str], kept: frozenset[str] = frozenset(), jobs: int = 1) -> None:
    """Write the portal's bundle and every campaign's under the writer's root, indexing the pages there;
    the campaigns in `kept` (their folders kept from the previous build) keep their bundle too. Up to
    `jobs` Pagefind processes run at once."""
    root = writer.root
    scratch = root.parent / "search-scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        # Each bundle indexes a mirror of its own pages (hard links) whose root is the bundle's parent
        # folder: Pagefind makes a result's address from the bundle's (<slug>/pagefind/ -> <slug>/...).
        others = set(campaigns) | {BUNDLE.rstrip("/")}
        portal = [(root / entry, entry) for entry in sorted(os.listdir(root)) if entry not in others]
        runs = [(scratch / "_portal", portal, BUNDLE)]
        runs += [(scratch / slug, [(root / slug, ".")], campaign_bundle(slug)) for slug in sorted(campaigns)
                 if slug not in kept]
        running: list[tuple[str, subprocess.Popen]] = []
        try:
            for mirror, pages, bundle in runs:
                if len(running) >= max(1, jobs):
                    _finish(writer, *running.pop(0))
                running.append((bundle, _start(mirror, pages, root / bundle)))
            while running:
                _finish(writer, *running.pop(0))
        finally:
            for _bundle, process in running:  # a run failed: stop the others
                process.kill()
                process.wait()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _start(mirror: Path, pages: list[tuple[Path, str]], bundle: Path) -> subprocess.Popen:
    """Start indexing the HTML pages under each (source, its path in the `mirror`) into `bundle`."""
    for source, rel in pages:
        _link_pages(source, mirror / rel)
    # Only the page's own title and content are indexed, not the engine's menus and footers.
    command = [sys.executable, "-m", "pagefind", "--site", str(mirror), "--output-path", str(bundle),
               "--root-selector", SELECTORS["content"],
               "--exclude-selectors", f".cs-share, .cs-credit, [data-cs-noindex], {SELECTORS['not_indexed']}",
               "--silent"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=functools.partial(die_with_parent, os.getpid()))


def _finish(writer: Writer, bundle: str, process: subprocess.Popen) -> None:
    """Wait for the run writing `bundle`, then make its entry file reproducible."""
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise BuildFailed(f"Pagefind could not index the site: {stderr.strip() or stdout.strip()}",
                          Code.SEARCH_FAILED)
    for name in UNUSED:
        (writer.root / bundle / name).unlink(missing_ok=True)
    # Pagefind writes its language map in hash order, which changes from run to run; sorted, the
    # same input gives byte-identical output.
    entry = json.loads((writer.root / bundle / ENTRY).read_text(encoding="utf-8"))
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
