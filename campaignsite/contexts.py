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
    lang: str
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
    """A phase on the timeline; `state` is past, ongoing (overlapping the current one), current or
    future relative to the build's today."""

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
    """A campaign on the portal home, in `lang` (the visitor's language when the campaign has it)."""

    lang: str
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
    filters: tuple[tuple[str, str, tuple[FilterOption, ...]], ...]  # (name, label, options)
    sdg_links: tuple[SdgBadge, ...]
    pages: tuple[Link, ...]
    agenda: Link
    search: Link


@dataclass(frozen=True)
class SearchContext:
    site: Site
    title: str
    intro: str
    bundle: str
    noscript: str


@dataclass(frozen=True)
class ContentContext:
    site: Site
    title: str
    body_html: str


# --- Project page, help, SDG pages (issue: the complete campaign site) -------------------------------

@dataclass(frozen=True)
class UpdateView:
    date: str
    iso_date: str
    status_label: str
    text: str


@dataclass(frozen=True)
class Money:
    """A crowdfunding: goal, raised, percentage for the progress bar, where to give."""

    goal: str
    raised: str
    percent: int
    label: str
    link: Link | None


@dataclass(frozen=True)
class Needs:
    """What a project asks of visitors, per kind; empty tuples when it asks nothing of that kind."""

    money: Money | None
    materials: tuple[str, ...]
    skills: tuple[str, ...]
    volunteers: tuple[str, ...]

    @property
    def any(self) -> bool:
        return bool(self.money or self.materials or self.skills or self.volunteers)


@dataclass(frozen=True)
class Video:
    """A click-to-load video: nothing is requested from `host` until the visitor clicks."""

    embed_url: str
    watch_url: str
    host: str
    button: str
    notice: str


@dataclass(frozen=True)
class LaureateContext:
    site: Site
    title: str
    summary: str
    holder: str
    image: Image | None
    gallery: tuple[Image, ...]
    description_html: str
    badges: tuple[SdgBadge, ...]
    facts: tuple[Fact, ...]
    payment: str | None
    updates: tuple[UpdateView, ...]
    needs: Needs
    video: Video | None
    map_link: Link | None
    website: str | None
    share: tuple[Link, ...]
    showcase: Link
    help_page: Link


@dataclass(frozen=True)
class SdgContext:
    site: Site
    badge: SdgBadge
    intro: str
    cards: tuple[Card, ...]
    actions: tuple[Link, ...]
    others: tuple[SdgBadge, ...]
    showcase: Link


@dataclass(frozen=True)
class HelpItem:
    """One open need of a project, linking to it."""

    project: Link
    detail: str
    money: Money | None = None


@dataclass(frozen=True)
class HelpGroup:
    id: str
    title: str
    intro: str
    items: tuple[HelpItem, ...]


@dataclass(frozen=True)
class HelpContext:
    site: Site
    title: str
    intro: str
    groups: tuple[HelpGroup, ...]
    empty: str


# --- Agenda, news, press, open data ---------------------------------------------------------------

@dataclass(frozen=True)
class EventSummary:
    lang: str
    href: str
    title: str
    when: str
    iso_start: str
    place: str
    status: str
    status_label: str | None


@dataclass(frozen=True)
class AgendaContext:
    site: Site
    title: str
    upcoming: tuple[EventSummary, ...]
    past: tuple[EventSummary, ...]
    feed: Link
    feed_help: str


@dataclass(frozen=True)
class EventContext:
    site: Site
    title: str
    description: str
    kind_label: str
    when: str
    iso_start: str
    status_label: str | None
    venue: str | None
    address: str | None
    map_link: Link | None
    online: Link | None
    registration: Link | None
    ics: Link
    project: Link | None
    agenda: Link


@dataclass(frozen=True)
class NewsSummary:
    href: str
    title: str
    date: str
    iso_date: str
    summary: str


@dataclass(frozen=True)
class NewsIndexContext:
    site: Site
    title: str
    posts: tuple[NewsSummary, ...]
    feed: Link


@dataclass(frozen=True)
class NewsPostContext:
    site: Site
    title: str
    date: str
    iso_date: str
    body_html: str
    news: Link


@dataclass(frozen=True)
class Download:
    """A file to download: what it is, its link, its format and, for images, the credit."""

    title: str
    href: str
    format: str
    credit: str | None = None


@dataclass(frozen=True)
class PressContext:
    site: Site
    title: str
    intro: str
    releases: tuple[NewsSummary, ...]
    figures: tuple[Figure, ...]
    listing: Link
    data: tuple[Download, ...]
    media_kit: tuple[Download, ...]
    contact: Fact
    contact_lines: tuple[str, ...]


@dataclass(frozen=True)
class ListingRow:
    href: str
    title: str
    holder: str
    category: str
    amount: str
    sdgs: str
    selected_by: str
    status: str


@dataclass(frozen=True)
class ListingContext:
    site: Site
    title: str
    intro: str
    headings: tuple[str, ...]
    rows: tuple[ListingRow, ...]
    total: str
    downloads: tuple[Download, ...]


# --- Climate plan ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActionView:
    slug: str
    title: str
    description: str
    theme_label: str
    responsible: str
    status: str
    status_label: str
    progress: int
    progress_label: str
    badges: tuple[SdgBadge, ...]


@dataclass(frozen=True)
class ActionsContext:
    site: Site
    title: str
    intro: str
    actions: tuple[ActionView, ...]
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class KitContext:
    site: Site
    title: str
    intro: str
    items: tuple[Download, ...]


# --- Statements ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StatementContext:
    """The accessibility or privacy statement: paragraphs of text and a contact."""

    site: Site
    title: str
    paragraphs: tuple[str, ...]
    contact: Link
    updated: str
