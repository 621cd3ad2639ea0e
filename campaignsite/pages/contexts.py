"""Typed template contexts: what each page template may use, field by field.

Templates only format these values; sorting, filtering, cross-links and relative URLs are computed
by the page families. Every `href`/`src` here is already relative to the page that shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from campaignsite.pages.views import (
    ActionView,
    CallToAction,
    CampaignCard,
    CandidateCard,
    Card,
    Download,
    EventSummary,
    Fact,
    Figure,
    FilterOption,
    Image,
    KitFile,
    Link,
    ListingRow,
    NeedCard,
    Needs,
    NewsSummary,
    NowItem,
    PageLink,
    Period,
    PlaceRow,
    PartnerView,
    PhaseView,
    PlanSummary,
    PressPicture,
    PrizeView,
    RankingTable,
    SdgBadge,
    SdgCampaign,
    SdgRow,
    Site,
    StageView,
    StepView,
    UpdateView,
    Video,
    VoteBox,
    Widget,
)


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
    editions: tuple[Link, ...] = ()  # its programme, the edition before and the one after
    places: tuple[Link, ...] = ()  # its municipalities' pages on the portal
    plan: PlanSummary | None = None      # a climate plan's actions, indicators and next moment


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
    municipalities: tuple[FilterOption, ...] = ()  # where the campaign has several


@dataclass(frozen=True)
class JuryContext:
    template: ClassVar[str] = "jury.html"
    site: Site
    intro: str
    stages: tuple[StageView, ...]
    prizes: tuple[PrizeView, ...]
    funnel: tuple[Figure, ...] = ()  # submitted -> eligible -> candidates -> laureates: the steps with a number
    criteria: tuple[str, ...] = ()  # the call's criteria
    ranking: RankingTable | None = None  # where the results have scores or ranks


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
    now: tuple[NowItem, ...] = ()  # what is open now, first on a phone (up to portal.OPEN_NOW_SHOWN)
    all_open: Link | None = None  # every campaign open now (the list filtered), where there are more
    next_events: tuple[EventSummary, ...] = ()  # the next events of every campaign
    municipalities: Link | None = None  # the page of every municipality
    programmes: tuple[Link, ...] = ()


@dataclass(frozen=True)
class MunicipalityContext:
    """A municipality of the network: its campaigns across the years, its projects and money, its events."""

    template: ClassVar[str] = "municipality.html"
    site: Site
    intro: str
    figures: tuple[Figure, ...]
    now: tuple[NowItem, ...]
    campaigns: tuple[PlaceRow, ...]  # newest first, each with its projects and money in the municipality
    cards: tuple[Card, ...]  # its projects, up to places.MUNICIPALITY_CARDS
    more: str | None  # where the projects are when there are more
    events: tuple[EventSummary, ...]
    index: Link
    agenda: Link


@dataclass(frozen=True)
class MunicipalitiesContext:
    template: ClassVar[str] = "municipalities.html"
    site: Site
    intro: str
    rows: tuple[PlaceRow, ...]
    home: Link


@dataclass(frozen=True)
class ProgrammeContext:
    """A programme and its editions: totals per year and per municipality."""

    template: ClassVar[str] = "programme.html"
    site: Site
    intro: str
    figures: tuple[Figure, ...]
    editions: tuple[CampaignCard, ...]
    years: tuple[PlaceRow, ...]
    towns: tuple[PlaceRow, ...]
    home: Link


@dataclass(frozen=True)
class SearchContext:
    template: ClassVar[str] = "search.html"
    site: Site
    intro: str
    bundle: str                   # the Pagefind bundle searched: the campaign's, or the portal's
    merged: tuple[str, ...]       # the bundles merged with it: on the portal, every campaign's in its language
    noscript: str
    translations: dict[str, str]  # Pagefind UI's texts we give ourselves (its key -> our translation)
    labels: dict[str, str]        # each result's label names ("campaign", "kind" -> "Campaign", "Page type")
    everywhere: Link | None = None  # on a campaign site: the portal's search, which searches every campaign
    menu: tuple[Link, ...] = ()     # the site's menu, for a visitor without JavaScript (search.with_menu)


@dataclass(frozen=True)
class ContentContext:
    template: ClassVar[str] = "content.html"
    site: Site
    body_html: str


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
    reason: str | None = None  # the jury's reason for its choice, in one line
    stopped: str | None = None  # "This project stopped on ...", for a stopped project
    asks_help: bool = True  # False once stopped: no "help this project" section at all
    help_first: bool = False  # during mobilisation, with needs: help right under the lede, a sticky bar on phones


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
    paging: tuple[PageLink, ...] = ()  # on the portal: its pages of cards, where there are several


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
class HelpContext:
    template: ClassVar[str] = "help.html"
    site: Site
    intro: str                          # how many needs; or that none is open
    cards: tuple[NeedCard, ...]
    counts: tuple[Figure, ...]          # how many needs of each kind
    kinds: tuple[FilterOption, ...]     # the filter's kinds, goals and municipalities (several only)
    sdg_links: tuple[SdgBadge, ...]
    municipalities: tuple[FilterOption, ...]


@dataclass(frozen=True)
class AgendaContext:
    template: ClassVar[str] = "agenda.html"
    site: Site
    upcoming: tuple[EventSummary, ...]
    past: tuple[EventSummary, ...]
    feed: Link
    feed_help: str
    phases: tuple[PhaseView, ...] = ()   # a campaign's phases, shown as phases beside its events
    periods: tuple[Period, ...] = ()  # on the portal: calls and votes open now or to come


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
    ics: Link | None  # none for an event over, cancelled or postponed
    project: Link | None
    agenda: Link
    took_place: str | None = None        # "This event took place on ..." once it is over
    follow_up: tuple[Link, ...] = ()     # its news post and photos, once it took place
    actions: tuple[Link, ...] = ()       # the climate-plan actions it serves
    participants: str | None = None      # "64 people took part", once it took place
    outcome: str | None = None           # what came out of it, once it took place


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
    contact_lines: tuple[Link, ...]  # the e-mail and phone links, made in Python (pages/parts.py)
    kit_zip: Download | None = None
    gallery: tuple[PressPicture, ...] = ()  # the media kit's pictures, with thumbnails, sizes and credits


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
    # The printed page's head (issue 22, item 8): who publishes it, as of when, and where it lives online.
    logos: tuple[Image, ...] = ()  # the municipalities' logos (the campaign's own when none)
    campaign: str = ""
    as_of: str = ""  # "As of 22 November 2026", in the page's language
    source: Link | None = None  # the listing's public address
    qr_svg: str = ""  # an inline SVG QR code of `source`'s address (made by segno, no editor text in it)


@dataclass(frozen=True)
class ActionsContext:
    """The climate plan's actions: all of them, or those of one theme or one Covenant of Mayors sector."""

    template: ClassVar[str] = "actions.html"
    site: Site
    intro: str
    actions: tuple[ActionView, ...]
    figures: tuple[Figure, ...]
    themes: tuple[Link, ...] = ()        # a page per theme and per sector of the plan
    sectors: tuple[Link, ...] = ()
    back: Link | None = None             # from a theme or sector page, to all actions


@dataclass(frozen=True)
class ActionContext:
    """One action of the climate plan: what it aims at, by when, what it costs, its history and events."""

    template: ClassVar[str] = "action.html"
    site: Site
    action: ActionView
    facts: tuple[Fact, ...]              # theme, sector, responsible, partners, dates, budget, funders, savings
    history: tuple[StepView, ...]        # newest first, up to the build day
    upcoming: tuple[EventSummary, ...]   # the events serving it, still to come
    past: tuple[EventSummary, ...]
    back: Link


@dataclass(frozen=True)
class KitContext:
    template: ClassVar[str] = "kit.html"
    site: Site
    intro: str
    items: tuple[KitFile, ...]


@dataclass(frozen=True)
class StatementContext:
    """The accessibility or privacy statement: paragraphs of text and a contact."""

    template: ClassVar[str] = "statement.html"
    site: Site
    paragraphs: tuple[str, ...]
    contact: Link
    address: str | None  # the postal address of the contact, where given
    updated: str


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
class EmbedNeedsContext:
    """Some open needs of the projects as cards in a widget, with how many there are and a link to all."""

    template: ClassVar[str] = "embed_needs.html"
    site: Site
    heading: str
    intro: str                           # how many needs; or that none is open
    cards: tuple[NeedCard, ...]          # at most embed.NEEDS_SHOWN, a project's first need before its second
    full: Link                           # the help page, with every need


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
class WidgetsContext:
    template: ClassVar[str] = "widgets.html"
    site: Site
    intro: str
    widgets: tuple[Widget, ...]
    loader: str                          # relative address of the loader script, for the previews
    loader_address: str                  # its public address, for the snippets
    height: int                          # the snippets' height without JavaScript, in pixels


@dataclass(frozen=True)
class CandidatesContext:
    template: ClassVar[str] = "candidates.html"
    site: Site
    intro: str
    vote: VoteBox | None
    cards: tuple[CandidateCard, ...]
    municipalities: tuple[FilterOption, ...] = ()  # where the campaign has several
