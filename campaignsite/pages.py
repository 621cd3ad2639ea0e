"""Stage 4, pages: what a page is, relative links, and the helpers every page builder shares.

A `Page` knows its source path, its URL, its template and its typed context. Which pages exist,
their order and every cross-link are decided by the page builders (campaign_pages, agenda_pages,
press_pages, portal); templates only format.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field

from . import contexts as cx
from .i18n import OG_LOCALES, Formatter, Translator
from .model import Campaign, Laureate, get_sdgs

MEDIA_PREFIX = "../media/"  # campaign media are shared by its language sites, one level up
FEATURED = 6
STATUS_IDS = ("selected", "in-progress", "completed", "stopped")


@dataclass(frozen=True)
class Page:
    """One page of a site: where it goes, which template renders it, with what."""

    path: str            # source path in the docs folder, e.g. "laureates/repair-cafe.md"
    url: str             # address relative to the site root, e.g. "laureates/repair-cafe/"
    template: str        # template under campaignsite/templates/
    title: str
    description: str
    context: object
    in_nav: bool = False
    meta: dict = field(default_factory=dict)


def url_for(path: str) -> str:
    """Directory-style URL of a Markdown source path, as MkDocs makes it."""
    stem = path[:-3]
    if stem == "index":
        return ""
    return (stem[:-len("index")] if stem.endswith("/index") else stem + "/")


def href(from_url: str, to: str) -> str:
    """Relative link from the page at `from_url` to a site-relative `to` (keeps a #fragment)."""
    target, _, fragment = to.partition("#")
    rel = posixpath.relpath(target or ".", from_url or ".") if target else ""
    if target.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + (f"#{fragment}" if fragment else "")


class PageBuilder:
    """Shared pieces of the builders of one campaign site in one language."""

    def __init__(self, campaign: Campaign, lang: str, today: dt.date):
        self.c, self.lang, self.today = campaign, lang, today
        self._ = Translator(lang)
        self.fmt = Formatter(lang)

    # -- shared pieces ---------------------------------------------------------------------------

    def t(self, text) -> str:
        """The page language's version of a per-language text."""
        return text[self.lang]

    def site(self, url: str) -> cx.Site:
        return cx.Site(self.lang, self._, self.fmt, self.t(self.c.title), href(url, ""))

    def image(self, url: str, src: str | None, alt: str, credit: str | None = None) -> cx.Image | None:
        return cx.Image(href(url, MEDIA_PREFIX + src[len("media/"):]), alt, credit) if src else None

    def badges(self, url: str, numbers) -> tuple[cx.SdgBadge, ...]:
        sdgs = get_sdgs()
        return tuple(cx.SdgBadge(n, sdgs[n].title[self.lang], sdgs[n].colour, sdgs[n].text_colour,
                                 href(url, f"sdg/{n}/")) for n in numbers)

    def card(self, url: str, laureate: Laureate) -> cx.Card:
        title = self.t(laureate.title)
        category = next((c for c in self.c.budget.categories if c.id == laureate.category), None) \
            if self.c.budget else None
        return cx.Card(
            slug=laureate.slug, lang=self.lang, href=href(url, f"laureates/{laureate.slug}/"), title=title,
            summary=self.t(laureate.summary), holder=laureate.holder,
            image=self.image(url, laureate.image, self._("Photo of the project %(title)s", title=title),
                             laureate.image_credit),
            badges=self.badges(url, laureate.sdgs), amount=self.fmt.money(laureate.amount),
            status=laureate.status, status_label=self._(f"status:{laureate.status}"),
            category=laureate.category or "", category_label=self.t(category.name) if category else "")

    def page(self, path: str, template: str, title: str, description: str, make_context, **kwargs) -> Page:
        url = url_for(path)
        return Page(path, url, template, title, description, make_context(url), **kwargs)

    def absolute(self, url: str) -> str:
        """Public address of a page of this site."""
        return f"{self.c.base_url}{self.lang}/{url}"

    def media_url(self, src: str) -> str:
        """Public address of a campaign media file (shared by its language sites)."""
        return self.c.base_url + src

    def social_meta(self, path: str, image: str | None, og_type: str, json_ld: dict | None = None) -> dict:
        """Open Graph values (with the item's own image) and JSON-LD for the page's head."""
        og = {"type": og_type, "url": self.absolute(url_for(path)), "locale": OG_LOCALES[self.lang],
              "locale_alternate": [OG_LOCALES[lang] for lang in self.c.languages if lang != self.lang],
              "site_name": self.t(self.c.title)}
        picture = image or self.c.logo
        if picture:
            og["image"] = self.media_url(picture)
        meta = {"og": og}
        if json_ld:
            meta["json_ld"] = json_ld
        return meta
