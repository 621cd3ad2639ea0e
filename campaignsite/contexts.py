"""Typed template contexts: what each page template may use, field by field.

Templates only format these values; sorting, filtering, cross-links and relative URLs are computed
in `pages.py`. Every `href`/`src` here is already relative to the page that shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import Formatter, Translator


@dataclass(frozen=True)
class Link:
    """A link: its text and relative address."""

    text: str
    href: str


@dataclass(frozen=True)
class SdgBadge:
    """An SDG badge: number, title in the page's language, official colour, contrasting text colour."""

    number: int
    title: str
    colour: str
    text_colour: str
    href: str


@dataclass(frozen=True)
class Figure:
    """A key figure: a formatted value and what it counts."""

    value: str
    label: str


@dataclass(frozen=True)
class Image:
    """An image file of the campaign, with its text alternative and credit."""

    src: str
    alt: str
    credit: str | None


@dataclass(frozen=True)
class Card:
    """A laureate on the showcase, the home page or an SDG page."""

    slug: str
    href: str
    title: str
    summary: str
    holder: str
    image: Image | None
    badges: tuple[SdgBadge, ...]
    amount: str
    status: str
    status_label: str
    category: str
    category_label: str


@dataclass(frozen=True)
class PartnerView:
    name: str
    role_label: str
    logo: Image | None
    url: str | None


@dataclass(frozen=True)
class PhaseView:
    """A phase on the timeline; `state` is past, current or future relative to the build's today."""

    label: str
    dates: str
    state: str
    iso_start: str


@dataclass(frozen=True)
class Site:
    """What every page of a site shares."""

    lang: str
    _: Translator
    fmt: Formatter
    campaign_title: str
    home: str


@dataclass(frozen=True)
class HomeContext:
    site: Site
    title: str
    tagline: str
    introduction_html: str
    figures: tuple[Figure, ...]
    timeline: tuple[PhaseView, ...]
    call_notice: str | None
    campaign_sdgs: tuple[SdgBadge, ...]
    featured: tuple[Card, ...]
    showcase: Link
    partners: tuple[PartnerView, ...]
    logo: Image | None


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class ShowcaseContext:
    site: Site
    title: str
    intro: str
    cards: tuple[Card, ...]
    sdg_links: tuple[SdgBadge, ...]
    statuses: tuple[FilterOption, ...]
    categories: tuple[FilterOption, ...]


@dataclass(frozen=True)
class Fact:
    """A labelled line on a project page."""

    label: str
    value: str


@dataclass(frozen=True)
class LaureateContext:
    site: Site
    title: str
    summary: str
    holder: str
    image: Image | None
    description_html: str
    badges: tuple[SdgBadge, ...]
    facts: tuple[Fact, ...]
    website: str | None
    showcase: Link


@dataclass(frozen=True)
class JurorView:
    name: str
    kind_label: str
    affiliation: str | None


@dataclass(frozen=True)
class JuryContext:
    site: Site
    title: str
    intro: str
    groups: tuple[tuple[str, tuple[JurorView, ...]], ...]


@dataclass(frozen=True)
class CallContext:
    site: Site
    title: str
    status: str
    deadline: str | None
    criteria: tuple[str, ...]
    how_to_apply_html: str
    apply: Link | None
    budget_total: str | None
    sources: tuple[Fact, ...]
    caps: tuple[Fact, ...]
    payment_terms: str | None
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class CampaignCard:
    """A campaign on the portal home."""

    href: str
    title: str
    tagline: str
    municipalities: str
    region: str
    region_label: str
    languages: str
    language_codes: str
    year: int
    kind: str
    kind_label: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class PortalHomeContext:
    site: Site
    title: str
    tagline: str
    totals: tuple[Figure, ...]
    campaigns: tuple[CampaignCard, ...]
    pages: tuple[Link, ...]


@dataclass(frozen=True)
class ContentContext:
    site: Site
    title: str
    body_html: str
