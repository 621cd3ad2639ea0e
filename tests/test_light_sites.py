"""Light sites (issue 12): each language site publishes only the theme assets its pages use, no
source maps and nothing of lunr, and the theme assets its pages load add up to at most 500 KB. The
theme's files are published once, at the network's root, for every site (issue 24)."""

from __future__ import annotations

import re
from pathlib import Path

from browser_support import Site, get_sites
from html_support import is_relative_link, parse, resolve_link

BUDGET = 500_000  # bytes of theme assets (CSS, JS, fonts, icons) the pages of one site load
# What a page loads (not <a href>, nor <link rel=canonical|alternate>, which it does not fetch).
LOADED = ("//link[contains(concat(' ', @rel, ' '), ' stylesheet ') or contains(concat(' ', @rel, ' '), ' icon ')"
          " or contains(@rel, 'preload')]/@href | //script/@src | //img/@src | //source/@src | //image/@href")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
SEARCH_REMAINS = re.compile(r"lunr|tinyseg|wordcut|search_index|workers/search", re.I)


def pages_of(site_root: Path, site: Site, sites: list[Site]) -> list[Path]:
    """The HTML files of `site`, not those of the sites inside its folder (the portal holds them all)."""
    inner = [other.folder for other in sites if other != site and other.folder.is_relative_to(site.folder)]
    return [path for path in sorted(site.folder.rglob("*.html"))
            if not any(path.is_relative_to(folder) for folder in inner) and "pagefind" not in path.parts]


def css_references(site_root: Path, css: Path, seen: set[Path]) -> None:
    """Add to `seen` every local file the stylesheet `css` loads, recursively (@import, url())."""
    for match in CSS_URL.finditer(css.read_text(encoding="utf-8")):
        url = match.group(1) or match.group(2)
        if not is_relative_link(url) or url.startswith("#"):
            continue
        target, _ = resolve_link(site_root, css, url)
        if target not in seen:
            seen.add(target)
            if target.suffix == ".css" and target.is_file():
                css_references(site_root, target, seen)


def loaded_theme_assets(site_root: Path, site: Site, sites: list[Site]) -> set[Path]:
    """Every file under the site's assets/ or the network's that one of its pages loads (with what its
    CSS loads)."""
    seen: set[Path] = set()
    for path in pages_of(site_root, site, sites):
        for url in parse(path).node.xpath(LOADED):
            if not is_relative_link(str(url)):
                continue
            target, _ = resolve_link(site_root, path, str(url))
            if target not in seen:
                seen.add(target)
                if target.suffix == ".css" and target.is_file():
                    css_references(site_root, target, seen)
    missing = sorted(str(target) for target in seen if not target.is_file())
    assert not missing, f"{site.path}: pages load files that do not exist: {missing}"
    return {target for target in seen
            if target.is_relative_to(site.folder / "assets") or target.is_relative_to(site_root / "assets")}


def test_no_source_map_nor_lunr_is_published(example_site):
    published = [path.relative_to(example_site).as_posix() for path in example_site.rglob("*") if path.is_file()]
    assert [path for path in published if path.endswith(".map")] == []
    assert [path for path in published if SEARCH_REMAINS.search(path)] == []
    # Nor does a page name them (Material's configuration once gave every page the worker's address).
    naming = [path for path in published
              if path.endswith(".html") and SEARCH_REMAINS.search((example_site / path).read_text(encoding="utf-8"))]
    assert naming == []


def test_every_published_theme_asset_is_used(example_site):
    """Each file under a site's assets/ is named by one of its pages or stylesheets (the widgets' loader
    is named in the code to copy), those at the network's root by any site's: nothing unused, such as a
    language the site has not."""
    sites = get_sites(example_site)
    for site in sites:
        served = sites if site.folder == example_site else [site]
        texts = [path.read_text(encoding="utf-8") for one in served for path in pages_of(example_site, one, sites)]
        texts += [css.read_text(encoding="utf-8") for css in (site.folder / "assets").rglob("*.css")]
        corpus = "\n".join(texts)
        unused = [asset.relative_to(site.folder).as_posix() for asset in sorted((site.folder / "assets").rglob("*"))
                  if asset.is_file() and asset.relative_to(site.folder).as_posix() not in corpus]
        assert not unused, f"{site.path}: published but used by no page: {unused}"


def test_a_sites_pages_load_at_most_500_kb_of_theme_assets(example_site):
    sites = get_sites(example_site)
    assert {site.lang for site in sites} >= {"nl", "fr", "en", "de"}
    for site in sites:
        assets = loaded_theme_assets(example_site, site, sites)
        assert any(asset.suffix == ".css" for asset in assets) and any(asset.suffix == ".js" for asset in assets)
        total = sum(asset.stat().st_size for asset in assets)
        assert total <= BUDGET, f"{site.path}: {total:,} bytes of theme assets: " + ", ".join(
            f"{asset.name} {asset.stat().st_size:,}" for asset in sorted(assets, key=lambda a: -a.stat().st_size))


def test_theme_files_are_published_once_for_the_network(example_site):
    """Material's and our theme files are at the network's root only; a campaign site publishes its own
    logo, icon and the widgets' loader (its address is in the code municipalities copied), and its pages
    load the shared files from the root."""
    campaign = example_site / "gent-2024" / "nl"
    assert sorted(path.relative_to(campaign).as_posix() for path in (campaign / "assets").rglob("*")
                  if path.is_file()) == ["assets/favicon.svg", "assets/javascripts/loader.js", "assets/logo.svg"]
    shared = sorted(path.relative_to(example_site).as_posix() for path in (example_site / "assets").rglob("*")
                    if path.is_file() and path.name != "favicon.svg")
    assert "assets/stylesheets/campaign.css" in shared and "assets/stylesheets/embed.css" in shared
    copies = [f"{site.path}{path.relative_to(site.folder).as_posix()}" for site in get_sites(example_site)
              if site.folder != example_site for path in (site.folder / "assets").rglob("*")
              if path.relative_to(site.folder).as_posix() in shared]
    assert copies == []
    page = parse(campaign / "laureates" / "index.html")
    styles = [str(href) for href in page.node.xpath("//link[@rel='stylesheet']/@href")]
    assert "../../../assets/stylesheets/campaign.css" in styles
