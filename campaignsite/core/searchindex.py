"""Where the search index lives in the output: the one layout the search pages (pages) and the indexer
(write.search) agree on.

The portal's pages are in the bundle at the output's root (`pagefind/`), each campaign's (all its
language sites) in its own folder (`<slug>/pagefind/`), which comes and goes with the campaign's folder:
an incremental build keeps it with the rest of an unchanged campaign (write/incremental.py).
"""

from __future__ import annotations

from campaignsite.core.errors import msg

BUNDLE = "pagefind/"

ENTRY = "pagefind-entry.json"
PUBLISHED = {BUNDLE.rstrip("/"): msg("the search index (Pagefind)")}


def campaign_bundle(slug: str) -> str:
    """The bundle of a campaign's pages, from the output's root."""
    return f"{slug}/{BUNDLE}"
