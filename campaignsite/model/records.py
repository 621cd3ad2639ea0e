"""The model's records: typed, read-only objects built from checked data (see assembly.py).

Private columns (contact of project holders) are dropped here, so no later stage can publish them:
pages, feeds and downloads only ever see this model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from zoneinfo import ZoneInfo

from campaignsite.core.schemas import default

BRUSSELS = ZoneInfo("Europe/Brussels")

Text = Mapping[str, str]

NEED_KINDS = ("materials", "skills", "volunteers")

PHASE_IDS = ("launch", "call", "jury", "public_vote", "press", "coaching", "mobilisation", "closing_event",
             "participation", "implementation", "follow_up")

# Defaults are declared in data/schemas/campaign.schema.json; the portal wears the default colour.
DEFAULT_SDGS = tuple(default("campaign", "sdgs"))

DEFAULT_COLOUR = default("campaign", "branding.colour")

PORTAL_COLOUR = DEFAULT_COLOUR


@dataclass(frozen=True)
class Municipality:
    name: Text
    nis_code: str
    region: str
    province: str | None = None


@dataclass(frozen=True)
class Phase:
    id: str
    start: dt.date
    end: dt.date | None

    @property
    def last_day(self) -> dt.date:
        return self.end or self.start


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Category:
    id: str
    name: Text
    cap: int


@dataclass(frozen=True)
class Source:
    name: Text
    amount: int


@dataclass(frozen=True)
class Budget:
    total: int
    sources: tuple[Source, ...]
    categories: tuple[Category, ...]
    upfront_percent: int | None


@dataclass(frozen=True)
class Call:
    criteria: Mapping[str, tuple[str, ...]]
    how_to_apply: Text
    apply_url: str | None
    submitted: int | None
    eligible: int | None


@dataclass(frozen=True)
class Partner:
    name: str
    role: str
    logo: str | None
    url: str | None


@dataclass(frozen=True)
class Juror:
    name: str
    kind: str | None
    affiliation: Text | None
    role: Text | None = None


@dataclass(frozen=True)
class SelectionStage:
    """A jury or a vote that took part in choosing the laureates, with its share of the decision."""

    id: str
    kind: str  # expert-jury, citizen-jury, participatory-jury, selection-jury, public-vote
    name: Text  # empty: the kind's name in the page's language
    description: Text
    start: dt.date | None
    end: dt.date | None
    weight: int | None  # percent
    members: tuple[Juror, ...] = ()
    url: str | None = None  # a public vote's own address to vote
    how_to_vote: Text = field(default_factory=dict)  # a public vote's rules, per language

    @property
    def last_day(self) -> dt.date | None:
        return self.end or self.start

    @property
    def is_vote(self) -> bool:
        return self.kind == "public-vote"


@dataclass(frozen=True)
class Prize:
    id: str
    name: Text
    stage: str | None
    amount: int | None  # cents
    from_budget: bool = False  # paid out of the campaign's budget, on top of the grant


@dataclass(frozen=True)
class Payment:
    date: dt.date
    kind: str  # advance, balance, repayment
    amount: int  # cents


@dataclass(frozen=True)
class KitItem:
    file: str
    title: Text
    kind: str
    credit: str | None
    licence: str | None = None


@dataclass(frozen=True)
class Update:
    date: dt.date
    status: str
    text: Text


@dataclass(frozen=True)
class Crowdfunding:
    goal: int
    raised: int
    url: str | None

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.raised / self.goal)) if self.goal else 100


@dataclass(frozen=True)
class Results:
    """What the selection gave a project, where the campaign publishes it; empty before the results day."""

    votes: int | None = None
    marks: Mapping[str, float] = field(default_factory=dict)  # stage id -> mark out of 100
    score: float | None = None  # out of 100, weighted over the stages
    rank: int | None = None  # 1 is first: as given, else from the scores
    reason: Text = field(default_factory=dict)  # the jury's reason in one line, per language
    prizes: tuple[str, ...] = ()  # ids of Campaign.prizes

    def __bool__(self) -> bool:
        return any((self.votes is not None, self.marks, self.score is not None, self.rank is not None,
                    self.reason, self.prizes))


@dataclass(frozen=True)
class Candidate:
    """A project that reached a selection stage (candidates.csv): shown from the first stage on, its
    results only from the results day on. Holds no private column."""

    slug: str
    title: Text
    summary: Text
    sdgs: tuple[int, ...]
    holder: Text
    address: Text | None
    image: str | None
    image_credit: str | None
    results: Results = field(default_factory=Results)
    selected: bool = False  # a laureate: known from the results day on
    municipality: str = ""  # NIS code of the campaign's municipality it belongs to
    holder_type: str | None = None  # organisation, group, person; None: an organisation or group
    holder_consent: dt.date | None = None  # the day a person agreed to be named (never published)


@dataclass(frozen=True)
class Laureate:
    """A selected citizen project. Holds no private column."""

    slug: str
    title: Text
    summary: Text
    sdgs: tuple[int, ...]
    category: str | None
    amount: int  # cents
    selected_by: tuple[str, ...]  # ids of Campaign.selection stages
    votes: int | None
    status: str
    holder: Text
    image: str | None
    image_credit: str | None
    video_url: str | None
    website: str | None
    address: Text | None
    location: tuple[float, float] | None
    crowdfunding: Crowdfunding | None
    needs: Mapping[str, Mapping[str, tuple[str, ...]]]
    description: Text
    updates: tuple[Update, ...]
    gallery: tuple[str, ...] = ()
    prizes: tuple[str, ...] = ()  # ids of Campaign.prizes
    score: float | None = None
    payments: tuple[Payment, ...] = ()
    marks: Mapping[str, float] = field(default_factory=dict)  # stage id -> mark out of 100
    rank: int | None = None
    reason: Text = field(default_factory=dict)  # the jury's reason in one line, per language
    stopped_on: dt.date | None = None  # the day of the update that stopped it
    tracked: bool = False  # its campaign gives its payments (payments.csv)
    public_email: str | None = None  # where visitors offer help; never the private contact_email
    public_url: str | None = None
    municipality: str = ""  # NIS code of the campaign's municipality it belongs to
    holder_type: str | None = None  # organisation, group, person; None: an organisation or group
    holder_consent: dt.date | None = None  # the day a person agreed to be named (never published)

    @property
    def paid(self) -> int:
        """Cents paid to the project so far, net of what it paid back."""
        return self.paid_out - self.repaid

    @property
    def paid_out(self) -> int:
        """Cents paid to the project (advances and balances), before any repayment."""
        return sum(p.amount for p in self.payments if p.kind != "repayment")

    @property
    def repaid(self) -> int:
        """Cents the project paid back."""
        return sum(p.amount for p in self.payments if p.kind == "repayment")

    @property
    def goes_on(self) -> bool:
        return self.status != "stopped"

    @property
    def granted(self) -> int:
        """Cents the project counts for as granted: its grant, or once stopped what it kept of it (paid
        minus repaid), where its payments are known."""
        return self.amount if self.goes_on or not self.tracked else self.paid


@dataclass(frozen=True)
class Event:
    slug: str
    kind: str
    title: Text
    description: Text
    start: dt.datetime
    end: dt.datetime
    venue: Text | None  # per language: venue_<lang> where given, else venue
    address: Text | None
    online_url: str | None
    registration_url: str | None
    status: str
    project: str | None
    all_day: bool = False
    news: str | None = None        # slug of the campaign's news post about it, once it took place
    photos_url: str | None = None  # where its photos are, once it took place
    actions: tuple[str, ...] = ()  # slugs of the climate-plan actions it serves
    participants: int | None = None  # how many took part: held back until it took place (model/public.py)
    outcome: Text = field(default_factory=dict)  # what came out of it, per language: likewise

    def place_in(self, lang: str) -> tuple[str | None, str | None]:
        """(venue, address) in `lang`: their own names where the data gives them (Brussels, bilingual towns)."""
        return (self.venue[lang] if self.venue else None), (self.address[lang] if self.address else None)

    @property
    def upcoming_on(self) -> dt.date:
        """The last day the event is still to come (an all-day event ends at midnight after its last day)."""
        return (self.end - dt.timedelta(days=1)).date() if self.all_day else self.end.date()


@dataclass(frozen=True)
class NewsPost:
    slug: str
    date: dt.date
    title: Text
    summary: Text
    body: Text
    image: str | None = None  # media/<file>: shown on the post and as its sharing preview
    languages: tuple[str, ...] = ()  # the campaign's languages it is written in, in the campaign's order

    def language_for(self, lang: str) -> str:
        """The language the post is shown in on `lang`'s site: its own, else the first one it has."""
        return lang if lang in self.title else self.languages[0]


@dataclass(frozen=True)
class Indicator:
    """What an action measures: "1,500 renovated homes", from a baseline, with its value on the build day."""

    label: Text
    unit: str | None
    baseline: float
    target: float
    current: float | None = None  # the latest measured value up to the build day (model/public.py)


@dataclass(frozen=True)
class ActionStep:
    """A dated step of an action's history (action_updates.csv): its status, progress and value from then on."""

    date: dt.date
    status: str
    progress: int
    value: float | None
    text: Text


@dataclass(frozen=True)
class Action:
    slug: str
    theme: str
    title: Text
    description: Text
    responsible: str
    status: str  # in force on the build day once model/public.py has applied the history
    progress: int
    sdgs: tuple[int, ...]
    sector: str | None = None  # a Covenant of Mayors sector (data/schemas/actions.schema.json)
    start: dt.date | None = None
    target_date: dt.date | None = None
    indicator: Indicator | None = None
    budget: int | None = None  # cents
    funders: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    co2_saving: float | None = None  # t CO2-eq a year, expected once done
    energy_saving: float | None = None  # MWh a year, expected once done
    history: tuple[ActionStep, ...] = ()  # oldest first


@dataclass(frozen=True)
class Campaign:
    """Everything a campaign's site shows, in every language it is published in."""

    slug: str
    folder: Path
    kind: str
    edition: int
    languages: tuple[str, ...]
    title: Text
    tagline: Text
    introduction: Text
    municipalities: tuple[Municipality, ...]
    base_url: str
    sdgs: tuple[int, ...]
    contact: Contact
    press_contact: Contact
    colour: str
    logo: str | None
    phases: tuple[Phase, ...]
    call: Call | None
    budget: Budget | None
    partners: tuple[Partner, ...]
    selection: tuple[SelectionStage, ...]
    kit: tuple[KitItem, ...]
    prizes: tuple["Prize", ...] = ()
    results_day: dt.date | None = None  # campaign.yml results_day; see phases.results_day for the default
    programme: str | None = None  # id of a programme of content/network.yml this campaign is an edition of
    candidates: tuple[Candidate, ...] = field(default=())
    laureates: tuple[Laureate, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())
    news: tuple[NewsPost, ...] = field(default=())
    actions: tuple[Action, ...] = field(default=())
    public_tables: Mapping[str, "PublicTable"] = field(default_factory=dict)
    image_sizes: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # media/ path -> (width, height)
    grant_id_prefix: str | None = None  # the network's 360Giving prefix (content/network.yml)
    # The communication kit's files (media/ originals and what exports/kit.py makes of them) -> bytes
    kit_sizes: Mapping[str, int] = field(default_factory=dict)
    # The press kit's files (media/ originals and the print-ready PNGs of exports/presskit.py) -> bytes
    press_sizes: Mapping[str, int] = field(default_factory=dict)
    short_title: Text = field(default_factory=dict)  # the name for a phone's header; the title where not given

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def granted(self) -> int:
        """Cents granted to projects: the grants of those that go on, and what stopped ones kept of theirs."""
        return sum(item.granted for item in self.laureates)

    @property
    def paid(self) -> int:
        """Cents paid to projects, net of repayments."""
        return sum(item.paid for item in self.laureates)

    @property
    def repaid(self) -> int:
        return sum(item.repaid for item in self.laureates)

    @property
    def has_payments(self) -> bool:
        return any(item.payments for item in self.laureates)

    def municipality(self, nis_code: str) -> Municipality:
        return next(m for m in self.municipalities if m.nis_code == nis_code)

    def laureate(self, slug: str) -> Laureate:
        return next(item for item in self.laureates if item.slug == slug)

    def stage(self, stage_id: str) -> SelectionStage:
        return next(stage for stage in self.selection if stage.id == stage_id)

    def prize(self, prize_id: str) -> Prize:
        return next(prize for prize in self.prizes if prize.id == prize_id)


@dataclass(frozen=True)
class PublicTable:
    """A CSV table as published in the open data: only the schema's public columns, in its order."""

    fields: tuple[dict, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ContentPage:
    slug: str
    title: Text
    body: Text


@dataclass(frozen=True)
class Programme:
    """A programme run in yearly editions (content/network.yml programmes): each edition is a campaign."""

    id: str
    name: Text
    description: Text


@dataclass(frozen=True)
class Network:
    """The portal: its texts and languages, and every campaign."""

    title: Text
    tagline: Text
    languages: tuple[str, ...]
    base_url: str
    contact: Contact
    pages: tuple[ContentPage, ...]
    campaigns: tuple[Campaign, ...]
    programmes: tuple[Programme, ...] = ()
    short_title: Text = field(default_factory=dict)  # the name for a phone's header; the title where not given
    grant_id_prefix: str | None = None  # 360Giving: grant ids are 360G-<prefix>-<campaign>-<project>

    @property
    def laureates(self) -> int:
        return sum(len(c.laureates) for c in self.campaigns)

    @property
    def granted(self) -> int:
        return sum(c.granted for c in self.campaigns)

    @property
    def paid(self) -> int:
        """Cents paid to projects, net of repayments."""
        return sum(c.paid for c in self.campaigns)

    @property
    def repaid(self) -> int:
        return sum(c.repaid for c in self.campaigns)

    @property
    def has_payments(self) -> bool:
        return any(c.has_payments for c in self.campaigns)

    @property
    def municipalities(self) -> int:
        """Distinct municipalities (a municipality with several campaigns counts once)."""
        return len({m.nis_code for c in self.campaigns for m in c.municipalities})
