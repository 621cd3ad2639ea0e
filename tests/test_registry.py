"""The page-type registry and the engine boundary hold: every page comes from a declared type, at an
address of its pattern, with its declared context; only the engine module knows MkDocs."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignsite.pages import sites
from campaignsite.pipeline import build_model
from campaignsite.pages.registry import PAGE_TYPES
from campaignsite.render.templates import TEMPLATES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "campaignsite"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def network():
    return build_model(ROOT).network


@pytest.fixture(scope="module")
def example_sites(network):
    return sites.all_sites(network, build_model(ROOT).media, TODAY)


def pattern_re(url: str) -> re.Pattern:
    """"laureates/{slug}/" -> a regex matching "laureates/repair-cafe/"."""
    return re.compile("".join("[^/]+" if part.startswith("{") else re.escape(part)
                              for part in re.split(r"(\{[^}]+\})", url)) + r"\Z")


def page_type_of(site_id: str, url: str):
    """The declared types whose pattern matches; literal patterns win over placeholders."""
    kind = "portal" if site_id.startswith("_portal/") else "campaign"
    matches = [t for t in PAGE_TYPES if t.site == kind and pattern_re(t.url).match(url)]
    literal = [t for t in matches if "{" not in t.url]
    return literal or matches


def test_every_page_type_is_declared_once_with_a_template():
    names = Counter(t.name for t in PAGE_TYPES)
    assert [name for name, count in names.items() if count > 1] == []
    for page_type in PAGE_TYPES:
        assert page_type.site in ("campaign", "portal"), page_type.name
        assert (TEMPLATES / page_type.context.template).is_file(), f"{page_type.name}: no template"
    menus = Counter((t.site, t.nav) for t in PAGE_TYPES if t.nav is not None)
    assert [key for key, count in menus.items() if count > 1] == [], "two page types share a menu place"


def test_every_page_has_the_address_and_context_of_its_type(example_sites):
    for site in example_sites:
        for page in site.pages:
            types = page_type_of(site.id, page.url)
            assert len(types) == 1, f"{site.id}/{page.url}: matches {[t.name for t in types]}"
            assert isinstance(page.context, types[0].context), f"{site.id}/{page.url} is not a {types[0].name}"
        urls = [page.url for page in site.pages]
        assert len(urls) == len(set(urls)), f"{site.id}: two pages at one address"


def test_the_menu_lists_pages_of_the_site_in_declared_order(example_sites):
    order = {t.name: t.nav for t in PAGE_TYPES}
    for site in example_sites:
        urls = {page.url for page in site.pages}
        assert set(site.nav) <= urls, f"{site.id}: the menu links to a missing page"
        places = [order[page_type_of(site.id, url)[0].name] for url in site.nav]
        assert places == sorted(places), f"{site.id}: menu out of order"
        assert site.nav[0] == "", f"{site.id}: the home page comes first"


def test_the_example_network_shows_every_page_type(example_sites):
    """So that the browser sweeps, which sample the example network, check every type."""
    found = {page_type_of(site.id, page.url)[0].name for site in example_sites for page in site.pages}
    assert {t.name for t in PAGE_TYPES} - found == set()


def test_goals_page_counts_projects_and_money_per_goal(network, example_sites):
    for site in example_sites:
        if site.id.startswith("_portal/"):
            continue
        campaign = next(c for c in network.campaigns if site.id.startswith(c.slug + "/"))
        goals = next(page.context for page in site.pages if page.url == "sdg/")
        shown = {row.badge.number: row for row in goals.rows}
        expected = set(campaign.sdgs) | {n for item in campaign.laureates + campaign.candidates for n in item.sdgs} \
            | {n for action in campaign.actions for n in action.sdgs}
        assert set(shown) == expected, site.id
        fmt = goals.site.fmt
        for number, row in shown.items():
            projects = [item for item in campaign.laureates if number in item.sdgs]
            assert row.projects == fmt.number(len(projects)), f"{site.id}: goal {number}"
            assert row.granted == fmt.money(sum(item.granted for item in projects)), f"{site.id}: goal {number}"
            assert row.badge.href == f"{number}/"
        assert [row.badge.number for row in goals.rows] == sorted(shown)


def python_modules():
    return sorted(PACKAGE.rglob("*.py"))


def test_only_the_engine_module_knows_mkdocs():
    engine_modules = {"mkdocs_engine.py"}
    for path in python_modules():
        text = path.read_text(encoding="utf-8")
        if path.name in engine_modules:
            continue
        assert not re.search(r"^\s*(from|import)\s+mkdocs\b", text, re.M), f"{path.name} imports mkdocs"
        assert "md-" not in text, f"{path.name} uses a mkdocs-material class"
        if path.name != "engine.py":
            assert not re.search(r"^\s*(from|import)\s+[.\w]*mkdocs_engine\b|import[^\n]*\bmkdocs_engine\b", text, re.M), \
                f"{path.name} reaches past campaignsite/render/engine.py"
    for template in sorted(TEMPLATES.glob("*.html")):
        assert "md-" not in template.read_text(encoding="utf-8"), f"{template.name} uses a Material class"


def test_the_engine_provides_what_the_rest_relies_on():
    from campaignsite.render import engine
    assert callable(engine.build)
    needed = {"content", "content_area", "title", "header", "skip_link", "languages",
              "language_link", "drawer_language_link", "menu_button", "primary_nav", "search_form", "search_input",
              "not_indexed"}
    assert needed <= set(engine.SELECTORS)


def address_literals(path: Path) -> list[tuple[int, str]]:
    """String constants (f-string parts included) of a module that spell a site address of pages/urls.py."""
    import ast
    from campaignsite.pages import urls
    patterns = {value for name, value in vars(urls).items() if name.isupper() and isinstance(value, str) and value}
    prefixes = {pattern.split("{")[0] for pattern in patterns if pattern.split("{")[0]}
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if text in patterns or any(text.startswith(p) and text.endswith(("/", ".ics", ".xml")) for p in prefixes):
                found.append((node.lineno, text))
    return found


def test_every_address_is_written_once_in_pages_urls():
    """Builders, feeds, sites and the registry make addresses with pages/urls.py, never by typing them."""
    typed = [f"{path.relative_to(ROOT)}:{line}: {text!r}" for path in sorted((PACKAGE / "pages").glob("*.py"))
             if path.name != "urls.py" for line, text in address_literals(path)]
    assert typed == []


def test_widgets_stand_for_a_page_of_their_site_with_the_same_values(example_sites):
    from campaignsite.pages import registry, urls
    names = {t.name: t for t in PAGE_TYPES if t.site == "campaign"}
    widgets = [t for t in PAGE_TYPES if t.layout == "embed"]
    assert {t.embeds for t in widgets} - {None} <= set(names)
    for t in widgets:
        if t.embeds:
            assert set(re.findall(r"\{(\w+)\}", t.url)) == set(re.findall(r"\{(\w+)\}", names[t.embeds].url)), t.name
    site = next(s for s in example_sites if s.id == "namur-2023/fr")
    pairs = registry.oembed_pages(site.pages)
    urls_of = {page.url for page in site.pages}
    assert pairs and all(page in urls_of and widget in urls_of for page, widget, _ in pairs)
    assert (urls.HOME, urls.EMBED_FIGURES) in [(page, widget) for page, widget, _ in pairs]
    assert (urls.laureate("vergers-malonne"), urls.embed_project("vergers-malonne")) in [pair[:2] for pair in pairs]
    assert not any(widget.startswith("embed/sdg/") for _, widget, _ in pairs)  # a goal's widget has no page of its own


@pytest.mark.parametrize("pattern, url, values", [
    ("laureates/{slug}/", "laureates/repair-cafe/", {"slug": "repair-cafe"}),
    ("embed/sdg/{number}/", "embed/sdg/11/", {"number": "11"}),
    ("laureates/{slug}/", "laureates/", None),
    ("laureates/{slug}/", "laureates/a/b/", None),
    ("agenda/", "agenda/", {}),
])
def test_an_address_matches_its_pattern(pattern, url, values):
    from campaignsite.pages.urls import match
    assert match(pattern, url) == values


_segments = st.lists(st.sampled_from(["sdg", "11", "page-2", "laureates", "a", "index.html", ".", "..", ""]),
                     max_size=5).map("/".join)


@settings(max_examples=2000, deadline=None)
@given(target=_segments.filter(bool), start=_segments.filter(lambda path: ".." not in path.split("/")),
       target_folder=st.booleans(), start_folder=st.booleans(), rooted=st.booleans())
def test_a_relative_link_is_the_one_posixpath_relpath_makes(target, start, target_folder, start_folder, rooted):
    """pages/builder.relative, which links every page to every other, works on the paths' segments for
    speed: it must give what relpath gives for a page's address (never going up) and any site-relative
    path (folders, "..", ".", ""), both taken from a folder deep enough for the target's ".." (relpath
    resolves them against the working folder, and no further up than "/": the portal's links to the
    campaigns go above its site's root)."""
    import posixpath

    from campaignsite.pages.builder import relative
    target += "/" if target_folder else ""
    start = ("/" if rooted else "") + start + ("/" if start_folder else "")
    deep = "" if start.startswith("/") or target.startswith("/") else "/site/" + "x/" * 6
    assert relative(target, start) == posixpath.relpath(deep + target, deep + (start or "."))
