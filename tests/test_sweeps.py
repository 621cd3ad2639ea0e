"""The browser sweeps (accessibility, privacy) reach every page type of campaignsite/pages/registry.py.

A sweep skips a type that the swept network has no data for (conftest.py, `site_samples`), so the
example network must show every type: a new row of the registry fails here until campaigns/ has a
page of it, and a page that no row's URL pattern matches would never be swept.
"""

from __future__ import annotations

import pytest

from browser_support import Site, get_samples, page_type, site_pages_by_type, sweep_types


@pytest.fixture(scope="module")
def example_types(example_site) -> set[str]:
    return {sample.kind for sample in get_samples(example_site)}


@pytest.mark.parametrize("kind", sweep_types())
def test_the_example_network_has_every_page_type(example_types, kind):
    assert kind in example_types, (f"no site of the example network has a page of type {kind!r}: add data "
                                   "to campaigns/ (or content/) that gives one, so the sweeps check it")


def test_every_page_of_the_example_network_has_a_page_type(example_site):
    strays = [f"{site.path}{rel}" for site, by_type in site_pages_by_type(example_site).items()
              for rel in by_type.get(None, [])]
    assert not strays, f"pages no URL pattern of campaignsite/pages/registry.py matches: {strays}"


@pytest.mark.parametrize("kind, rel, expected", [
    ("campaign", "", "home"),
    ("campaign", "laureates/", "showcase"),
    ("campaign", "laureates/moestuin/", "laureate"),
    ("campaign", "sdg/", "sdg-index"),
    ("campaign", "sdg/11/", "sdg"),
    ("campaign", "press/listing/", "listing"),
    ("campaign", "news/launch/", "news-post"),
    ("campaign", "nowhere/at/all/", None),
    ("portal", "", "portal-home"),
    ("portal", "agenda/", "portal-agenda"),     # a literal pattern wins over "{slug}/"
    ("portal", "search/", "portal-search"),
    ("portal", "about/", "portal-page"),
    ("portal", "sdg/11/", "portal-sdg"),
])
def test_a_page_is_named_after_the_registry_row_its_address_matches(kind, rel, expected):
    site = Site(folder=None, path="/", lang="nl", campaign=None if kind == "portal" else "demo-2025")
    assert page_type(site, rel) == expected
