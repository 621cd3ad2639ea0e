"""Every page type, declared once (work in progress: the builders join this table next).

Contract already relied on by the tests: `PAGE_TYPES` is a tuple of `PageType` with
`name` (unique), `site` ("campaign" or "portal") and `url`, the address pattern relative to the
site's root with `{placeholders}` for the variable part ("laureates/{slug}/", "" for the home page).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    name: str
    site: str
    url: str


PAGE_TYPES = (
    PageType("home", "campaign", ""),
    PageType("showcase", "campaign", "laureates/"),
    PageType("laureate", "campaign", "laureates/{slug}/"),
    PageType("sdg", "campaign", "sdg/{number}/"),
    PageType("actions", "campaign", "actions/"),
    PageType("call", "campaign", "call/"),
    PageType("jury", "campaign", "jury/"),
    PageType("help", "campaign", "help/"),
    PageType("agenda", "campaign", "agenda/"),
    PageType("event", "campaign", "events/{slug}/"),
    PageType("news", "campaign", "news/"),
    PageType("news-post", "campaign", "news/{slug}/"),
    PageType("press", "campaign", "press/"),
    PageType("listing", "campaign", "press/listing/"),
    PageType("kit", "campaign", "kit/"),
    PageType("accessibility", "campaign", "accessibility/"),
    PageType("privacy", "campaign", "privacy/"),
    PageType("portal-home", "portal", ""),
    PageType("portal-agenda", "portal", "agenda/"),
    PageType("portal-search", "portal", "search/"),
    PageType("portal-page", "portal", "{slug}/"),
    PageType("portal-sdg", "portal", "sdg/{number}/"),
    PageType("portal-accessibility", "portal", "accessibility/"),
    PageType("portal-privacy", "portal", "privacy/"),
)
