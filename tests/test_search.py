"""Search that stays home (issue 22, item 4): every page's header has a plain form that sends the term
to its site's search page in the page's language: a campaign site's searches that campaign (Pagefind,
one bundle per campaign), with "all campaigns" one tap away; the portal's searches every campaign.
Each result is labelled with its campaign and page type; credits are not indexed. Nothing of
Pagefind is loaded anywhere else, and every text it shows is in the page's language."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from browser_support import Site, get_sites
from campaignsite.render.engine import SELECTORS
from html_support import label, parse, resolve_link

RESULT = ".pagefind-ui__result"
RESULT_LINK = ".pagefind-ui__result-link"
EVERYWHERE = "[data-cs-search-everywhere]"
# A photo credit shown under pictures all over Gent's site (campaigns/gent-2024), and nowhere else.
CREDIT = "Baert"
# (a campaign page, what a visitor types, the language of that page) in the example network.
SEARCHES = [("/gent-2024/nl/laureates/", "project", "nl"), ("/namur-2023/fr/", "projet", "fr")]


def site_of(sites: list[Site], path: Path) -> Site:
    """The site a file belongs to: the deepest site folder holding it (the portal holds the others)."""
    return max((site for site in sites if path.is_relative_to(site.folder)), key=lambda site: len(site.folder.parts))


def pages_with_chrome(site_root: Path):
    """Every page with the site's header: not the widgets (no header) nor the redirects."""
    for path in sorted(site_root.rglob("*.html")):
        if "embed" in path.relative_to(site_root).parts or "pagefind" in path.parts:
            continue
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8"):
            yield path


def test_every_page_has_a_search_box_to_its_sites_search_page(example_site):
    sites = get_sites(example_site)
    checked = set()
    for path in pages_with_chrome(example_site):
        page, site = parse(path), site_of(sites, path)
        forms = page.select(SELECTORS["search_form"])
        assert len(forms) == 1, f"{path}: {len(forms)} search boxes"
        form = forms[0]
        assert form.get("method") == "get" and not form.get("name"), path  # a form named "search" wakes lunr
        field = page.one(SELECTORS["search_input"])
        scope = "Search this campaign" if site.campaign else "Search all campaigns"
        assert field.get("aria-label") == label(site.lang, scope), path
        assert field.get("placeholder") == label(site.lang, "Search"), path
        target, _ = resolve_link(example_site, path, form.get("action"))
        assert target.is_file(), f"{path}: the search box leads to {form.get('action')}, which does not exist"
        # The search page of its own site (so in its language).
        assert target == site.folder / "search" / "index.html" and parse(target).lang == site.lang, (path, target)
        assert parse(target).select("[data-cs-search]"), f"{target} is no search page"
        checked.add((site.campaign, site.lang))
    assert len(checked) == len(sites) and {lang for _, lang in checked} >= {"nl", "fr", "en", "de"}


def test_only_the_search_pages_load_pagefind(example_site):
    """Pagefind's script, styles, WebAssembly and index are for the search pages alone."""
    sites = get_sites(example_site)
    loading = set()
    for path in sorted(example_site.rglob("*.html")):
        page = parse(path)
        sources = page.node.xpath("//script/@src | //link/@href | //img/@src | //@data-cs-search")
        if any("pagefind" in str(source) for source in sources):
            loading.add(path)
    search_pages = {site.folder / "search" / "index.html" for site in sites}
    assert loading == search_pages


def test_a_campaign_site_searches_its_own_bundle_and_the_portal_every_campaigns(example_site):
    for site in get_sites(example_site):
        page = parse(site.folder / "search" / "index.html")
        box = page.one("[data-cs-search]")
        bundle = (site.folder / "search" / box.get("data-cs-search")).resolve()
        merged = json.loads(box.get("data-cs-merge"))
        if site.campaign:
            assert bundle == (example_site / site.campaign / "pagefind").resolve(), site.path
            assert merged == [], site.path
            everywhere, _ = resolve_link(example_site, site.folder / "search" / "index.html",
                                         page.one(EVERYWHERE).get("href"))
            assert parse(everywhere).lang == site.lang and everywhere.parent.name == "search", site.path
        else:
            assert bundle == example_site.resolve() / "pagefind", site.path
            speaking = sorted(f"../{other.campaign}/pagefind/" for other in get_sites(example_site)
                              if other.campaign and other.lang == site.lang)
            assert sorted(path.replace("../", "") for path in merged) == [p.replace("../", "") for p in speaking]
            assert not page.select(EVERYWHERE), site.path


def visible_results(page) -> list[str]:
    """Addresses of the results Pagefind shows, once every one has loaded."""
    page.locator(RESULT).first.wait_for(timeout=30_000)
    expect(page.locator(".pagefind-ui__loading")).to_have_count(0)
    return page.locator(RESULT_LINK).evaluate_all("links => links.map(link => link.href)")


def test_without_javascript_a_search_page_lists_its_sites_menu(example_site):
    """Pagefind needs JavaScript: without it, the search page says so and links the site's menu."""
    for site in get_sites(example_site):
        path = site.folder / "search" / "index.html"
        links = parse(path).select("noscript .cs-search__menu a")
        targets = [resolve_link(example_site, path, link.get("href"))[0] for link in links]
        assert len(targets) >= 3 and all(target.is_file() for target in targets), (site.path, targets)
        assert targets[0] == site.folder / "index.html" and path not in targets, site.path


def campaign_titles(sites: list[Site]) -> dict[tuple[str, str], str]:
    """Each campaign site's name, (slug, lang) -> title, as its home page's <title> says it."""
    return {(site.campaign, site.lang): parse(site.folder / "index.html").node.findtext(".//title").strip()
            for site in sites if site.campaign}


def result_labels(page) -> list[list[str]]:
    """The labels under each result shown, in order ("Campaign: Proximity Gent 2024", "Page type: Project")."""
    return page.locator(RESULT).evaluate_all(
        "results => results.map(r => Array.from(r.querySelectorAll('.pagefind-ui__result-tags li'))"
        ".map(li => li.textContent.replace(/[ \\n\\t]+/g, ' ').trim()))")


def results_by_site(page, sites: list[Site], root: Path) -> list[Site]:
    return [site_of(sites, root / (urlsplit(href).path.lstrip("/") + "index.html")) for href in visible_results(page)]


@pytest.mark.browser
@pytest.mark.parametrize(("start", "term", "lang"), SEARCHES)
def test_a_term_typed_on_a_campaign_site_finds_that_campaigns_pages_only(browser_context, example_url, example_site,
                                                                         start, term, lang):
    page = browser_context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(example_url + start, wait_until="networkidle")
    assert not [url for url in requested if "pagefind" in url], "Pagefind was loaded before anyone searched"
    campaign = start.strip("/").split("/")[0]

    # With the keyboard, as a visitor would: type, then Enter.
    field = page.locator(SELECTORS["search_input"])
    field.focus()
    page.keyboard.type(term)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{campaign}/{lang}/search/?q=*")
    assert parse_qs(urlsplit(page.url).query) == {"q": [term]}
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator(".pagefind-ui__search-input")).to_have_value(term)  # searched at once, no retyping
    expect(page.locator(SELECTORS["search_input"])).to_have_value(term)

    sites = get_sites(example_site)
    found = results_by_site(page, sites, example_site)
    assert {(site.campaign, site.lang) for site in found} == {(campaign, lang)}, [site.path for site in found]
    # Each result says which campaign it is from, and what kind of page it is.
    colon = "\u202f:" if lang == "fr" else ":"
    name = campaign_titles(sites)[campaign, lang]
    for labels in result_labels(page):
        assert labels[0] == f"{label(lang, 'Campaign')}{colon} {name}", labels
        assert labels[1].startswith(f"{label(lang, 'Page type')}{colon} "), labels
    kinds = {labels[1] for labels in result_labels(page)}
    assert any(label(lang, "Project") in kind for kind in kinds), kinds
    assert any("pagefind" in url for url in requested), "the search page loaded Pagefind"


@pytest.mark.browser
def test_all_campaigns_is_one_tap_away_with_the_same_term(browser_context, example_url, example_site):
    page = browser_context.new_page()
    page.goto(example_url + "/gent-2024/nl/search/?q=project", wait_until="load")
    visible_results(page)
    page.locator(".pagefind-ui__search-input").fill("buurt")  # the term typed here goes along
    page.locator(EVERYWHERE).click()
    page.wait_for_url("**/search/?q=buurt")
    assert urlsplit(page.url).path == "/search/" and page.locator("html").get_attribute("lang") == "nl"
    expect(page.locator(".pagefind-ui__search-input")).to_have_value("buurt")
    sites = get_sites(example_site)
    found = results_by_site(page, sites, example_site)
    campaigns = {site.campaign for site in found if site.campaign}
    assert len(campaigns) >= 2, f"results from {campaigns} only"
    # On the portal, each campaign's result is labelled with its campaign.
    names = campaign_titles(sites)
    for site, labels in zip(found, result_labels(page)):
        if site.campaign:
            assert labels[0] == f"{label('nl', 'Campaign')}: {names[site.campaign, 'nl']}", (site.path, labels)
        else:
            assert labels[0].startswith(f"{label('nl', 'Page type')}: "), (site.path, labels)


@pytest.mark.browser
def test_image_credits_are_not_indexed(page, example_url, example_site):
    """The photographer named under every picture of Gent's site is no search result."""
    shown = [path for path in (example_site / "gent-2024" / "nl").rglob("index.html")
             if CREDIT in path.read_text(encoding="utf-8")]
    assert len(shown) > 10, "the credit is on many pages"
    page.goto(example_url + f"/gent-2024/nl/search/?q={CREDIT}", wait_until="load")
    expect(page.locator(".pagefind-ui__message")).to_contain_text(CREDIT)
    expect(page.locator(RESULT)).to_have_count(0)
    page.goto(example_url + f"/search/?q={CREDIT}", wait_until="load")
    expect(page.locator(".pagefind-ui__message")).to_contain_text(CREDIT)
    expect(page.locator(RESULT)).to_have_count(0)


@pytest.mark.browser
def test_the_search_box_works_without_javascript(browser, example_url):
    context = browser.new_context(java_script_enabled=False, locale="fr-BE")
    try:
        page = context.new_page()
        page.goto(example_url + "/namur-2023/fr/", wait_until="load")
        page.locator(SELECTORS["search_input"]).fill("jardin")
        page.locator(SELECTORS["search_input"]).press("Enter")
        page.wait_for_url("**/namur-2023/fr/search/?q=jardin")
        # The campaign's French search page (whose <noscript> says the search needs JavaScript, and
        # where the pages are); "all campaigns" leads on to the portal's.
        assert page.locator("html").get_attribute("lang") == "fr"
        expect(page.locator(SELECTORS["title"])).to_have_text(label("fr", "Search"))
        page.locator(EVERYWHERE).click()
        page.wait_for_url("**/fr/search/")
        assert page.locator("html").get_attribute("lang") == "fr"
        expect(page.locator(SELECTORS["search_input"])).to_have_attribute("aria-label", label("fr", "Search all campaigns"))
    finally:
        context.close()


@pytest.mark.browser
def test_pagefind_speaks_the_language_of_each_search_page(page, example_url, example_site, subtests):
    """Pagefind UI brings its own texts (picked by <html lang>); the ones it leaves in English or
    words for "this site" are ours. No English word shows on a page in another language."""
    sites = get_sites(example_site)
    # The portal's search pages, and a campaign's in each language.
    searched = {(site.path, site.lang, site.kind) for site in sites if site.campaign is None}
    searched |= {(next(s.path for s in sites if s.campaign and s.lang == lang), lang, "campaign")
                 for lang in {site.lang for site in sites if site.campaign}}
    english = ("Reset", "Clear", "Search this site", "No results", "results for", "Load more")
    for path, lang, kind in sorted(searched):
        with subtests.test(path):
            page.goto(f"{example_url}{path}search/?q=zzqqxx", wait_until="load")
            message = page.locator(".pagefind-ui__message")
            expect(message).to_contain_text("zzqqxx")
            expect(page.locator(".pagefind-ui__search-clear")).to_have_text(label(lang, "Clear"))
            scope = "Search this campaign" if kind == "campaign" else "Search all campaigns"
            expect(page.locator("form.pagefind-ui__form")).to_have_accessible_name(label(lang, scope))
            shown = page.locator("#cs-search").inner_text()
            if lang != "en":
                assert not [word for word in english if word in shown], f"{lang}: {shown!r}"
