"""The first paint (issue 10): what a page waits for before it shows anything, and what moves after.

Lighthouse scores (tools/lighthouse.py) move with the machine's load, so the suite checks what they
depend on: how many files hold back the first paint, where they come from, and that the project
page's picture does not push the page around when it arrives.
"""

from __future__ import annotations

import pytest

from browser_support import get_samples
from campaignsite.render.engine import SELECTORS
from html_support import is_relative_link, parse, resolve_link

# Material's stylesheet and ours: every other stylesheet in the head is one more round trip before
# anything shows (the palette's and a11y.css were, issue 10).
MAX_BLOCKING_STYLESHEETS = 2


def sample_pages(site_root):
    """One page of each type in each site, laid out with the engine's header (not the widgets)."""
    pages = [(sample, parse(page_file(site_root, sample.path))) for sample in get_samples(site_root)]
    return [(sample, doc) for sample, doc in pages if doc.select_one(SELECTORS["header"])]


def page_file(site_root, path: str):
    """The file the server answers with for `path` ("/de/404.html", "/gent-2024/nl/")."""
    return resolve_link(site_root, site_root / "index.html", path)[0]


def blocking_stylesheets(doc) -> list[str]:
    """The stylesheets in the head that the page waits for before its first paint."""
    return [link.get("href") for link in doc.select("head link[rel~=stylesheet]")
            if link.get("media", "all") in ("all", "screen")]


def test_a_page_waits_for_at_most_two_stylesheets_of_its_own_site(example_site, subtests):
    for sample, doc in sample_pages(example_site):
        with subtests.test(page=sample.path):
            hrefs = blocking_stylesheets(doc)
            assert 1 <= len(hrefs) <= MAX_BLOCKING_STYLESHEETS, hrefs
            assert all(is_relative_link(href) for href in hrefs), hrefs
            assert all(resolve_link(example_site, doc.path, href)[0].is_file() for href in hrefs), hrefs


def test_scripts_wait_for_the_page_instead_of_holding_it_back(example_site, subtests):
    """The head runs only small inline scripts; the theme's script files are deferred."""
    for sample, doc in sample_pages(example_site):
        with subtests.test(page=sample.path):
            assert doc.select("head script[src]") == []
            theme_scripts = [script for script in doc.select("script[src]") if "/javascripts/" in script.get("src")]
            assert theme_scripts
            assert [script.get("src") for script in theme_scripts
                    if script.get("defer") is None and script.get("async") is None] == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [412, 1280])
def test_the_project_picture_keeps_its_place_when_it_arrives(browser_context, example_site, example_url, width):
    """The hero takes its size from the picture's width and height before the picture is there, so
    nothing below it moves when it arrives (or if it never does)."""
    laureates = [sample for sample in get_samples(example_site) if sample.kind == "laureate"
                 and parse(page_file(example_site, sample.path)).select_one(".cs-hero img[width]")]
    assert laureates, "no project page with a picture in the example network"
    boxes = {}
    for picture in ("never", "arrived"):  # in this order: the second page must not find it cached
        page = browser_context.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        if picture == "never":
            page.route("**/media/**", lambda route: route.abort())
        page.goto(example_url + laureates[0].path)
        boxes[picture] = page.locator(".cs-hero").bounding_box()
        page.close()
    assert boxes["never"] == boxes["arrived"]
