"""One search for the whole network (issue 12): every page's header has a plain form that sends the
term to the portal's search page in the page's language, where Pagefind searches every campaign.
Nothing of Pagefind is loaded anywhere else, and every text it shows is in the page's language."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from browser_support import Site, get_sites
from campaignsite.render.engine import SELECTORS
from html_support import label, parse, resolve_link

RESULT = ".pagefind-ui__result"
RESULT_LINK = ".pagefind-ui__result-link"
# (a campaign page, what a visitor types, the language of that page) in the example network.
SEARCHES = [("/gent-2024/nl/laureates/", "project", "nl"), ("/namur-2023/fr/", "projet", "fr")]


def site_of(sites: list[Site], path: Path) -> Site:
    """The site a file belongs to: the deepest site folder holding it (the portal holds the others)."""
    return max((site for site in sites if path.is_relative_to(site.folder)), key=lambda site: len(site.folder.parts))


def portal_languages(sites: list[Site]) -> list[str]:
    """The portal's languages, its first (at the output's root) first."""
    portal = sorted((site for site in sites if site.campaign is None), key=lambda site: len(site.folder.parts))
    return [site.lang for site in portal]


def pages_with_chrome(site_root: Path):
    """Every page with the site's header: not the widgets (no header) nor the redirects."""
    for path in sorted(site_root.rglob("*.html")):
        if "embed" in path.relative_to(site_root).parts or "pagefind" in path.parts:
            continue
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8"):
            yield path


def test_every_page_has_a_search_box_to_the_search_page_in_its_language(example_site):
    sites = get_sites(example_site)
    languages = portal_languages(sites)
    checked = set()
    for path in pages_with_chrome(example_site):
        page, site = parse(path), site_of(sites, path)
        forms = page.select(SELECTORS["search_form"])
        assert len(forms) == 1, f"{path}: {len(forms)} search boxes"
        form = forms[0]
        assert form.get("method") == "get" and not form.get("name"), path  # a form named "search" wakes lunr
        field = page.one(SELECTORS["search_input"])
        assert field.get("aria-label") == label(site.lang, "Search all campaigns"), path
        assert field.get("placeholder") == label(site.lang, "Search"), path
        target, _ = resolve_link(example_site, path, form.get("action"))
        assert target.is_file(), f"{path}: the search box leads to {form.get('action')}, which does not exist"
        # The portal's search page in the site's language, or in the portal's first one.
        expected = site.lang if site.lang in languages else languages[0]
        assert target.parent.name == "search" and parse(target).lang == expected, (path, target)
        assert parse(target).select("[data-cs-search]"), f"{target} is no search page"
        checked.add((site.campaign, site.lang))
    assert len(checked) == len(sites) and {lang for _, lang in checked} >= {"nl", "fr", "en", "de"}


def test_only_the_search_pages_load_pagefind(example_site):
    """Pagefind's script, styles, WebAssembly and index are for the search page alone."""
    sites = get_sites(example_site)
    loading = set()
    for path in sorted(example_site.rglob("*.html")):
        page = parse(path)
        sources = page.node.xpath("//script/@src | //link/@href | //img/@src | //@data-cs-search")
        if any("pagefind" in str(source) for source in sources):
            loading.add(path)
    search_pages = {site.folder / "search" / "index.html" for site in sites if site.campaign is None}
    assert loading == search_pages


def visible_results(page) -> list[str]:
    """Addresses of the results Pagefind shows, once every one has loaded."""
    page.locator(RESULT).first.wait_for(timeout=30_000)
    expect(page.locator(".pagefind-ui__loading")).to_have_count(0)
    return page.locator(RESULT_LINK).evaluate_all("links => links.map(link => link.href)")


@pytest.mark.browser
@pytest.mark.parametrize(("start", "term", "lang"), SEARCHES)
def test_a_term_typed_in_the_header_finds_pages_of_several_campaigns(browser_context, example_url, example_site,
                                                                     start, term, lang):
    page = browser_context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(example_url + start, wait_until="networkidle")
    assert not [url for url in requested if "pagefind" in url], "Pagefind was loaded before anyone searched"

    # With the keyboard, as a visitor would: type, then Enter.
    field = page.locator(SELECTORS["search_input"])
    field.focus()
    page.keyboard.type(term)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert parse_qs(urlsplit(page.url).query) == {"q": [term]}
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator(".pagefind-ui__search-input")).to_have_value(term)  # searched at once, no retyping
    expect(page.locator(SELECTORS["search_input"])).to_have_value(term)

    sites = get_sites(example_site)
    found = [site_of(sites, example_site / (urlsplit(href).path.lstrip("/") + "index.html"))
             for href in visible_results(page)]
    assert {site.lang for site in found} == {lang}, [site.path for site in found]
    campaigns = {site.campaign for site in found if site.campaign}
    assert len(campaigns) >= 2, f"results from {campaigns} only"
    assert any("pagefind" in url for url in requested), "the search page loaded Pagefind"


@pytest.mark.browser
def test_the_search_box_works_without_javascript(browser, example_url):
    context = browser.new_context(java_script_enabled=False, locale="fr-BE")
    try:
        page = context.new_page()
        page.goto(example_url + "/namur-2023/fr/", wait_until="load")
        page.locator(SELECTORS["search_input"]).fill("jardin")
        page.locator(SELECTORS["search_input"]).press("Enter")
        page.wait_for_url("**/fr/search/?q=jardin")
        # The French search page (whose <noscript> says the search needs JavaScript, and where to go).
        assert page.locator("html").get_attribute("lang") == "fr"
        expect(page.locator(SELECTORS["title"])).to_have_text(label("fr", "Search"))
    finally:
        context.close()


@pytest.mark.browser
def test_pagefind_speaks_the_language_of_each_search_page(page, example_url, example_site, subtests):
    """Pagefind UI brings its own texts (picked by <html lang>); the ones it leaves in English or
    words for "this site" are ours. No English word shows on a page in another language."""
    languages = portal_languages(get_sites(example_site))
    english = ("Reset", "Clear", "Search this site", "No results", "results for", "Load more")
    for lang in languages:
        with subtests.test(lang):
            root = "" if lang == languages[0] else f"/{lang}"
            page.goto(f"{example_url}{root}/search/?q=zzqqxx", wait_until="load")
            message = page.locator(".pagefind-ui__message")
            expect(message).to_contain_text("zzqqxx")
            expect(page.locator(".pagefind-ui__search-clear")).to_have_text(label(lang, "Clear"))
            expect(page.locator("form.pagefind-ui__form")).to_have_accessible_name(label(lang, "Search all campaigns"))
            shown = page.locator("#cs-search").inner_text()
            if lang != "en":
                assert not [word for word in english if word in shown], f"{lang}: {shown!r}"
