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
from .languages import CODES as LANGUAGES
from .schemas import DATA_DIR, default, expand_table_schema

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
    """One UN Sustainable Development Goal: number, official colour, short titles per language."""

    number: int
    colour: str
    title: Text


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


def text_colour(background: str) -> str:
    """Black or white text, whichever contrasts more with `background` (WCAG relative luminance)."""
    return "#000000" if contrast(background, "#000000") >= contrast(background, "#FFFFFF") else "#FFFFFF"


@functools.lru_cache(maxsize=1)
def get_sdgs() -> Mapping[int, Sdg]:
    """The 17 goals from data/sdg_goals.csv."""
    with open(DATA_DIR / "sdg_goals.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return MappingProxyType({
        int(r["goal"]): Sdg(int(r["goal"]), r["colour"],
                            MappingProxyType({lang: r[f"title_{lang}"] for lang in LANGUAGES}))
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
    kind: str
    affiliation: Text | None


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
    amount: int
    selected_by: str
    votes: int | None
    status: str
    holder: str
    image: str | None
    image_credit: str | None
    video_url: str | None
    website: str | None
    address: str | None
    location: tuple[float, float] | None
    crowdfunding: Crowdfunding | None
    needs: Mapping[str, Mapping[str, tuple[str, ...]]]
    description: Text
    updates: tuple[Update, ...]
    gallery: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    slug: str
    kind: str
    title: Text
    description: Text
    start: dt.datetime
    end: dt.datetime
    venue: str | None
    address: str | None
    online_url: str | None
    registration_url: str | None
    status: str
    project: str | None
    all_day: bool = False

    @property
    def upcoming_on(self) -> dt.date:
        """The last day the event is still to come."""
        return self.end.date()


@dataclass(frozen=True)
class NewsPost:
    slug: str
    date: dt.date
    title: Text
    summary: Text
    body: Text
    image: str | None = None  # media/<file>: shown on the post and as its sharing preview


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
    jury: tuple[Juror, ...]
    kit: tuple[KitItem, ...]
    laureates: tuple[Laureate, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())
    news: tuple[NewsPost, ...] = field(default=())
    actions: tuple[Action, ...] = field(default=())
    public_tables: Mapping[str, "PublicTable"] = field(default_factory=dict)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def granted(self) -> int:
        return sum(laureate.amount for laureate in self.laureates)

    def laureate(self, slug: str) -> Laureate:
        return next(item for item in self.laureates if item.slug == slug)


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
        jury=tuple(Juror(j["name"], j["kind"], text_of(j["affiliation"], langs) if "affiliation" in j else None)
                   for j in data.get("jury", [])),
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


def _public_tables(checked: CheckedCampaign) -> dict[str, PublicTable]:
    """Each table's public columns (a whitelist from the Table Schema: x-private never passes)."""
    tables = {}
    for name, table in checked.files.tables.items():
        fields = tuple(f for f in expand_table_schema(name, checked.languages)["fields"] if not f.get("x-private"))
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
    return Budget(data["total"], tuple(Source(text_of(s["name"], langs), s["amount"]) for s in data["sources"]),
                  tuple(Category(c["id"], text_of(c["name"], langs), c["cap"]) for c in data.get("categories", [])),
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
    result = []
    for row in _rows(checked, "laureates"):
        goal = row.get("crowdfunding_goal")
        result.append(Laureate(
            slug=row["slug"], title=row_text(row, "title", langs), summary=row_text(row, "summary", langs),
            sdgs=tuple(sdg_numbers(row["sdgs"])), category=row.get("category"), amount=row["amount"],
            selected_by=row["selected_by"], votes=row.get("votes"), status=row["status"], holder=row["holder"],
            image=row.get("image"), image_credit=row.get("image_credit"), video_url=row.get("video_url"),
            website=row.get("website"), address=row.get("address"),
            location=(row["latitude"], row["longitude"]) if row.get("latitude") is not None else None,
            crowdfunding=Crowdfunding(goal, row.get("crowdfunding_raised") or 0, row.get("crowdfunding_url"))
            if goal is not None else None,
            needs=MappingProxyType({kind: MappingProxyType(_need_lists(row, kind, langs)) for kind in NEED_KINDS}),
            description=MappingProxyType(descriptions.get(row["slug"], {})),
            updates=tuple(sorted(updates.get(row["slug"], []), key=lambda u: u.date)),
            gallery=tuple(sorted(m for m in checked.files.media if m.startswith(f"media/{row['slug']}-"))),
        ))
    return tuple(result)


def _need_lists(row: dict, kind: str, langs) -> dict[str, tuple[str, ...]]:
    text = row_text(row, f"needs_{kind}", langs)
    return {lang: tuple(part.strip() for part in value.split(";") if part.strip()) for lang, value in text.items()}


# Phases that are moments for the public: shown as (all-day) events unless events.csv already has one.
PHASE_EVENTS = {"jury": ("jury",), "coaching": ("training", "mentoring"), "closing_event": ("closing",),
                "launch": ("launch",), "public_vote": ("public-vote",)}
PHASE_EVENT_KIND = {"jury": "jury", "coaching": "training", "closing_event": "closing", "launch": "launch",
                    "public_vote": "public-vote"}


def _phase_events(phases: tuple[Phase, ...], events: list[Event], langs) -> list[Event]:
    """Jury, coaching, closing evening (and launch, vote) from the phases, when no event covers them."""
    kinds = {event.kind for event in events}
    derived = []
    for phase in phases:
        if phase.id in PHASE_EVENTS and not kinds.intersection(PHASE_EVENTS[phase.id]):
            start = dt.datetime.combine(phase.start, dt.time(), BRUSSELS)
            end = dt.datetime.combine(phase.last_day + dt.timedelta(days=1), dt.time(), BRUSSELS)
            derived.append(Event(slug=f"phase-{phase.id.replace('_', '-')}", kind=PHASE_EVENT_KIND[phase.id],
                                 title=MappingProxyType({}), description=MappingProxyType({}), start=start, end=end,
                                 venue=None, address=None, online_url=None, registration_url=None,
                                 status="scheduled", project=None, all_day=True))
    return derived


def _events(checked: CheckedCampaign, langs) -> tuple[Event, ...]:
    events = [Event(
        slug=row["slug"], kind=row["kind"], title=row_text(row, "title", langs),
        description=row_text(row, "description", langs),
        start=row["start"].replace(tzinfo=BRUSSELS), end=row["end"].replace(tzinfo=BRUSSELS),
        venue=row.get("venue"), address=row.get("address"), online_url=row.get("online_url"),
        registration_url=row.get("registration_url"), status=row["status"], project=row.get("project"))
        for row in _rows(checked, "events")]
    events += _phase_events(_phases(checked.data["phases"]), events, langs)
    return tuple(sorted(events, key=lambda e: (e.start, e.slug)))


def _news(checked: CheckedCampaign) -> tuple[NewsPost, ...]:
    by_slug: dict[str, dict[str, object]] = {}
    for doc in checked.files.news:
        by_slug.setdefault(doc.slug, {})[doc.lang] = doc
    posts = []
    for slug, docs in by_slug.items():
        first = docs[checked.languages[0]]
        posts.append(NewsPost(
            slug=slug, date=dt.date.fromisoformat(first.meta.data["date"]),
            title=MappingProxyType({lang: d.meta.data["title"] for lang, d in docs.items()}),
            summary=MappingProxyType({lang: d.meta.data.get("summary", "") for lang, d in docs.items()}),
            body=MappingProxyType({lang: d.body for lang, d in docs.items()}),
            image=next((d.meta.data["image"] for d in docs.values() if d.meta.data.get("image")), None)))
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
