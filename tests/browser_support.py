"""What the browser tests share: which pages a built site has, what a page requests, what axe finds.

`get_samples(site_root)` reads every site's sitemap.xml and names each page after the row of
campaignsite/pages/registry.py whose URL pattern it matches, so a new page type is swept without editing a
test; `RequestRecorder` sees every request a browser context makes and keeps anything bound for
another host from leaving the machine; `run_axe` runs axe-core with the WCAG 2.0 and 2.1 A/AA rules
and returns its violations as readable lines.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from campaignsite.pages.registry import PAGE_TYPES

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LANG_RE = re.compile(r"<html[^>]*\blang=\"([^\"]+)\"")
REFRESH_RE = re.compile(r"<meta[^>]+http-equiv=\"refresh\"", re.I)
NOT_FOUND = "not-found"  # the engine's 404.html, one per site; not a row of the registry
PLACEHOLDER = re.compile(r"\{[^}]+\}")


def sweep_types() -> list[str]:
    """Every page type the sweeps visit: each row of the registry, then the engine's 404 page."""
    return [page_type.name for page_type in PAGE_TYPES] + [NOT_FOUND]


@functools.cache
def url_patterns(site_kind: str) -> tuple[tuple[str, re.Pattern], ...]:
    """(type name, regex) of each registry row of `site_kind` ("campaign" or "portal"): literal
    patterns first, so "agenda/" is never taken for the portal's "{slug}/", then those with the
    fewest placeholders and the most literal text ("news/{slug}/" before "{slug}/")."""
    rows = [t for t in PAGE_TYPES if t.site == site_kind]
    rows.sort(key=lambda t: (len(PLACEHOLDER.findall(t.url)), -len(PLACEHOLDER.sub("", t.url))))
    return tuple((t.name, url_regex(t.url)) for t in rows)


def url_regex(pattern: str) -> re.Pattern:
    """A registry URL pattern as a regex: each {placeholder} stands for one path segment."""
    parts = re.split(f"({PLACEHOLDER.pattern})", pattern)
    return re.compile("".join("[^/]+" if PLACEHOLDER.fullmatch(part) else re.escape(part) for part in parts))


@dataclass(frozen=True)
class Site:
    """One site of the network: where it is on disk and under which path it is served."""

    folder: Path      # the folder holding its sitemap.xml
    path: str         # "/" for the portal's root, "/gent-2024/nl/" for a campaign site
    lang: str
    campaign: str | None  # the campaign's slug; None for the portal

    @property
    def kind(self) -> str:
        return "portal" if self.campaign is None else "campaign"


def get_sites(site_root: Path) -> list[Site]:
    """Every site under `site_root`: each has its own sitemap.xml."""
    sites = []
    for sitemap in sorted(site_root.rglob("sitemap.xml")):
        folder = sitemap.parent
        parts = folder.relative_to(site_root).parts
        home = (folder / "index.html").read_text(encoding="utf-8")
        match = LANG_RE.search(home)
        lang = match.group(1) if match else (parts[-1] if parts else "?")
        path = "/" + "".join(f"{p}/" for p in parts)
        # Campaign sites live at <campaign>/<lang>/; the portal at the root and at <lang>/.
        sites.append(Site(folder, path, lang, parts[0] if len(parts) == 2 else None))
    return sites


def site_pages(site: Site) -> list[str]:
    """Paths of a site's pages relative to its root ("", "laureates/", ...), from its sitemap."""
    locs = [el.text.strip() for el in ET.parse(site.folder / "sitemap.xml").iter(f"{SITEMAP_NS}loc")]
    # The sitemap names public addresses; the shortest is the site's root (its home page).
    root = min(locs, key=len)
    if not all(loc.startswith(root) for loc in locs):
        raise AssertionError(f"{site.folder}/sitemap.xml: {root} is not the root of every page listed")
    return [loc[len(root):] for loc in locs]


def unlisted_pages(site_root: Path) -> dict[Site, list[str]]:
    """Pages on disk that no sitemap lists (chrome-less embeds may be kept out of sitemaps), by the
    site they sit in; 404 pages and redirects (a meta refresh and nothing else) are left out."""
    sites = sorted(get_sites(site_root), key=lambda site: len(site.folder.parts), reverse=True)
    listed = {site.folder / rel / "index.html" for site in sites for rel in site_pages(site)}
    found: dict[Site, list[str]] = {}
    for html in sorted(site_root.rglob("index.html")):
        if html in listed or REFRESH_RE.search(html.read_text(encoding="utf-8")):
            continue
        site = next(site for site in sites if html.is_relative_to(site.folder))
        rel = html.parent.relative_to(site.folder).as_posix()
        found.setdefault(site, []).append("" if rel == "." else rel + "/")
    return found


def page_type(site: Site, rel: str) -> str | None:
    """The registry row whose URL pattern matches `rel` (relative to its site's root): "home",
    "laureate", "portal-agenda"...; None when no row of the site's kind matches."""
    return next((name for name, pattern in url_patterns(site.kind) if pattern.fullmatch(rel)), None)


@dataclass(frozen=True)
class PageSample:
    kind: str
    site: Site
    path: str  # URL path on the network's server, e.g. "/gent-2024/nl/laureates/x/"


def site_pages_by_type(site_root: Path) -> dict[Site, dict[str | None, list[str]]]:
    """{site: {page type (None: no row matches): its pages relative to the site's root}}, from the
    sitemaps and the pages they leave out (see unlisted_pages)."""
    unlisted = unlisted_pages(site_root)
    result = {}
    for site in get_sites(site_root):
        by_type: dict[str | None, list[str]] = {}
        for rel in site_pages(site) + unlisted.get(site, []):
            by_type.setdefault(page_type(site, rel), []).append(rel)
        result[site] = by_type
    return result


def get_samples(site_root: Path) -> list[PageSample]:
    """One sample per page type per site (campaign or portal x language), sorted by type.

    The sample is the type's largest page in that site: the one showing the most components.
    Every site's 404 page is sampled too (as "not-found"); pages of no registry type are not.
    """
    samples = []
    for site, by_type in site_pages_by_type(site_root).items():
        for kind, rels in by_type.items():
            if kind is None:
                continue
            best = max(sorted(rels), key=lambda rel: (site.folder / rel / "index.html").stat().st_size)
            samples.append(PageSample(kind, site, site.path + best))
        if (site.folder / "404.html").is_file():
            samples.append(PageSample(NOT_FOUND, site, site.path + "404.html"))
    return sorted(samples, key=lambda sample: sample.kind)


def sample_id(url: str) -> str:
    """A short id for a sample URL: "gent-2024/nl/laureates/x"."""
    return urlsplit(url).path.strip("/") or "(root)"


# --- Requests ------------------------------------------------------------------------------------

def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def keep_local(route) -> None:
    """A route handler: nothing leaves the machine, whatever a page asks for (test_privacy.py
    records what would have)."""
    if urlsplit(route.request.url).hostname == "127.0.0.1" or route.request.url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        route.abort("blockedbyclient")


@dataclass
class RequestRecorder:
    """Records every request a browser context makes; aborts those leaving `origin`.

    Requests to other hosts are recorded, then aborted by a route, so nothing leaves the machine
    while a test can still assert on what would have been asked for (and when: `clear()` between
    steps, e.g. before and after clicking a video facade).
    """

    origin: str
    requests: list[tuple[str, str]] = field(default_factory=list)  # (resource type, URL)
    aborted: list[str] = field(default_factory=list)

    def attach(self, context) -> "RequestRecorder":
        context.on("request", lambda request: self.requests.append((request.resource_type, request.url)))
        context.route("**/*", self._route)
        return self

    def _route(self, route) -> None:
        if self.is_local(route.request.url):
            route.continue_()
        else:
            self.aborted.append(route.request.url)
            route.abort("blockedbyclient")

    def is_local(self, url: str) -> bool:
        scheme = urlsplit(url).scheme
        return scheme in ("data", "blob", "about") or origin_of(url) == self.origin

    def foreign(self) -> list[str]:
        """Every request (of any kind: fonts, scripts, images, frames...) to another origin."""
        return sorted({f"{kind}: {url}" for kind, url in self.requests if not self.is_local(url)})

    def hosts(self) -> set[str]:
        return {urlsplit(url).hostname or "" for _, url in self.requests if not self.is_local(url)}

    def wait_for_host(self, page, host: str, timeout_ms: int = 20_000) -> None:
        """Wait until a request to `host` has been seen and stopped: at once if it already was, else
        until the browser reports it failed (Playwright's own waits for "networkidle" return at once
        when the page was idle before). The time-out is a hang guard, as long as the suite's other
        waits (conftest's browser_context): a busy machine may take seconds to send the request."""
        if any(urlsplit(url).hostname == host for url in self.aborted):
            return
        try:
            page.context.wait_for_event("requestfailed", lambda request: urlsplit(request.url).hostname == host,
                                        timeout=timeout_ms)
        except PlaywrightTimeoutError:
            raise AssertionError(f"no request to {host} within {timeout_ms} ms; saw {self.foreign()}") from None

    def clear(self) -> None:
        self.requests.clear()
        self.aborted.clear()


# --- Accessibility -------------------------------------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
_AXE = Axe()


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    summary: str  # axe's explanation for the first element, e.g. the contrast ratio found

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:5]) + (f" (+{len(self.targets) - 5} more)" if len(self.targets) > 5 else "")
        return f"[{self.impact}] {self.rule}: {self.help} -- {shown}\n      {self.summary}"


# Jump every CSS transition and animation to its end: axe skips or misjudges what is still fading
# in (the search results do for .4s), and a test should judge the state a visitor ends up seeing.
SETTLE = "() => document.getAnimations().forEach(a => { try { a.finish(); } catch (error) {} })"


def run_axe(page) -> list[Violation]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page, once its transitions have ended."""
    page.evaluate(SETTLE)
    results = _AXE.run(page, options=AXE_OPTIONS).response
    violations = []
    for v in results["violations"]:
        targets = tuple(" ".join(map(str, node["target"])) for node in v["nodes"])
        first = v["nodes"][0] if v["nodes"] else {}
        summary = first.get("failureSummary", "").replace("\n", " ")
        violations.append(Violation(v["id"], v.get("impact") or "?", v["help"], targets, summary))
    return violations


def format_violations(url: str, violations: list[Violation]) -> str:
    return f"{len(violations)} axe violation(s) on {url}:\n" + "\n".join(f"  {v}" for v in violations)

