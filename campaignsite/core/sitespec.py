"""What a site is, whatever engine turns it into HTML: its pages, languages, colours and files.

The pipeline describes every site with these types and hands them to `campaignsite.engine.build`;
no engine type or URL rule leaks out of the engine, and no engine needs anything not said here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """One page: its address, its title, the typed context its template renders, and then the HTML.

    `context` is one of campaignsite.contexts' page contexts; its class names its template. A page
    with a `key` may instead carry a Deferred context, made only if the page is rendered at all.
    `body` is empty until the render stage fills it with our HTML fragment.
    """

    url: str             # relative to the site's root, directory style: "" (home), "laureates/x/"
    title: str
    description: str
    context: object
    meta: dict = field(default_factory=dict)  # Open Graph ("og"), JSON-LD ("json_ld"), oEmbed ("oembed") for the head
    layout: str = "page"  # "page": with the site's header, menu and footer; "embed": a widget without them
    body: str = ""
    lang: str = ""  # the language of the title and body when it is not the site's (a post not translated)
    search: SearchLabel | None = None  # how search results show it; None: not indexed
    # What the page shows, as a digest of its inputs, where its family can say so without making it
    # (a portal goal page: its cards' campaigns' fingerprints, its figures): with the same key and the
    # same site around it, the previous build's page stands (render/templates.py). "": always made.
    key: str = ""


@dataclass(frozen=True)
class Deferred:
    """A page's context, made when the page is rendered: a page its previous build's output still
    holds (same key) never makes it (at 300 campaigns, most of the portal's thousands of goal pages)."""

    make: Callable[[], object]

    def __call__(self) -> object:
        return self.make()


@dataclass(frozen=True)
class SearchLabel:
    """What a search result says of its page (issue 22, item 4: results labelled with campaign and page
    type), and how much its words count."""

    kind: str            # its page type, in its language ("Project", "Event")
    campaign: str = ""   # the campaign's name in its language; "" for a page of the portal
    weight: float = 1.0  # below 1 for pages that list others (goals, lists): the pages they list come first


@dataclass(frozen=True)
class Alternate:
    """The same site in another language: `prefix` leads from this site's root to that one's."""

    lang: str
    name: str
    prefix: str


@dataclass(frozen=True)
class NotFound:
    """The page for an address the site does not have, in the site's language: served for every
    missing address under the site, so its links lead from the site's root, whatever the depth."""

    title: str
    text: str
    links: tuple[tuple[str, str], ...]  # (text, URL from the site's root): home and the menu


@dataclass(frozen=True)
class SearchBox:
    """The search box every page shows in its header: a plain form (it works without JavaScript) that
    sends `?q=<term>` to its site's search page: a campaign site's searches that campaign, the portal's
    every campaign. Nothing of the search itself is loaded before that page."""

    url: str     # the search page, relative to this site's root ("search/")
    label: str   # the field's accessible name ("Search this campaign", "Search all campaigns")
    button: str  # the submit button's name ("Search")


@dataclass(frozen=True)
class FooterGroup:
    """A column of the footer: a heading and its lines, each a text with a link (site-relative, absolute
    or mailto:) or None for plain text."""

    heading: str
    items: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class SiteSpec:
    """One site to build: a campaign (or the portal) in one language."""

    id: str                      # "gent-2024/nl", "_portal/fr": unique, stable
    out: str                     # output folder relative to the output's root ("" for the portal's root)
    lang: str
    title: str
    description: str
    url: str                     # public address of this site's root, ending in "/"
    colour: str
    text_colour: str
    alternates: tuple[Alternate, ...]
    pages: tuple[Page, ...]
    nav: tuple[str, ...] = ()                      # URLs of the pages in the menu, in menu order
    logo: str | None = None                        # site path of the logo, whose bytes are in `downloads`
    downloads: tuple[tuple[str, bytes], ...] = ()  # (site path, content): calendars, feeds
    footer: tuple[tuple[str, str], ...] = ()       # (text, site-relative URL) of the footer links
    not_found: NotFound | None = None              # the 404 page; the engine's own when None
    favicon: bytes = b""                           # SVG icon in the site's colours
    search: SearchBox | None = None                # the header's search box; none when None
    short_title: str = ""                          # the name the header shows at every width; the title when ""
    footer_groups: tuple[FooterGroup, ...] = ()    # the footer's columns: contact, organisers, the network...
    # Set by the render stage: the URLs of the pages whose file the previous build left in `previous`
    # (this site's folder in the previous output) and that are taken from there as they are, and the
    # keys of the keyed pages (Page.key with the site around them) for the next build to compare.
    kept: frozenset[str] = frozenset()
    previous: str = ""
    page_keys: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BuiltSite:
    """What the engine reports of a site it built: its number of pages and its page keys (SiteSpec)."""

    pages: int
    page_keys: tuple[tuple[str, str], ...] = ()
    kept: int = 0  # how many of its pages were taken from the previous build


@dataclass(frozen=True)
class SiteJob:
    """A site to be made where it is built (in the engine's worker processes, so the parent never
    holds every rendered page of the network): `make()` returns its SiteSpec with every page's body."""

    id: str                      # the SiteSpec's id
    make: Callable[[], SiteSpec]
