"""Stage 3, model: typed, read-only objects built from checked data.

Private columns (contact of project holders) are dropped here, so no later stage can publish them:
pages, feeds and downloads only ever see this model.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping
from zoneinfo import ZoneInfo

import markdown as md
import nh3

from .checks import CheckedCampaign, sdg_numbers
from .crosschecks import LEGACY_SELECTED_BY
from .languages import CODES as LANGUAGES
from .schemas import DATA_DIR, cents, default, expand_table_schema

BRUSSELS = ZoneInfo("Europe/Brussels")
Text = Mapping[str, str]
NEED_KINDS = ("materials", "skills", "volunteers")
PHASE_IDS = ("launch", "call", "jury", "public_vote", "press", "coaching", "mobilisation", "closing_event",
             "participation", "implementation", "follow_up")
# Defaults are declared in data/schemas/campaign.schema.json; the portal wears the default colour.
DEFAULT_SDGS = tuple(default("campaign", "sdgs"))
DEFAULT_COLOUR = default("campaign", "branding.colour")
PORTAL_COLOUR = DEFAULT_COLOUR


def text_of(value, languages: tuple[str, ...]) -> Text:
    """A per-language mapping from YAML: a plain string counts for every language."""
    if isinstance(value, str):
        return MappingProxyType({lang: value for lang in languages})
    return MappingProxyType(dict(value))


def euros(amount: int) -> int | float:
    """Cents as euros for JSON: a whole number when there are no cents (7500, not 7500.0)."""
    return amount // 100 if amount % 100 == 0 else amount / 100


def localised(row: dict, stem: str, languages: tuple[str, ...]) -> Text | None:
    """A cell given once (`stem`) with optional per-language versions (`stem_<lang>`): every language
    gets its own version where given, else the plain one. None when neither is given."""
    plain = row.get(stem)
    values = {lang: row.get(f"{stem}_{lang}") or plain for lang in languages}
    return MappingProxyType(values) if all(values.values()) else None


def row_text(row: dict, stem: str, languages: tuple[str, ...]) -> Text:
    """The `stem_<lang>` cells of a CSV row as a per-language mapping (empty cells left out)."""
    return MappingProxyType({lang: row[f"{stem}_{lang}"] for lang in languages if row.get(f"{stem}_{lang}")})


# --- Markdown written by editors -----------------------------------------------------------------

ALLOWED_TAGS = {"p", "br", "a", "strong", "em", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "code",
                "pre", "hr", "table", "thead", "tbody", "tr", "th", "td"}


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Editor Markdown to safe HTML: raw HTML and unsafe link schemes are removed (nh3). Validation has
    rendered each text once already, bounded in time (checks.markdown_problem); the pages reuse it."""
    html = md.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


# --- Reference data ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sdg:
    """One UN Sustainable Development Goal: number, official colour, short and official titles per language."""

    number: int
    colour: str
    title: Text
    official_title: Text  # the goal as the UN resolution words it: "Take urgent action to combat climate change..."


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of #RRGGBB."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@functools.lru_cache(maxsize=256)  # asked for every card of every page, of a few colours
def text_colour(background: str) -> str:
    """Black or white text, whichever contrasts more with `background` (WCAG relative luminance)."""
    return "#000000" if contrast(background, "#000000") >= contrast(background, "#FFFFFF") else "#FFFFFF"


@functools.lru_cache(maxsize=1)
def get_sdgs() -> Mapping[int, Sdg]:
    """The 17 goals from data/sdg_goals.csv (a copy of the shared reference, kept as it is) and their
    official titles from data/sdg_titles.csv."""
    with open(DATA_DIR / "sdg_goals.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(DATA_DIR / "sdg_titles.csv", encoding="utf-8", newline="") as handle:
        official = {int(r["goal"]): r for r in csv.DictReader(handle)}
    return MappingProxyType({
        int(r["goal"]): Sdg(int(r["goal"]), r["colour"],
                            MappingProxyType({lang: r[f"title_{lang}"] for lang in LANGUAGES}),
                            MappingProxyType({lang: official[int(r["goal"])][f"official_title_{lang}"]
                                              for lang in LANGUAGES}))
        for r in rows})


# --- The campaign model --------------------------------------------------------------------------

@dataclass(frozen=True)
class Municipality:
    name: Text
    nis_code: str
    region: str


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

    @property
    def is_vote(self) -> bool:
        return self.kind == "public-vote"


@dataclass(frozen=True)
class Prize:
    id: str
    name: Text
    stage: str | None
    amount: int | None  # cents


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
    public_email: str | None = None  # where visitors offer help; never the private contact_email
    public_url: str | None = None

    @property
    def paid(self) -> int:
        """Cents paid to the project so far, net of what it paid back."""
        return sum(-p.amount if p.kind == "repayment" else p.amount for p in self.payments)


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
class Action:
    slug: str
    theme: str
    title: Text
    description: Text
    responsible: str
    status: str
    progress: int
    sdgs: tuple[int, ...]


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
    laureates: tuple[Laureate, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())
    news: tuple[NewsPost, ...] = field(default=())
    actions: tuple[Action, ...] = field(default=())
    public_tables: Mapping[str, "PublicTable"] = field(default_factory=dict)
    image_sizes: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # media/ path -> (width, height)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def granted(self) -> int:
        return sum(laureate.amount for laureate in self.laureates)

    def laureate(self, slug: str) -> Laureate:
        return next(item for item in self.laureates if item.slug == slug)

    def stage(self, stage_id: str) -> SelectionStage:
        return next(stage for stage in self.selection if stage.id == stage_id)

    def prize(self, prize_id: str) -> Prize:
        return next(prize for prize in self.prizes if prize.id == prize_id)


def build_campaign(checked: CheckedCampaign) -> Campaign:
    """Construct the typed campaign from its checked data."""
    data, langs = checked.data, checked.languages
    contact = Contact(**data["contact"])
    return Campaign(
        slug=checked.files.slug, folder=checked.files.root, kind=data["kind"], edition=data["edition"],
        languages=langs, title=text_of(data["title"], langs), tagline=text_of(data["tagline"], langs),
        introduction=text_of(data["introduction"], langs),
        municipalities=tuple(Municipality(text_of(m["name"], langs), m["nis_code"], m["region"])
                             for m in data["municipalities"]),
        base_url=data["base_url"], sdgs=tuple(data.get("sdgs", DEFAULT_SDGS)), contact=contact,
        press_contact=Contact(**data["press_contact"]) if "press_contact" in data else contact,
        colour=data.get("branding", {}).get("colour", DEFAULT_COLOUR), logo=data.get("branding", {}).get("logo"),
        phases=_phases(data["phases"]), call=_call(data.get("call"), langs), budget=_budget(data.get("budget"), langs),
        partners=tuple(Partner(p["name"], p["role"], p.get("logo"), p.get("url")) for p in data.get("partners", [])),
        selection=_selection(checked),
        prizes=tuple(Prize(p["id"], text_of(p["name"], langs), p.get("stage"),
                           cents(p["amount"]) if "amount" in p else None) for p in data.get("prizes", [])),
        kit=tuple(KitItem(k["file"], text_of(k["title"], langs), k["kind"], k.get("credit"))
                  for k in data.get("kit", [])),
        laureates=_laureates(checked), events=_events(checked, langs), news=_news(checked),
        actions=_actions(checked), public_tables=MappingProxyType(_public_tables(checked)),
    )


@dataclass(frozen=True)
class PublicTable:
    """A CSV table as published in the open data: only the schema's public columns, in its order."""

    fields: tuple[dict, ...]
    rows: tuple[tuple[str, ...], ...]


def selected_by(text: str, staged: bool) -> tuple[str, ...]:
    """The stage ids of a selected_by cell: 'experts;citizens', or for a one-jury campaign jury/public-vote/both."""
    return tuple(text.split(";")) if staged else LEGACY_SELECTED_BY[text]


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _juror(data: dict, langs) -> Juror:
    return Juror(data["name"], data.get("kind"),
                 text_of(data["affiliation"], langs) if "affiliation" in data else None,
                 text_of(data["role"], langs) if "role" in data else None)


def _selection(checked: CheckedCampaign) -> tuple[SelectionStage, ...]:
    """The juries and votes, as given in `selection:`, or made from a one-jury campaign's `jury:` list, its
    jury and public_vote phases and the selected_by values its laureates use."""
    data, langs = checked.data, checked.languages
    empty = MappingProxyType({})
    if "selection" in data:
        return tuple(SelectionStage(
            s["id"], s["kind"], text_of(s["name"], langs) if "name" in s else empty,
            text_of(s["description"], langs) if "description" in s else empty, _day(s.get("start")),
            _day(s.get("end")) or _day(s.get("start")), s.get("weight"),
            tuple(_juror(m, langs) for m in s.get("members", []))) for s in data["selection"])
    used = {stage for row in _rows(checked, "laureates") for stage in LEGACY_SELECTED_BY[row["selected_by"]]}
    phases, stages = data["phases"], []
    jurors = tuple(_juror(j, langs) for j in data.get("jury", []))
    if jurors or "jury" in used:
        kinds = {j.kind for j in jurors}
        kind = {frozenset({"expert"}): "expert-jury", frozenset({"citizen"}): "citizen-jury"}.get(
            frozenset(kinds), "participatory-jury")
        phase = phases.get("jury", {})
        stages.append(SelectionStage("jury", kind, empty, empty, _day(phase.get("start")),
                                     _day(phase.get("end")) or _day(phase.get("start")), None, jurors))
    if "public_vote" in phases or "public-vote" in used:
        phase = phases.get("public_vote", {})
        stages.append(SelectionStage("public-vote", "public-vote", empty, empty, _day(phase.get("start")),
                                     _day(phase.get("end")) or _day(phase.get("start")), None))
    return tuple(sorted(stages, key=lambda stage: stage.start or dt.date.max))


def _public_tables(checked: CheckedCampaign) -> dict[str, PublicTable]:
    """Each table's public columns (a whitelist from the Table Schema: x-private never passes)."""
    tables = {}
    for name, table in checked.files.tables.items():
        # Optional columns the file does not have are not published: the open data is the source, minus
        # its private columns.
        fields = tuple(f for f in expand_table_schema(name, checked.languages)["fields"] if not f.get("x-private")
                       and (f["name"] in table.header or not f.get("x-optional-column")))
        records = [dict(zip(table.header, row)) for row in table.rows]
        rows = tuple(tuple((record.get(f["name"]) or "").strip() for f in fields) for record in records)
        tables[name] = PublicTable(fields, rows)
    return tables


def _phases(data: dict) -> tuple[Phase, ...]:
    phases = [Phase(pid, dt.date.fromisoformat(data[pid]["start"]),
                    dt.date.fromisoformat(data[pid]["end"]) if "end" in data[pid] else None)
              for pid in PHASE_IDS if pid in data]
    return tuple(sorted(phases, key=lambda p: (p.start, PHASE_IDS.index(p.id))))


def _call(data: dict | None, langs) -> Call | None:
    if not data:
        return None
    return Call(MappingProxyType({lang: tuple(items) for lang, items in data["criteria"].items()}),
                text_of(data["how_to_apply"], langs), data.get("apply_url"), data.get("submitted"),
                data.get("eligible"))


def _budget(data: dict | None, langs) -> Budget | None:
    if not data:
        return None
    return Budget(cents(data["total"]), tuple(Source(text_of(s["name"], langs), cents(s["amount"]))
                                             for s in data["sources"]),
                  tuple(Category(c["id"], text_of(c["name"], langs), cents(c["cap"]))
                        for c in data.get("categories", [])),
                  data.get("upfront_percent"))


def _rows(checked: CheckedCampaign, name: str) -> list[dict]:
    table = checked.tables.get(name)
    return table.rows if table else []


def _laureates(checked: CheckedCampaign) -> tuple[Laureate, ...]:
    langs = checked.languages
    descriptions: dict[str, dict[str, str]] = {}
    for doc in checked.files.projects:
        descriptions.setdefault(doc.slug, {})[doc.lang] = doc.body
    updates: dict[str, list[Update]] = {}
    for row in _rows(checked, "updates"):
        updates.setdefault(row["project"], []).append(Update(row["date"], row["status"], row_text(row, "text", langs)))
    payments: dict[str, list[Payment]] = {}
    for row in _rows(checked, "payments"):
        payments.setdefault(row["project"], []).append(Payment(row["date"], row["kind"], cents(row["amount"])))
    result = []
    for row in _rows(checked, "laureates"):
        goal = row.get("crowdfunding_goal")
        result.append(Laureate(
            slug=row["slug"], title=row_text(row, "title", langs), summary=row_text(row, "summary", langs),
            sdgs=tuple(sdg_numbers(row["sdgs"])), category=row.get("category"), amount=cents(row["amount"]),
            selected_by=selected_by(row["selected_by"], "selection" in checked.data), votes=row.get("votes"),
            status=row["status"], holder=localised(row, "holder", langs),
            image=row.get("image"), image_credit=row.get("image_credit"), video_url=row.get("video_url"),
            website=row.get("website"), address=localised(row, "address", langs),
            location=(row["latitude"], row["longitude"]) if row.get("latitude") is not None else None,
            crowdfunding=Crowdfunding(cents(goal), cents(row.get("crowdfunding_raised") or 0), row.get("crowdfunding_url"))
            if goal is not None else None,
            needs=MappingProxyType({kind: MappingProxyType(_need_lists(row, kind, langs)) for kind in NEED_KINDS}),
            description=MappingProxyType(descriptions.get(row["slug"], {})),
            updates=tuple(sorted(updates.get(row["slug"], []), key=lambda u: u.date)),
            gallery=tuple(sorted(m for m in checked.files.media if m.startswith(f"media/{row['slug']}-"))),
            prizes=tuple(row["prizes"].split(";")) if row.get("prizes") else (),
            score=float(row["score"]) if row.get("score") is not None else None,
            payments=tuple(sorted(payments.get(row["slug"], []), key=lambda p: p.date)),
            public_email=row.get("public_email"), public_url=row.get("public_url"),
        ))
    return tuple(result)


def _need_lists(row: dict, kind: str, langs) -> dict[str, tuple[str, ...]]:
    text = row_text(row, f"needs_{kind}", langs)
    return {lang: tuple(part.strip() for part in value.split(";") if part.strip()) for lang, value in text.items()}


# Phases are shown as phases (the timeline on the home page and the agenda); only a one-day phase that is a
# moment for the public becomes an (all-day) event, unless events.csv already has one of its kind. Long
# phases (coaching, a public vote's weeks) and the jury's closed-door deliberation are no events
# (issue 9: "the agenda turns the coaching phase into a six-month training event").
PHASE_EVENTS = {"launch": "launch", "closing_event": "closing"}


def _phase_events(phases: tuple[Phase, ...], events: list[Event], langs) -> list[Event]:
    """The launch day and the closing evening from the phases, when they last one day and no event has their kind."""
    kinds = {event.kind for event in events}
    derived = []
    for phase in phases:
        if phase.id in PHASE_EVENTS and PHASE_EVENTS[phase.id] not in kinds and phase.last_day == phase.start:
            start = dt.datetime.combine(phase.start, dt.time(), BRUSSELS)
            end = dt.datetime.combine(phase.last_day + dt.timedelta(days=1), dt.time(), BRUSSELS)
            derived.append(Event(slug=f"phase-{phase.id.replace('_', '-')}", kind=PHASE_EVENTS[phase.id],
                                 title=MappingProxyType({}), description=MappingProxyType({}), start=start, end=end,
                                 venue=None, address=None, online_url=None, registration_url=None,
                                 status="scheduled", project=None, all_day=True))
    return derived


def _events(checked: CheckedCampaign, langs) -> tuple[Event, ...]:
    events = [Event(
        slug=row["slug"], kind=row["kind"], title=row_text(row, "title", langs),
        description=row_text(row, "description", langs),
        start=row["start"].replace(tzinfo=BRUSSELS), end=row["end"].replace(tzinfo=BRUSSELS),
        venue=localised(row, "venue", langs), address=localised(row, "address", langs), online_url=row.get("online_url"),
        registration_url=row.get("registration_url"), status=row["status"], project=row.get("project"),
        news=row.get("news"), photos_url=row.get("photos_url"))
        for row in _rows(checked, "events")]
    events += _phase_events(_phases(checked.data["phases"]), events, langs)
    return tuple(sorted(events, key=lambda e: (e.start, e.slug)))


def _news(checked: CheckedCampaign) -> tuple[NewsPost, ...]:
    by_slug: dict[str, dict[str, object]] = {}
    for doc in checked.files.news:
        by_slug.setdefault(doc.slug, {})[doc.lang] = doc
    posts = []
    for slug, docs in by_slug.items():
        # A post may exist in some of the campaign's languages only; its date is the first version's.
        first = next(docs[lang] for lang in checked.languages if lang in docs)
        posts.append(NewsPost(
            slug=slug, date=dt.date.fromisoformat(first.meta.data["date"]),
            title=MappingProxyType({lang: d.meta.data["title"] for lang, d in docs.items()}),
            summary=MappingProxyType({lang: d.meta.data.get("summary", "") for lang, d in docs.items()}),
            body=MappingProxyType({lang: d.body for lang, d in docs.items()}),
            image=next((d.meta.data["image"] for d in docs.values() if d.meta.data.get("image")), None),
            languages=tuple(lang for lang in checked.languages if lang in docs)))
    return tuple(sorted(posts, key=lambda p: (p.date, p.slug), reverse=True))


def _actions(checked: CheckedCampaign) -> tuple[Action, ...]:
    langs = checked.languages
    return tuple(Action(row["slug"], row["theme"], row_text(row, "title", langs),
                        row_text(row, "description", langs), row["responsible"], row["status"],
                        row["progress"], tuple(sdg_numbers(row["sdgs"])))
                 for row in _rows(checked, "actions"))


@dataclass(frozen=True)
class ContentPage:
    slug: str
    title: Text
    body: Text


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

    @property
    def laureates(self) -> int:
        return sum(len(c.laureates) for c in self.campaigns)

    @property
    def granted(self) -> int:
        return sum(c.granted for c in self.campaigns)

    @property
    def municipalities(self) -> int:
        """Distinct municipalities (a municipality with several campaigns counts once)."""
        return len({m.nis_code for c in self.campaigns for m in c.municipalities})


def build_network(checked, campaigns: tuple[Campaign, ...]) -> Network:
    """Construct the typed network from its checked data and the campaigns."""
    data, langs = checked.data, checked.languages
    by_slug: dict[str, dict] = {}
    for doc in checked.pages:
        by_slug.setdefault(doc.slug, {})[doc.lang] = doc
    pages = tuple(ContentPage(slug, MappingProxyType({lang: d.meta.data["title"] for lang, d in docs.items()}),
                              MappingProxyType({lang: d.body for lang, d in docs.items()}))
                  for slug, docs in sorted(by_slug.items()))
    return Network(text_of(data["title"], langs), text_of(data["tagline"], langs), langs, data["base_url"],
                   Contact(**data["contact"]), pages, campaigns)
