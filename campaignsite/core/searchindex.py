"""Where the search index lives in the output: the one layout the portal's search page (pages) and the
indexer (write.search) agree on.
"""

from __future__ import annotations

from campaignsite.core.errors import msg

BUNDLE = "pagefind/"

ENTRY = "pagefind-entry.json"
PUBLISHED = {BUNDLE.rstrip("/"): msg("the search index (Pagefind)")}

# Campaigns per part: with ~50 indexed pages a campaign (two languages of 30 laureates), a part is
# ~3,000 pages, ~400 MB for Pagefind; and few enough parts for the browser to merge (one per 50).
PART_SIZE = 50


def parts(slugs: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The search parts of a network whose campaigns are `slugs`: (bundle path from the output's root,
    its campaigns), by groups of PART_SIZE in name order."""
    ordered = sorted(slugs)
    return [(f"{BUNDLE}parts/{index // PART_SIZE + 1:03d}/", tuple(ordered[index:index + PART_SIZE]))
            for index in range(0, len(ordered), PART_SIZE)]
