"""The pieces page contexts are made of (links, figures, cards, badges, summaries...): typed, read-only,
every `href`/`src` already relative to the page that shows it. Templates only format them.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaignsite.core.i18n import Formatter, Translator


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
    municipality: str = ""  # NIS code, for the municipality filter
    municipality_label: str = ""  # its name, shown where the campaign has several municipalities
    origin: Origin | None = None  # on the portal: its campaign and town
    rank: str | None = None  # "Rank 2": on the showcase, where the selection is ranked by weighted scores


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
class FilterOption:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Fact:
    """A labelled line on a project page, its value linked where `href` is given."""

    label: str
    value: str
    href: str | None = None


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
class ProjectRef:
    """A project named on a page: linked to its page where it has one (a laureate), else plain text."""

    text: str
    href: str | None


@dataclass(frozen=True)
class PrizeView:
    id: str
    name: str
    stage: str | None
    amount: str | None
    winners: tuple[ProjectRef, ...]
    funding: str | None = None  # whether the amount comes from the campaign's budget, on top of the grant


@dataclass(frozen=True)
class Cell:
    """A cell of a table, or its column's heading."""

    text: str
    numeric: bool = False  # aligned right, as numbers are


@dataclass(frozen=True)
class RankingRow:
    """A project in the ranking table: its place, its name, then a cell under each further heading."""

    slug: str
    rank: str
    project: ProjectRef
    cells: tuple[Cell, ...]
    selected: bool


@dataclass(frozen=True)
class RankingTable:
    """The final ranking on the jury page: headings are Rank, Project, then those of each row's cells."""

    caption: str
    headings: tuple[Cell, ...]
    rows: tuple[RankingRow, ...]


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
    standing: "Standing | None" = None  # where it stands on the build day: "Call open until 30 April"
    towns: tuple[Link, ...] = ()      # its municipalities, each linked to its page on the portal
    municipality_codes: str = ""      # their NIS codes, for the municipality filter
    programme: Link | None = None     # the programme it is an edition of


@dataclass(frozen=True)
class PageLink:
    """A link to one page of a list in pages (1, 2, 3), the one shown marked."""

    text: str
    href: str
    current: bool


@dataclass(frozen=True)
class Standing:
    """Where a campaign stands on the build day, said with its next date ("Vote until 7 February"),
    and whether a citizen can do something now (submit, vote, help a project, take part)."""

    text: str
    open: bool
    moment: str


@dataclass(frozen=True)
class NowItem:
    """Something open now on the portal's first screen: a call, a vote, a mobilisation, with its action."""

    campaign: Link
    lang: str           # the campaign's language on this card
    towns: str
    standing: Standing
    action: Link | None  # apply, vote, help: the campaign's own page for it


@dataclass(frozen=True)
class Period:
    """A call for projects or a public vote on the portal's agenda: a period, not an event."""

    label: str
    dates: str
    iso_start: str
    state: str  # open or upcoming
    href: str
    origin: Origin
    lang: str  # the language the campaign's name is in


@dataclass(frozen=True)
class PlaceRow:
    """A row of a table of totals: a municipality or an edition, with its projects and money."""

    link: Link
    detail: str
    projects: str
    granted: str
    paid: str


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
    """One thing a project asks for, and where to offer it (pages.campaign.offer)."""

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
class NeedCard:
    """One open need of a project, as a card of the help page and the needs widget (pages/needs.py)."""

    id: str                 # the card's anchor: need-<slug>-<kind>-<n>
    lang: str
    kind: str               # money, materials, skills or volunteers: the kind filter's value
    kind_label: str
    what: str               # the need as the editors wrote it; for money, what is still to raise
    project: Link           # the project's page, at its help section
    place: str              # the project's address, else its municipality
    when: str | None        # the mobilisation's dates while it is to come or going on
    sdgs: str               # the project's goals, space-separated: the goal filter's values
    municipality: str       # NIS code: the municipality filter's value
    money: Money | None     # a crowdfunding's progress
    action: Link            # 'I can help' leads here (the crowdfunding, the project's contact or the team)
    route: str              # where the action leads, said under it
    contact: str            # that address, printed instead of the button


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
class NewsSummary:
    href: str
    title: str
    date: str
    iso_date: str
    summary: str
    lang: str = ""  # set when the post is in another language than the page
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
class PressPicture:
    """A picture of the press kit in the press page's gallery: its thumbnail and title linking the
    original, the original's format, pixel size and file size, its print-ready PNG and its credit."""

    title: str
    href: str
    thumbnail: Image
    size: str  # "SVG · 640 × 400 pixels · 12 kB"
    credit: str | None = None
    print_file: Link | None = None  # the PNG made from an SVG
    print_size: str = ""  # "2,000 × 1,250 pixels · 85 kB"


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
    place: str = ""  # the project's address, or else its municipality


@dataclass(frozen=True)
class IndicatorView:
    """What an action measures, as of the build day: "640 of 1,500 renovations supported"."""

    label: str
    text: str                            # the value against the target, or the target alone before a value
    percent: int | None                  # how far from the baseline to the target (0-100), once measured
    as_of: str | None                    # when the value was measured


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
    href: str = ""                       # the action's own page
    target: str | None = None            # "to be done by 31 December 2027"
    indicator: IndicatorView | None = None


@dataclass(frozen=True)
class StepView:
    """A dated step of an action's history, on its timeline."""

    date: str
    iso_date: str
    status_label: str
    progress_label: str
    value: str | None
    text: str


@dataclass(frozen=True)
class NextMoment:
    """The next participation moment: its page, when, and where to register."""

    link: Link
    when: str
    registration: Link | None


@dataclass(frozen=True)
class PlanSummary:
    """A climate plan on its home page: its actions by status, indicator highlights, the next moment."""

    figures: tuple[Figure, ...]
    highlights: tuple[ActionView, ...]
    next_moment: NextMoment | None
    actions: Link


@dataclass(frozen=True)
class KitFormat:
    """One format a kit file is offered in: in plain words, with its size."""

    label: str
    href: str
    size: str


@dataclass(frozen=True)
class KitFile:
    """A file of the communication kit: what it is for, its formats, licence, credit and thumbnail."""

    title: str
    kind_label: str
    formats: tuple[KitFormat, ...]       # the original first
    licence: str | None
    credit: str | None
    thumbnail: Image | None


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
class CandidateCard:
    """A project in the running (candidates.csv) on the candidates page: no grant, status or result."""

    slug: str
    lang: str
    title: str
    summary: str
    image: Image | None
    badges: tuple[SdgBadge, ...]
    holder: str
    place: str | None
    laureate: Link | None  # its page, once the results are public and it is a laureate
    municipality: str = ""  # NIS code, for the municipality filter
    municipality_label: str = ""  # its name, where the campaign has several municipalities


@dataclass(frozen=True)
class VoteBox:
    """The public vote going on: until when, who may vote and how, where to vote."""

    title: str
    text: str
    how: str | None
    action: Link | None
