"""The page for a missing address (issue 10): in the site's language, with the ways on."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from campaignsite.render.engine import SELECTORS
from html_support import label, parse

SITES = ["gent-2024/nl", "namur-2023/fr", "eupen-kelmis-2025/de", "eupen-kelmis-2025/fr", "mechelen-klimaat-2025/en",
         "", "fr", "en"]


@pytest.mark.parametrize("site", SITES)
def test_404_speaks_the_sites_language_and_leads_on(example_site, site):
    root = example_site / site if site else example_site
    page = parse(root / "404.html")
    lang = page.lang
    assert lang and page.one("h1").text == label(lang, "Page not found")
    assert "Not found" not in page.one("article").text or lang == "en"
    links = [a.get("href") for a in page.select("article .cs-not-found a")]
    # Served for any missing address under the site, at any depth: links are absolute paths.
    assert links and all(link.startswith("/") for link in links), links
    home = "/" + (site + "/" if site else "")
    assert links[0] == urlsplit(home).path
    for link in links:
        target = example_site / link.lstrip("/") / "index.html"
        assert target.is_file(), f"{site}/404.html links to {link}, which does not exist"
    # The header's search box, from any depth: an absolute path to the portal's search page.
    action = page.one(SELECTORS["search_form"]).get("action")
    assert action.startswith("/") and (example_site / action.lstrip("/") / "index.html").resolve().is_file(), action
