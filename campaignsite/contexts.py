"""Typed template contexts: what each page template may use, field by field.

Templates only format these values; sorting, filtering, cross-links and relative URLs are computed
in `pages.py`. Every `href`/`src` here is already relative to the page that shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

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
    width: int | None = None  # pixels, so the page keeps the picture's space before it arrives
    height: int | None = None


@dataclass(frozen=True)
class Origin:
    """Where a card on the portal comes from, said in the page's language `lang`: the campaign's name
    (in the card's language), its towns, and "(in French)" when the card is in another language."""

    lang: str
    campaign: str
    towns: str
    language_note: str = ""


@dataclass(frozen=True)
class Card:
    """A laureate on the showcase, the home page or an SDG page."""

    slug: str
    lang: str
    href: str
    title: str
    summary: str
    image: Image | None
    badges: tuple[SdgBadge, ...]
    amount: str
    status: str
    status_label: str
    category: str
    category_label: str
    prizes: tuple["PrizeBadge", ...] = ()
    origin: Origin | None = None  # on the portal: its campaign and town


@dataclass(frozen=True)
class PrizeBadge:
    """A prize on a laureate's card and page: its id (for the showcase filter) and its name."""

    id: str
    name: str


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
class CallToAction:
    """The home page's main call to action, after the campaign's moment on the build day (phases.py):
    submit a project, vote, help a project, come to the closing event, see the results."""

    moment: str                          # phases.MOMENTS: "call", "public-vote", "mobilisation", ...
    heading: str
    text: str | None                     # the countdown, a deadline or a date
    action: Link                         # the main button
    more: tuple[Link, ...] = ()          # secondary links


@dataclass(frozen=True)
class Site:
    """What every page of a site shares: the translator (the templates' `_`) and the formatter."""

    _: Translator
    fmt: Formatter


@dataclass(frozen=True)
class HomeContext:
    template: ClassVar[str] = "home.html"
    site: Site
    tagline: str
    introduction_html: str
    figures: tuple[Figure, ...]
    timeline: tuple[PhaseView, ...]
    action: "CallToAction"
    campaign_sdgs: tuple[SdgBadge, ...]
    featured: tuple[Card, ...]
    showcase: Link
    partners: tuple[PartnerView, ...]


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class ShowcaseContext:
    template: ClassVar[str] = "showcase.html"
    site: Site
    intro: str
    cards: tuple[Card, ...]
    sdg_links: tuple[SdgBadge, ...]
    statuses: tuple[FilterOption, ...]
    categories: tuple[FilterOption, ...]
    goals: Link  # the goals page
    prizes: tuple[FilterOption, ...] = ()


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
    role: str | None = None


@dataclass(frozen=True)
class StageView:
    """A jury or vote on the jury page: when, how much it weighed, who sat on it, whom it chose."""

    id: str
    name: str
    kind_label: str
    when: str | None
    weight: str | None
    description: str | None
    groups: tuple[tuple[str, tuple[JurorView, ...]], ...]  # (heading or "", members)
    chosen: tuple[Link, ...]


@dataclass(frozen=True)
class PrizeView:
    id: str
    name: str
    stage: str | None
    amount: str | None
    winners: tuple[Link, ...]


@dataclass(frozen=True)
class JuryContext:
    template: ClassVar[str] = "jury.html"
    site: Site
    intro: str
    stages: tuple[StageView, ...]
    prizes: tuple[PrizeView, ...]


@dataclass(frozen=True)
class CallContext:
    template: ClassVar[str] = "call.html"
    site: Site
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
    results: Link | None = None          # once the call has closed: the laureates, instead of the form


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
    page_lang: str = ""               # the portal page's language, for the meta line and the note
    language_note: str = ""           # "(in French)" when the card is not in the page's language
    image: Image | None = None        # its logo, else a laureate's photo
    colour: str = ""                  # its colour, shown when it has no image


@dataclass(frozen=True)
class PortalHomeContext:
    template: ClassVar[str] = "portal_home.html"
    site: Site
    tagline: str
    totals: tuple[Figure, ...]
    campaigns: tuple[CampaignCard, ...]
    filters: tuple[tuple[str, str, tuple[FilterOption, ...]], ...]  # (name, label, options)
    sdg_links: tuple[SdgBadge, ...]
    pages: tuple[Link, ...]
    agenda: Link
    search: Link
    goals: Link | None = None  # the page of every goal across the network


@dataclass(frozen=True)
class SearchContext:
    template: ClassVar[str] = "search.html"
    site: Site
    intro: str
    bundle: str                   # the portal's Pagefind bundle
    merged: tuple[str, ...]       # the campaigns' bundles merged with it (search.parts)
    noscript: str
    translations: dict[str, str]  # Pagefind UI's texts we give ourselves (its key -> our translation)


@dataclass(frozen=True)
class ContentContext:
    template: ClassVar[str] = "content.html"
    site: Site
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
    """A crowdfunding: percentage for the progress bar, what it says, where to give."""

    percent: int
    label: str
    link: Link | None


@dataclass(frozen=True)
class NeedItem:
    """One thing a project asks for, and where to offer it (campaign_pages.offer)."""

    text: str
    action: Link


@dataclass(frozen=True)
class NeedList:
    """What a project asks of one kind (materials, skills or volunteers), under the kind's title."""

    kind: str
    title: str
    items: tuple[NeedItem, ...]


@dataclass(frozen=True)
class Needs:
    """What a project asks of visitors: a crowdfunding, and a list per other kind it asks something of."""

    money_title: str
    money: Money | None
    lists: tuple[NeedList, ...]

    @property
    def any(self) -> bool:
        return bool(self.money or self.lists)


@dataclass(frozen=True)
class Video:
    """A click-to-load video: nothing is requested from `host` until the visitor clicks."""

    embed_url: str
    watch_url: str
    host: str
    button: str
    notice: str
    title: str = ""              # what the video is about: the project's title
    poster: Image | None = None  # the project's picture; without one the facade wears the campaign's colours


@dataclass(frozen=True)
class LaureateContext:
    template: ClassVar[str] = "laureate.html"
    site: Site
    summary: str
    image: Image | None
    gallery: tuple[Image, ...]
    description_html: str
    badges: tuple[SdgBadge, ...]
    facts: tuple[Fact, ...]
    payment: str | None
    payments: tuple[Fact, ...]
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
    template: ClassVar[str] = "sdg.html"
    site: Site
    badge: SdgBadge
    intro: str
    cards: tuple[Card, ...]
    actions: tuple[Link, ...]
    others: tuple[SdgBadge, ...]
    showcase: Link | None  # None while a campaign has no laureates yet
    index: Link | None  # the page of all the site's goals, where there is one
    official_title: str = ""  # the goal as the UN words it
    figures: tuple[Figure, ...] = ()  # how many projects serve it and the money they were granted
    campaigns: tuple["SdgCampaign", ...] = ()  # on the portal: the campaigns whose projects serve it


@dataclass(frozen=True)
class SdgCampaign:
    """A campaign on a portal goal page: its link (in `lang`), towns, projects serving the goal and their grants."""

    link: Link
    lang: str
    towns: str
    projects: str
    granted: str
    language_note: str = ""


@dataclass(frozen=True)
class SdgRow:
    """A goal on the goals page: how many projects (and climate-plan actions) serve it, and their grants."""

    badge: SdgBadge
    projects: str
    granted: str
    actions: str | None
    official_title: str = ""


@dataclass(frozen=True)
class SdgIndexContext:
    template: ClassVar[str] = "sdg_index.html"
    site: Site
    title: str
    intro: str
    rows: tuple[SdgRow, ...]
    has_actions: bool
    note: str
    showcase: Link | None


@dataclass(frozen=True)
class HelpItem:
    """One open need of a project, linking to it."""

    project: Link
    detail: str
    money: Money | None = None
    action: Link | None = None           # where to offer it; a money need's is money.link


@dataclass(frozen=True)
class HelpGroup:
    id: str
    title: str
    intro: str
    items: tuple[HelpItem, ...]


@dataclass(frozen=True)
class HelpContext:
    template: ClassVar[str] = "help.html"
    site: Site
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
    took_place: str | None = None        # "took place" once it is over (not when cancelled or postponed)
    follow_up: tuple[Link, ...] = ()     # its news post and photos, once it took place
    origin: Origin | None = None         # on the portal: its campaign and town


@dataclass(frozen=True)
class AgendaContext:
    template: ClassVar[str] = "agenda.html"
    site: Site
    upcoming: tuple[EventSummary, ...]
    past: tuple[EventSummary, ...]
    feed: Link
    feed_help: str
    phases: tuple[PhaseView, ...] = ()   # a campaign's phases, shown as phases beside its events


@dataclass(frozen=True)
class EventContext:
    template: ClassVar[str] = "event.html"
    site: Site
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
    took_place: str | None = None        # "This event took place on ..." once it is over
    follow_up: tuple[Link, ...] = ()     # its news post and photos, once it took place


@dataclass(frozen=True)
class NewsSummary:
    href: str
    title: str
    date: str
    iso_date: str
    summary: str
    lang: str = ""  # set when the post is in another language than the page
    language_note: str = ""


@dataclass(frozen=True)
class NewsIndexContext:
    template: ClassVar[str] = "news_index.html"
    site: Site
    posts: tuple[NewsSummary, ...]
    feed: Link


@dataclass(frozen=True)
class NewsPostContext:
    template: ClassVar[str] = "news_post.html"
    site: Site
    date: str
    iso_date: str
    image: Image | None  # the post's own picture, from its front matter
    body_html: str
    news: Link
    lang: str = ""  # set when the post is in another language than the site
    language_note: str = ""


@dataclass(frozen=True)
class Download:
    """A file to download: what it is, its link, its format and, for images, the credit."""

    title: str
    href: str
    format: str
    credit: str | None = None
    kind: str | None = None  # what a kit file is for: template, text, image, poster
    alternatives: tuple[Link, ...] = ()  # the same in another format: the print-ready PNG of an SVG


@dataclass(frozen=True)
class PressContext:
    template: ClassVar[str] = "press.html"
    site: Site
    intro: str
    releases: tuple[NewsSummary, ...]
    figures: tuple[Figure, ...]
    listing: Link
    data: tuple[Download, ...]
    media_kit: tuple[Download, ...]
    contact: Fact
    contact_lines: tuple[str, ...]
    kit_zip: Download | None = None


@dataclass(frozen=True)
class ListingRow:
    href: str
    title: str
    holder: str
    category: str
    amount: str
    sdgs: tuple[str, ...]  # "11 Sustainable cities and communities", in the goals' order
    selected_by: str
    status: str
    prizes: str = ""


@dataclass(frozen=True)
class ListingContext:
    template: ClassVar[str] = "listing.html"
    site: Site
    title: str
    intro: str
    headings: tuple[str, ...]
    rows: tuple[ListingRow, ...]
    total: str
    downloads: tuple[Download, ...]
    has_prizes: bool = False


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
    template: ClassVar[str] = "actions.html"
    site: Site
    intro: str
    actions: tuple[ActionView, ...]
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class KitContext:
    template: ClassVar[str] = "kit.html"
    site: Site
    intro: str
    items: tuple[Download, ...]


# --- Statements ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StatementContext:
    """The accessibility or privacy statement: paragraphs of text and a contact."""

    template: ClassVar[str] = "statement.html"
    site: Site
    paragraphs: tuple[str, ...]
    contact: Link
    address: str | None  # the postal address of the contact, where given
    updated: str


# --- Widgets for other websites (embed_pages.py) -------------------------------------------------

@dataclass(frozen=True)
class EmbedCardsContext:
    """Laureates as cards in a widget, with the showcase's filter where there are several."""

    template: ClassVar[str] = "embed_cards.html"
    site: Site
    heading: str
    cards: tuple[Card, ...]
    sdg_links: tuple[SdgBadge, ...]      # filter options; empty for a single card
    statuses: tuple[FilterOption, ...]
    full: Link                           # the same on the campaign's site
    prizes: tuple[FilterOption, ...] = ()


@dataclass(frozen=True)
class EmbedAgendaContext:
    template: ClassVar[str] = "embed_agenda.html"
    site: Site
    heading: str
    events: tuple[EventSummary, ...]     # upcoming only
    empty: str
    full: Link
    feed: Link


@dataclass(frozen=True)
class EmbedFiguresContext:
    template: ClassVar[str] = "embed_figures.html"
    site: Site
    heading: str
    phase: str | None                    # "Now: mobilisation (15 September to 29 October 2025)"
    figures: tuple[Figure, ...]
    full: Link


@dataclass(frozen=True)
class EmbedCallContext:
    template: ClassVar[str] = "embed_call.html"
    site: Site
    heading: str
    status: str                          # open until / closed on / opens on, with the days left
    apply: Link | None                   # only while the call is open
    full: Link
    results: Link | None = None          # once the call has closed: the laureates


@dataclass(frozen=True)
class Widget:
    """One widget on the "embed this" page: a live preview and the code to copy."""

    id: str
    title: str
    description: str
    preview: str                         # relative address of the widget, for the preview
    address: str                         # its public address, for the snippet
    name: str                            # the iframe's title
    snippet: str                         # iframe + loader script, as text to copy
    link: str                            # a plain link to the full page, as text to copy
    choice_label: str                    # what can be chosen ("Goal", "Project"), or ""
    choices: tuple[tuple[str, str, str], ...]  # (relative address, public address, label), the first shown


@dataclass(frozen=True)
class WidgetsContext:
    template: ClassVar[str] = "widgets.html"
    site: Site
    intro: str
    widgets: tuple[Widget, ...]
    loader: str                          # relative address of the loader script, for the previews
    loader_address: str                  # its public address, for the snippets
    height: int                          # the snippets' height without JavaScript, in pixels
