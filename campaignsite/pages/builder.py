"""Relative links, and the builder objects every page builder function receives.

A page builder is a function `(builder) -> Page` (or a list of pages) declared in
campaignsite/pages/registry.py. It receives a `CampaignBuilder` (one campaign in one language) or a
`PortalBuilder` (the portal in one language) holding what every page of that site shares: the
language, the day, the translator, the formatter and the small pieces (cards, badges, images)
that several page types show. Which pages exist, their order and every cross-link are decided by
the page families (campaign, agenda, press, portal, embed); templates only format.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import posixpath
from dataclasses import dataclass

from campaignsite.core.i18n import Formatter, Translator
from campaignsite.core.languages import OG_LOCALES
from campaignsite.core.sitespec import Deferred, Page
from campaignsite.model.records import Campaign, Laureate, Network, Programme
from campaignsite.model.sdgs import get_sdgs, text_colour
from campaignsite.pages import urls, views

MEDIA_PREFIX = "../media/"  # campaign media are shared by its language sites, one level up
FEATURED = 6
STATUS_IDS = ("selected", "in-progress", "completed", "stopped")


def href(from_url: str, to: str) -> str:
    """Relative link from the page at `from_url` to a site-relative `to` (keeps a #fragment)."""
    target, _, fragment = to.partition("#")
    rel = relative(target, from_url) if target else ""
    if target.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + (f"#{fragment}" if fragment else "")


def relative(target: str, start: str) -> str:
    """posixpath.relpath(target, start) of two site-relative paths, by their segments: relpath makes both
    absolute against the working folder first, which was a tenth of an edit's build at 300 campaigns
    (tens of links on each of a portal's thousands of pages). A target going up (the portal's links
    to the campaigns, "../gent-2024/nl/") counts its ".." as segments once normalised; a start going
    up or a path from the root takes relpath's way."""
    if ".." in start or target.startswith("/") or start.startswith("/"):
        return posixpath.relpath(target or ".", start or ".")
    if ".." in target:
        target = posixpath.normpath(target)
    to = [part for part in target.split("/") if part and part != "."]
    since = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, since):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(since) - common) + to[common:]
    return "/".join(parts) if parts else "."


class SiteBuilder:
    """What the builders of every site in one language share."""

    def __init__(self, lang: str, today: dt.date):
        self.lang, self.today = lang, today
        self._ = Translator(lang)
        self.fmt = Formatter(lang)
        self.site = views.Site(self._, self.fmt)
        self._memo: dict = {}

    def memo(self, key, make):
        """What `make()` gives, made once for this site: what several of its pages show alike (a goal's
        projects on each of its pages), which a network of hundreds of campaigns would make again and
        again."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def page(self, url: str, title: str, description: str, make_context, meta: dict | None = None,
             key: str = "") -> Page:
        """A page at `url`, its context made for that address (so its links are relative to it); with a
        `key` (Page.key), made only if the page is rendered."""
        if key:
            return Page(url, title, description, Deferred(functools.partial(make_context, url)), meta or {}, key=key)
        return Page(url, title, description, make_context(url), meta or {})

    def badges(self, url: str, numbers) -> tuple[views.SdgBadge, ...]:
        return tuple(self.memo(("badge", url, number), lambda number=number: self._badge(url, number))
                     for number in numbers)

    def _badge(self, url: str, number: int) -> views.SdgBadge:
        """Goal `number`'s badge on the page at `url` (made once per page: its cards repeat the goals)."""
        sdg = get_sdgs()[number]
        return views.SdgBadge(number, sdg.title[self.lang], sdg.colour, text_colour(sdg.colour),
                              href(url, urls.sdg(number)))


class PortalBuilder(SiteBuilder):
    """The portal in one language; `root` leads from its root to the output's root, and `shown`
    maps each campaign's slug to its builder in the language the portal shows it in."""

    def __init__(self, network: Network, lang: str, today: dt.date, root: str,
                 shown: dict[str, "CampaignBuilder"], keys: dict[str, str] | None = None):
        super().__init__(lang, today)
        self.network, self.root, self.shown = network, root, shown
        self.keys = keys or {}  # each campaign's fingerprint, "" what all sites are made from (sites.site_jobs)

    def key(self, *shown) -> str:
        """A page's key (Page.key) from what it shows: `shown`'s text, where each campaign stands for
        its data by its fingerprint; "" (a page always made) without fingerprints."""
        if "" not in self.keys:
            return ""
        digest = hashlib.blake2b(repr((self.lang, self.today, self.keys[""], shown)).encode("utf-8", "surrogatepass"),
                                 digest_size=16)
        return digest.hexdigest()

    def campaign_key(self, campaign: Campaign) -> str | None:
        """What stands for the campaign's data in a page key: its fingerprint (None if unknown)."""
        return self.keys.get(campaign.slug)


@dataclass(frozen=True)
class NetworkLinks:
    """What a campaign's site links of the rest of the network: the portal in the site's language and
    the campaign's programme with its editions before and after it. Paths lead from the output's root."""

    portal: str = ""  # "" (the portal's first language) or "fr/"
    programme: Programme | None = None
    previous: tuple[int, str] | None = None  # (its year, its site: "haute-meuse-2025/fr/")
    next: tuple[int, str] | None = None

    def to_portal(self, path: str) -> str:
        """A portal page's address from a campaign site's root (<slug>/<lang>/, two levels down)."""
        return f"../../{self.portal}{path}"

    def to_site(self, path: str) -> str:
        return f"../../{path}"


class CampaignBuilder(SiteBuilder):
    """One campaign site in one language."""

    def __init__(self, campaign: Campaign, lang: str, today: dt.date, links: NetworkLinks = NetworkLinks()):
        super().__init__(lang, today)
        self.campaign, self.links = campaign, links

    def speaking(self, lang: str) -> "CampaignBuilder":
        """This site's builder with the interface words, dates and money of `lang`: for a portal page in
        `lang` showing this campaign's texts in another language (issue 22: "status words and money in
        the wrong language on Dutch portal pages")."""
        other = copy.copy(self)
        other._, other.fmt = Translator(lang), Formatter(lang)
        other.site = views.Site(other._, other.fmt)
        return other

    def text(self, text) -> str:
        """The page language's version of a per-language text, with the language's no-break spaces
        (Formatter.typography: "10 000 €", French "Jury : ..." with U+202F). Made once per site and
        text: a project's title and summary are on a score of its site's pages."""
        source = text[self.lang]
        key = ("typography", self.fmt.lang, source)
        if key not in self._memo:
            self._memo[key] = self.fmt.typography(source)
        return self._memo[key]

    def by_title(self, items) -> list:
        """Projects in the order of their titles in a dictionary of this language ('École' before
        'Vélos', whatever the case and accents: Formatter.sort_key), never by code point."""
        return sorted(items, key=lambda item: self.fmt.sort_key(self.text(item.title)))

    def image(self, url: str, src: str | None, alt: str, credit: str | None = None) -> views.Image | None:
        """The image with its credit labelled in this site's language ("Beeld: ...", "Image : ...")."""
        if not src:
            return None
        credit = self._("Image: %(credit)s", credit=credit) if credit else None
        width, height = self.campaign.image_sizes.get(src, (None, None))
        return views.Image(href(url, MEDIA_PREFIX + src[len("media/"):]), alt, credit, width, height)

    def municipality_name(self, nis_code: str) -> str:
        """One of the campaign's municipalities, named in this site's language."""
        return self.campaign.municipality(nis_code).name[self.lang]

    def card(self, url: str, laureate: Laureate, rank: int | None = None) -> views.Card:
        """A laureate's card; `rank`, its place in the final ranking, where the card shows it."""
        title = self.text(laureate.title)
        budget = self.campaign.budget
        category = next((cat for cat in budget.categories if cat.id == laureate.category), None) if budget else None
        shared = len(self.campaign.municipalities) > 1
        return views.Card(
            municipality=laureate.municipality,
            municipality_label=self.municipality_name(laureate.municipality) if shared else "",
            slug=laureate.slug, lang=self.lang, href=href(url, urls.laureate(laureate.slug)), title=title,
            summary=self.text(laureate.summary),
            image=self.image(url, laureate.image, self._("Photo of the project %(title)s", title=title),
                             laureate.image_credit),
            badges=self.badges(url, laureate.sdgs), amount=self.fmt.money(laureate.amount),
            status=laureate.status, status_label=self._(f"status:{laureate.status}"),
            category=laureate.category or "", category_label=self.text(category.name) if category else "",
            prizes=tuple(views.PrizeBadge(prize_id, self.text(self.campaign.prize(prize_id).name))
                         for prize_id in laureate.prizes),
            rank=self._("Rank %(rank)s", rank=self.fmt.number(rank)) if rank is not None else None)

    def absolute(self, url: str) -> str:
        """Public address of a page of this site."""
        return f"{self.campaign.base_url}{self.lang}/{url}"

    def media_url(self, src: str) -> str:
        """Public address of a campaign media file (shared by its language sites)."""
        return self.campaign.base_url + src

    def social_meta(self, url: str, image: str | None, og_type: str, json_ld: dict | None = None,
                    share: dict | None = None) -> dict:
        """Open Graph values (with the page's share image, pages/share.py, or else the item's own image)
        and JSON-LD for the page's head."""
        og = {"type": og_type, "url": self.absolute(url), "locale": OG_LOCALES[self.lang],
              "locale_alternate": [OG_LOCALES[lang] for lang in self.campaign.languages if lang != self.lang],
              "site_name": self.text(self.campaign.title)}
        picture = image or self.campaign.logo
        if share:
            og["image"], og["image_meta"] = share["url"], share
        elif picture:
            og["image"] = self.media_url(picture)
        meta = {"og": og}
        if json_ld:
            meta["json_ld"] = json_ld
        return meta
