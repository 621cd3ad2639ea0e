"""Checked data into the model: one `Campaign` per campaign folder, one `Network`. Private columns are
dropped here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from campaignsite.core.i18n import Formatter
from campaignsite.core.schemas import expand_table_schema
from campaignsite.model.records import (
    BRUSSELS,
    DEFAULT_COLOUR,
    DEFAULT_SDGS,
    NEED_KINDS,
    PHASE_IDS,
    Action,
    ActionStep,
    Budget,
    Call,
    Campaign,
    Candidate,
    Category,
    Contact,
    ContentPage,
    Crowdfunding,
    Event,
    Indicator,
    Juror,
    KitItem,
    Laureate,
    Municipality,
    Network,
    NewsPost,
    Partner,
    Payment,
    Phase,
    Prize,
    Programme,
    PublicTable,
    Results,
    SelectionStage,
    Source,
    Text,
    Update,
)
from campaignsite.validate.campaign_file import LEGACY_SELECTED_BY
from campaignsite.validate.selection import parse_marks
from campaignsite.validate.checked import CheckedCampaign
from campaignsite.validate.schema import cents
from campaignsite.validate.tables import sdg_numbers


def typeset(values: Mapping[str, str]) -> Text:
    """Editors' texts (plain or Markdown) per language, each with its language's no-break spaces
    (Formatter.typography), so every page, feed, calendar and widget shows them as a native writes
    them: set once here, whatever path a text takes to its reader (issue 22, item 7)."""
    return MappingProxyType({lang: Formatter(lang).typography(value) for lang, value in values.items()})


def text_of(value, languages: tuple[str, ...]) -> Text:
    """A per-language mapping from YAML: a plain string counts for every language."""
    if isinstance(value, str):
        return typeset({lang: value for lang in languages})
    return typeset(dict(value))


def euros(amount: int) -> int | float:
    """Cents as euros for JSON: a whole number when there are no cents (7500, not 7500.0)."""
    return amount // 100 if amount % 100 == 0 else amount / 100


def localised(row: dict, stem: str, languages: tuple[str, ...]) -> Text | None:
    """A cell given once (`stem`) with optional per-language versions (`stem_<lang>`): every language
    gets its own version where given, else the plain one. None when neither is given."""
    plain = row.get(stem)
    values = {lang: row.get(f"{stem}_{lang}") or plain for lang in languages}
    return typeset(values) if all(values.values()) else None


def row_text(row: dict, stem: str, languages: tuple[str, ...]) -> Text:
    """The `stem_<lang>` cells of a CSV row as a per-language mapping (empty cells left out)."""
    return typeset({lang: row[f"{stem}_{lang}"] for lang in languages if row.get(f"{stem}_{lang}")})


def build_campaign(checked: CheckedCampaign) -> Campaign:
    """Construct the typed campaign from its checked data."""
    data, langs = checked.data, checked.languages
    contact = Contact(**data["contact"])
    return Campaign(
        slug=checked.files.slug, folder=checked.files.root, kind=data["kind"], edition=data["edition"],
        languages=langs, title=text_of(data["title"], langs), tagline=text_of(data["tagline"], langs),
        short_title=text_of(data.get("short_title", data["title"]), langs),
        introduction=text_of(data["introduction"], langs),
        municipalities=tuple(Municipality(text_of(m["name"], langs), m["nis_code"], m["region"], m.get("province"))
                             for m in data["municipalities"]),
        base_url=data["base_url"], sdgs=tuple(data.get("sdgs", DEFAULT_SDGS)), contact=contact,
        press_contact=Contact(**data["press_contact"]) if "press_contact" in data else contact,
        colour=data.get("branding", {}).get("colour", DEFAULT_COLOUR), logo=data.get("branding", {}).get("logo"),
        phases=_phases(data["phases"]), call=_call(data.get("call"), langs), budget=_budget(data.get("budget"), langs),
        partners=tuple(Partner(p["name"], p["role"], p.get("logo"), p.get("url")) for p in data.get("partners", [])),
        selection=_selection(checked),
        prizes=tuple(Prize(p["id"], text_of(p["name"], langs), p.get("stage"),
                           cents(p["amount"]) if "amount" in p else None, p.get("from_budget", False))
                     for p in data.get("prizes", [])),
        results_day=_day(data.get("results_day")), programme=data.get("programme"), candidates=_candidates(checked),
        kit=tuple(KitItem(k["file"], text_of(k["title"], langs), k["kind"], k.get("credit"), k.get("licence"))
                  for k in data.get("kit", [])),
        laureates=_laureates(checked), events=_events(checked, langs), news=_news(checked),
        actions=_actions(checked), public_tables=MappingProxyType(_public_tables(checked)),
    )


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
            tuple(_juror(m, langs) for m in s.get("members", [])), s.get("url"),
            text_of(s["how_to_vote"], langs) if "how_to_vote" in s else empty) for s in data["selection"])
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
    return Call(MappingProxyType({lang: tuple(Formatter(lang).typography(item) for item in items)
                                  for lang, items in data["criteria"].items()}),
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


def results_of(row: dict, langs) -> Results:
    """The results columns of a candidates.csv or laureates.csv row."""
    return Results(votes=row.get("votes"), marks=MappingProxyType(parse_marks(row.get("marks"))),
                   score=float(row["score"]) if row.get("score") is not None else None, rank=row.get("rank"),
                   reason=row_text(row, "reason", langs),
                   prizes=tuple(row["prizes"].split(";")) if row.get("prizes") else ())


def _candidates(checked: CheckedCampaign) -> tuple[Candidate, ...]:
    langs, selected = checked.languages, {row["slug"] for row in _rows(checked, "laureates")}
    return tuple(Candidate(
        slug=row["slug"], title=row_text(row, "title", langs), summary=row_text(row, "summary", langs),
        sdgs=tuple(sdg_numbers(row["sdgs"])), holder=localised(row, "holder", langs),
        address=localised(row, "address", langs), image=row.get("image"), image_credit=row.get("image_credit"),
        results=results_of(row, langs), selected=row["slug"] in selected, municipality=municipality_of(checked, row),
        **_holder(row)) for row in _rows(checked, "candidates"))


def municipality_of(checked: CheckedCampaign, row: dict) -> str:
    """The NIS code of a project's municipality: its own column, else its campaign's one municipality
    (the checks make sure a campaign of several names it)."""
    return row.get("municipality") or checked.data["municipalities"][0]["nis_code"]


def _holder(row: dict) -> dict:
    """Who a project's holder is, and whether and since when a person agreed to be named."""
    return {"holder_type": row.get("holder_type"), "holder_consent": row.get("holder_consent")}


def _merged(own: Results, candidate: Results | None) -> Results:
    """A laureate's results: its candidates.csv row's, with what laureates.csv adds (the checks made sure
    that a value given in both is the same)."""
    if candidate is None:
        return own
    return Results(votes=candidate.votes if candidate.votes is not None else own.votes,
                   marks=candidate.marks or own.marks, score=candidate.score if candidate.score is not None else own.score,
                   rank=candidate.rank if candidate.rank is not None else own.rank,
                   reason=candidate.reason or own.reason, prizes=candidate.prizes or own.prizes)


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
    candidates = {row["slug"]: results_of(row, langs) for row in _rows(checked, "candidates")}
    for row in _rows(checked, "laureates"):
        goal = row.get("crowdfunding_goal")
        results = _merged(results_of(row, langs), candidates.get(row["slug"]))
        result.append(Laureate(
            slug=row["slug"], title=row_text(row, "title", langs), summary=row_text(row, "summary", langs),
            sdgs=tuple(sdg_numbers(row["sdgs"])), category=row.get("category"), amount=cents(row["amount"]),
            selected_by=selected_by(row["selected_by"], "selection" in checked.data), votes=results.votes,
            status=row["status"], holder=localised(row, "holder", langs),
            image=row.get("image"), image_credit=row.get("image_credit"), video_url=row.get("video_url"),
            website=row.get("website"), address=localised(row, "address", langs),
            location=(row["latitude"], row["longitude"]) if row.get("latitude") is not None else None,
            crowdfunding=Crowdfunding(cents(goal), cents(row.get("crowdfunding_raised") or 0), row.get("crowdfunding_url"))
            if goal is not None else None,
            needs=MappingProxyType({kind: MappingProxyType(_need_lists(row, kind, langs)) for kind in NEED_KINDS}),
            description=typeset(descriptions.get(row["slug"], {})),
            updates=tuple(sorted(updates.get(row["slug"], []), key=lambda u: u.date)),
            gallery=tuple(sorted(m for m in checked.files.media if m.startswith(f"media/{row['slug']}-"))),
            prizes=results.prizes, score=results.score, marks=results.marks, rank=results.rank,
            reason=results.reason, payments=tuple(sorted(payments.get(row["slug"], []), key=lambda p: p.date)),
            public_email=row.get("public_email"), public_url=row.get("public_url"),
            tracked="payments" in checked.tables, municipality=municipality_of(checked, row), **_holder(row),
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
        news=row.get("news"), photos_url=row.get("photos_url"), actions=_list(row.get("actions")),
        participants=row.get("participants"), outcome=row_text(row, "outcome", langs))
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
            title=typeset({lang: d.meta.data["title"] for lang, d in docs.items()}),
            summary=typeset({lang: d.meta.data.get("summary", "") for lang, d in docs.items()}),
            body=typeset({lang: d.body for lang, d in docs.items()}),
            image=next((d.meta.data["image"] for d in docs.values() if d.meta.data.get("image")), None),
            languages=tuple(lang for lang in checked.languages if lang in docs)))
    return tuple(sorted(posts, key=lambda p: (p.date, p.slug), reverse=True))


def _list(cell: str | None) -> tuple[str, ...]:
    """A ';'-separated cell as its parts, blanks left out."""
    return tuple(part.strip() for part in (cell or "").split(";") if part.strip())


def _actions(checked: CheckedCampaign) -> tuple[Action, ...]:
    langs = checked.languages
    history: dict[str, list[ActionStep]] = {}
    for row in _rows(checked, "action_updates"):
        history.setdefault(row["action"], []).append(ActionStep(
            row["date"], row["status"], row["progress"], row.get("value"), row_text(row, "text", langs)))
    return tuple(Action(
        row["slug"], row["theme"], row_text(row, "title", langs), row_text(row, "description", langs),
        row["responsible"], row["status"], row["progress"], tuple(sdg_numbers(row["sdgs"])),
        sector=row.get("sector"), start=row.get("start"), target_date=row.get("target_date"),
        indicator=Indicator(row_text(row, "indicator", langs), row.get("indicator_unit"),
                            row.get("indicator_baseline") or 0, row["indicator_target"])
        if row.get("indicator_target") is not None else None,
        budget=cents(row["budget"]) if row.get("budget") is not None else None,
        funders=_list(row.get("funders")), partners=_list(row.get("partners")),
        co2_saving=row.get("co2_saving"), energy_saving=row.get("energy_saving"),
        history=tuple(sorted(history.get(row["slug"], []), key=lambda step: step.date)))
        for row in _rows(checked, "actions"))


def build_network(checked, campaigns: tuple[Campaign, ...]) -> Network:
    """Construct the typed network from its checked data and the campaigns."""
    data, langs = checked.data, checked.languages
    by_slug: dict[str, dict] = {}
    for doc in checked.pages:
        by_slug.setdefault(doc.slug, {})[doc.lang] = doc
    pages = tuple(ContentPage(slug, typeset({lang: d.meta.data["title"] for lang, d in docs.items()}),
                              typeset({lang: d.body for lang, d in docs.items()}))
                  for slug, docs in sorted(by_slug.items()))
    programmes = tuple(Programme(p["id"], text_of(p["name"], langs), text_of(p.get("description", {}), langs))
                       for p in data.get("programmes", []))
    prefix = data.get("grant_id_prefix")
    campaigns = tuple(dataclasses.replace(campaign, grant_id_prefix=prefix) for campaign in campaigns)
    return Network(text_of(data["title"], langs), text_of(data["tagline"], langs), langs, data["base_url"],
                   Contact(**data["contact"]), pages, campaigns, programmes=programmes, grant_id_prefix=prefix,
                   short_title=text_of(data.get("short_title", data["title"]), langs))
