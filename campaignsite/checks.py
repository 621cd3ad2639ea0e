"""Stage 2, validate: schemas per file, then the checks that need several files at once.

`validate_campaign` returns the campaign's checked data (`CheckedCampaign`) or nothing, and appends
every problem it finds; the build goes on only when no campaign has a problem.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import signal
import threading
from dataclasses import dataclass, field

from . import crosschecks
from .codes import Code
from .errors import Problem, msg, nmsg
from .languages import CODES as LANGUAGES
from .load import (CAMPAIGN_FILE, TABLE_FILES, CampaignFiles, Limits, MarkdownDoc, YamlDoc, dotted, entry_kind,
                   folder_names, markdown_nesting, printable)
from .schemas import TableRows, check_table, check_yaml, date_range, kind_of, quoted

SLUG = re.compile(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z")
# Names the engine itself publishes at the top of the site (and of each portal language folder), beside
# the portal's own pages (registry.py) and its language folders (languages.py); see reserved_names().
ENGINE_NAMES = {
    "index": msg("the home page (index.html)"),
    "404": msg("the page for unknown addresses (404.html)"),
    "sitemap": msg("the sitemaps (sitemap.xml, sitemap.xml.gz)"),
    "robots": "robots.txt",
    "assets": msg("the theme's styles, scripts and icons"),
    "search": msg("the search page"),
    "pagefind": msg("the search index (Pagefind)"),
    "agenda": msg("the combined calendar (agenda.ics)"),
    "embed": msg("widgets for other websites"),
    "data": msg("the network's open data"),
    "media": msg("the network's media files"),
    "static": msg("kept for static files"),
    "campaigns": msg("kept for a list of campaigns"),
    "laureates": msg("kept for a list of laureates"),
    "press": msg("kept for a press page"),
}
SDG_RANGE = range(1, 18)
CAMPAIGN_ENTRIES = frozenset({CAMPAIGN_FILE, *(f"{name}.csv" for name in TABLE_FILES), "projects", "news", "media"})
# Phase order the calendar must respect: (earlier, later), compared start to start unless noted.
PHASE_ORDER = (("launch", "start", "call", "start"), ("call", "end", "jury", "start"),
               ("call", "end", "public_vote", "start"))


@dataclass
class CheckedCampaign:
    """A campaign whose every file passed its schema and the cross-file checks."""

    files: CampaignFiles
    data: dict
    languages: tuple[str, ...]
    tables: dict[str, TableRows] = field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def reserved_names() -> dict[str, str]:
    """Every name a campaign folder or a portal page may not take, with what the site publishes under it:
    the portal's pages (the first part of their address in registry.py), its language folders, and the
    engine's own files and folders (ENGINE_NAMES)."""
    from .registry import PAGE_TYPES  # the registry's builders import the model, which imports this module
    names = {}
    for page_type in PAGE_TYPES:
        first = page_type.url.split("/")[0]
        if page_type.site == "portal" and first and "{" not in first:
            names.setdefault(first, msg("the portal's page %(url)s", url=page_type.url))
    names.update({code: msg("a language folder of the portal") for code in LANGUAGES})
    for name, what in ENGINE_NAMES.items():
        names.setdefault(name, what)
    return dict(sorted(names.items()))


def validate_campaign(files: CampaignFiles, problems: list[Problem]) -> CheckedCampaign | None:
    """Check one campaign; append its problems; the checked campaign if it has none."""
    before = len(problems)
    _check_folder(files, problems)
    doc = files.campaign
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(not_a_mapping(doc, "title:, kind:, languages:, ..."))
        return None
    schema_problems = check_yaml(doc, "campaign", files.limits)
    problems.extend(schema_problems)
    languages = get_languages(doc.data)
    if languages is None:
        return None
    checked = CheckedCampaign(files, doc.data, languages)
    # The tables only need the languages, so their problems are reported even when campaign.yml has some.
    for name, table in files.tables.items():
        rows, table_problems = check_table(table, name, languages, files.limits)
        problems.extend(table_problems)
        if rows is not None:
            checked.tables[name] = rows
    if schema_problems:
        return None
    _check_campaign_yaml(doc, languages, media_names(files), problems)
    _check_tables(checked, problems)
    if len(problems) == before:  # the cross-checks trust every value they compare
        crosschecks.check_tables(doc.data, checked.tables, problems)
    _check_markdown(checked, problems)
    if len(problems) == before:
        # Last, as it renders: each Markdown text once, bounded in time (the pages reuse the result).
        _check_markdown_rendering(checked, problems)
    return checked if len(problems) == before else None


class _AnyName:
    """Every name: when media/ itself is a link (reported as such), its files are not looked for."""

    def __contains__(self, name) -> bool:
        return True


def media_names(files: CampaignFiles) -> set[str] | _AnyName:
    """media/ names that may be referenced without a missing-media problem: the regular files, and the
    links and special files already reported as such."""
    if "media" in files.refused:
        return _AnyName()
    return files.media | {name for name in files.refused if name.startswith("media/")}


def _check_folder(files: CampaignFiles, problems: list[Problem]) -> None:
    folder_rel = f"campaigns/{files.slug}"
    for name in folder_names(files.root, files.limits):
        # A misspelt `laureaten.csv` would otherwise be skipped without a word. Droppings (dotfiles,
        # backups) are never read; links and special files are reported already.
        if name not in CAMPAIGN_ENTRIES and name not in files.refused:
            problems.append(Problem(f"{folder_rel}/{printable(name)}", None, "", msg(
                "is not a file the site reads: expected %(names)s", names=", ".join(sorted(CAMPAIGN_ENTRIES))),
                Code.UNKNOWN_FILE))
    for kind in ("projects", "news"):
        folder = files.root / kind
        for name in folder_names(folder, files.limits) if entry_kind(folder) == "dir" else ():
            if not name.endswith(".md") and f"{kind}/{name}" not in files.refused:
                problems.append(Problem(f"{folder_rel}/{kind}/{name}", None, "", msg(
                    "is not a file the site reads: expected <slug>.<language>.md files"), Code.UNKNOWN_FILE))
    if not SLUG.match(files.slug) or len(files.slug) > 60:
        problems.append(Problem(printable(folder_rel), None, "slug", msg(
            "%(value)s is not a safe folder name: use lower-case letters, digits and single hyphens",
            value=quoted(files.slug)), Code.UNSAFE_SLUG))
    elif files.slug in reserved_names():
        problems.append(Problem(folder_rel, None, "slug", msg(
            "%(value)s is reserved: the site publishes %(what)s there; choose another folder name",
            value=quoted(files.slug), what=reserved_names()[files.slug]), Code.RESERVED_SLUG))


def not_a_mapping(doc: YamlDoc, example: str) -> Problem:
    """The problem for a YAML file that is empty, or a list or a text instead of `key: value` lines."""
    if doc.data is None:
        return Problem(doc.rel, 1, "", msg("is empty: expected `key: value` lines (%(example)s)", example=example),
                       Code.EMPTY_FILE)
    return Problem(doc.rel, 1, "", msg("is %(kind)s, expected `key: value` lines (%(example)s)",
                                       kind=kind_of(doc.data), example=example), Code.WRONG_TYPE)


def get_languages(data: dict) -> tuple[str, ...] | None:
    """The languages a YAML file declares, or None if they are not a usable list of known languages."""
    languages = data.get("languages")
    if not isinstance(languages, list) or not languages:
        return None
    if not all(isinstance(lang, str) and lang in LANGUAGES for lang in languages):
        return None
    return tuple(languages) if len(set(languages)) == len(languages) else None


# --- campaign.yml --------------------------------------------------------------------------------

def _check_campaign_yaml(doc: YamlDoc, languages: tuple, media: set, problems: list[Problem]) -> None:
    data = doc.data
    for path, value in _walk(data, ()):
        if _is_text_path(path) and isinstance(value, dict):
            _check_translations(doc, path, value, languages, problems)
    for index, goal in enumerate(data.get("sdgs", [])):
        if goal not in SDG_RANGE:
            problems.append(Problem(doc.rel, doc.line_of(("sdgs", index)), "sdgs",
                                    msg("%(value)s is not an SDG (1-17)", value=quoted(goal)), Code.UNKNOWN_SDG))
    for path, value in _walk(data, ()):
        if isinstance(value, str) and value.startswith("media/") and value not in media:
            problems.append(Problem(doc.rel, doc.line_of(path), dotted(path),
                                    msg("%(value)s does not exist in the campaign's media/ folder",
                                        value=quoted(value)), Code.MISSING_MEDIA))
    if data["kind"] == "call-for-projects" and "call" not in data:
        problems.append(Problem(doc.rel, 1, "call", msg("is required for a call-for-projects campaign: the "
                                                        "criteria and how to apply"), Code.MISSING_FIELD))
    _check_phases(doc, problems)
    _check_budget(doc, problems)
    _check_call_counts(doc, problems)
    crosschecks.check_campaign(doc, problems)


def _walk(value, path):
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, path + (index,))


def _is_text_path(path: tuple) -> bool:
    """Paths whose value is a per-language mapping (translated text, or names given per language)."""
    names = {"title", "tagline", "introduction", "how_to_apply", "criteria", "name", "affiliation", "role",
             "description"}
    return bool(path) and path[-1] in names


def _check_translations(doc: YamlDoc, path: tuple, value: dict, languages: tuple, problems: list) -> None:
    for lang in languages:
        if lang not in value:
            problems.append(Problem(doc.rel, doc.line_of(path), dotted(path),
                                    msg("has no %(lang)s text; every language of the campaign (%(languages)s) is "
                                        "required", lang=quoted(lang), languages=", ".join(languages)),
                                    Code.MISSING_TRANSLATION))
    for lang in value:
        if lang not in languages:
            problems.append(Problem(doc.rel, doc.line_of(path + (lang,)), dotted(path + (lang,)),
                                    msg("%(value)s is not a language of this campaign (%(languages)s)",
                                        value=quoted(lang), languages=", ".join(languages)), Code.UNKNOWN_LANGUAGE))


def parse_date(text: str) -> dt.date | None:
    """A date written YYYY-MM-DD, or None if it is not one or the calendar has no such day."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def date_out_of_range(day: dt.date) -> str | None:
    """The message for a day outside the range every date must be in (schemas.date_range), or None."""
    first, last = date_range()
    return None if first <= day <= last else msg("%(date)s is out of range: expected a date from %(first)s to "
                                                 "%(last)s", date=day, first=first, last=last)


def _check_phases(doc: YamlDoc, problems: list[Problem]) -> None:
    phases = doc.data["phases"]
    dates: dict[tuple[str, str], dt.date] = {}
    for name, phase in phases.items():
        for edge in ("start", "end"):
            if edge in phase:
                day = parse_date(phase[edge])
                where = (doc.rel, doc.line_of(("phases", name, edge)), f"phases.{name}.{edge}")
                if day is None:
                    problems.append(Problem(*where, msg("%(value)s is not a date in the calendar",
                                                        value=quoted(phase[edge])), Code.BAD_DATE))
                elif date_out_of_range(day):
                    problems.append(Problem(*where, date_out_of_range(day), Code.OUT_OF_RANGE))
                else:
                    dates[name, edge] = day
        if (name, "end") in dates and (name, "start") in dates and dates[name, "end"] < dates[name, "start"]:
            problems.append(Problem(doc.rel, doc.line_of(("phases", name, "end")), f"phases.{name}.end",
                                    msg("%(date)s is before the start %(start)s", date=dates[name, "end"],
                                        start=dates[name, "start"]), Code.DATE_ORDER))
    for early, early_edge, late, late_edge in PHASE_ORDER:
        a, b = dates.get((early, early_edge)), dates.get((late, late_edge))
        if a and b and b < a:
            problems.append(Problem(doc.rel, doc.line_of(("phases", late, late_edge)), f"phases.{late}.{late_edge}",
                                    msg("%(date)s is before %(field)s (%(other)s); expected the %(later)s after the "
                                        "%(earlier)s", date=b, field=f"phases.{early}.{early_edge}", other=a,
                                        later=late.replace("_", " "), earlier=early.replace("_", " ")),
                                    Code.DATE_ORDER))


def _check_call_counts(doc: YamlDoc, problems: list[Problem]) -> None:
    call = doc.data.get("call", {})
    if "submitted" in call and "eligible" in call and call["eligible"] > call["submitted"]:
        problems.append(Problem(doc.rel, doc.line_of(("call", "eligible")), "call.eligible",
                                msg("%(eligible)s is more than the %(submitted)s projects submitted",
                                    eligible=call["eligible"], submitted=call["submitted"]), Code.INCONSISTENT))


def _check_budget(doc: YamlDoc, problems: list[Problem]) -> None:
    budget = doc.data.get("budget")
    if not budget:
        return
    total = sum(source["amount"] for source in budget["sources"])
    if total != budget["total"]:
        problems.append(Problem(doc.rel, doc.line_of(("budget", "total")), "budget.total",
                                msg("%(total)s is not the sum of the sources (%(sum)s)", total=budget["total"],
                                    sum=total), Code.BUDGET_MISMATCH))
    seen = set()
    for index, category in enumerate(budget.get("categories", [])):
        if category["id"] in seen:
            problems.append(Problem(doc.rel, doc.line_of(("budget", "categories", index, "id")),
                                    "budget.categories.id", msg("%(value)s is used twice", value=quoted(category["id"])),
                                    Code.DUPLICATE_ID))
        seen.add(category["id"])


# --- CSV tables ----------------------------------------------------------------------------------

def laureate_slugs(checked: CheckedCampaign) -> set[str] | None:
    """The laureates' slugs; None when laureates.csv exists but has problems of its own, so references
    to it are not reported a second time as unknown."""
    laureates = checked.tables.get("laureates")
    if laureates:
        return {row["slug"] for row in laureates.rows}
    return None if entry_kind(checked.files.root / "laureates.csv") is not None else set()


def news_slugs(checked: CheckedCampaign) -> set[str]:
    """The slugs of the campaign's news posts, in whatever languages they exist."""
    return {doc.slug for doc in checked.files.news}


def _check_tables(checked: CheckedCampaign, problems: list[Problem]) -> None:
    laureates = checked.tables.get("laureates")
    slugs = laureate_slugs(checked)
    caps = {c["id"]: c["cap"] for c in checked.data.get("budget", {}).get("categories", [])}
    if laureates:
        for row, line in zip(laureates.rows, laureates.lines):
            _check_laureate(laureates.rel, line, row, caps, media_names(checked.files), problems)
    if "actions" in checked.tables:
        table = checked.tables["actions"]
        for row, line in zip(table.rows, table.lines):
            _check_sdgs(table.rel, line, row["sdgs"], problems)
    for name in ("events", "updates", "payments"):
        table = checked.tables.get(name)
        for row, line in zip(table.rows, table.lines) if table else ():
            if row.get("project") and slugs is not None and row["project"] not in slugs:
                problems.append(Problem(table.rel, line, "project", msg(
                    "%(value)s is not a laureate slug in laureates.csv", value=quoted(row["project"])),
                    Code.UNKNOWN_PROJECT))
            if name == "events" and row.get("news") and row["news"] not in news_slugs(checked):
                problems.append(Problem(table.rel, line, "news", msg(
                    "%(value)s is not a news post of the campaign: expected the slug of a file "
                    "news/<slug>.<language>.md", value=quoted(row["news"])), Code.UNKNOWN_NEWS))
            if name == "events" and row["end"] <= row["start"]:
                problems.append(Problem(table.rel, line, "end", msg(
                    "%(end)s is not after the start %(start)s", end=f"{row['end']:%Y-%m-%d %H:%M}",
                    start=f"{row['start']:%Y-%m-%d %H:%M}"), Code.DATE_ORDER))


def sdg_numbers(text: str) -> list[int]:
    """'11;13' -> [11, 13]."""
    return [int(part) for part in text.split(";")]


def _check_sdgs(rel: str, line: int, text: str, problems: list[Problem]) -> None:
    numbers = sdg_numbers(text)
    for goal in numbers:
        if goal not in SDG_RANGE:
            problems.append(Problem(rel, line, "sdgs", msg("%(value)s is not an SDG (1-17)", value=quoted(goal)),
                                    Code.UNKNOWN_SDG))
    if len(set(numbers)) != len(numbers):
        problems.append(Problem(rel, line, "sdgs", msg("%(value)s lists a goal twice", value=quoted(text)),
                                Code.DUPLICATE_VALUE))


def _check_laureate(rel: str, line: int, row: dict, caps: dict, media: set, problems: list[Problem]) -> None:
    _check_sdgs(rel, line, row["sdgs"], problems)
    category = row.get("category")
    if category and category not in caps:
        known = ", ".join(caps) or msg("none are defined in campaign.yml budget.categories")
        problems.append(Problem(rel, line, "category", msg("%(value)s is not a budget category (%(known)s)",
                                                           value=quoted(category), known=known), Code.UNKNOWN_CATEGORY))
    elif category and row["amount"] > caps[category]:
        problems.append(Problem(rel, line, "amount", msg("%(amount)s is above the cap of category %(category)s "
                                                         "(%(cap)s)", amount=row["amount"], category=quoted(category),
                                                         cap=caps[category]), Code.OVER_CAP))
    elif not category and caps:
        problems.append(Problem(rel, line, "category", msg("is empty: expected one of %(values)s",
                                                           values=", ".join(caps)), Code.MISSING_VALUE))
    if row["selected_by"] in ("public-vote", "both") and row.get("votes") is None:
        problems.append(Problem(rel, line, "votes", msg("is empty but the project was selected by %(selected_by)s: "
                                                        "give the number of votes", selected_by=row["selected_by"]),
                                Code.MISSING_VALUE))
    if row.get("image") and row["image"] not in media:
        problems.append(Problem(rel, line, "image", msg("%(value)s does not exist in the campaign's media/ folder",
                                                        value=quoted(row["image"])), Code.MISSING_MEDIA))
    goal = row.get("crowdfunding_goal")
    for name in ("crowdfunding_raised", "crowdfunding_url"):
        if row.get(name) is not None and goal is None:
            problems.append(Problem(rel, line, name, msg("is filled but crowdfunding_goal is empty"),
                                    Code.INCONSISTENT))
    if (row.get("latitude") is None) != (row.get("longitude") is None):
        problems.append(Problem(rel, line, "longitude" if row.get("longitude") is None else "latitude",
                                msg("is empty: give both latitude and longitude, or neither"), Code.INCONSISTENT))


# --- Markdown ------------------------------------------------------------------------------------

def _check_markdown(checked: CheckedCampaign, problems: list[Problem]) -> None:
    slugs = laureate_slugs(checked)
    for doc in checked.files.projects:
        _check_doc_language(doc, checked.languages, problems)
        if slugs is not None and doc.slug not in slugs:
            problems.append(Problem(doc.rel, None, "", msg("%(value)s is not a laureate slug in laureates.csv",
                                                           value=quoted(doc.slug)), Code.UNKNOWN_PROJECT))
    for doc in checked.files.news:
        _check_doc_language(doc, checked.languages, problems)
        if not SLUG.match(doc.slug):
            problems.append(Problem(doc.rel, None, "", msg("%(value)s is not a safe file name: use lower-case "
                                                           "letters, digits and single hyphens", value=quoted(doc.slug)),
                                    Code.UNSAFE_SLUG))
        _check_news_meta(doc, media_names(checked.files), problems)
    _check_doc_translations(checked, "projects", problems)


# --- Markdown rendering, bounded ----------------------------------------------------------------

MARKDOWN_FIELDS = (("introduction",), ("call", "how_to_apply"))


class _TimeUp(BaseException):
    """Rendering a Markdown text took longer than its limit (a BaseException: no `except Exception` in
    the Markdown library swallows it)."""


@contextlib.contextmanager
def _time_limit(seconds: int):
    """Interrupt the block after `seconds` with _TimeUp; only the main thread can, elsewhere it runs freely."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def markdown_problem(text: str, limits: Limits) -> tuple[str, Code] | None:
    """Why the Markdown `text` cannot be published, as (message, code), or None. It is rendered here,
    once: Python-Markdown recurses on some inputs and is quadratic on others (thousands of unclosed
    '[' or '<'), so the rendering is bounded in time and recursion before any page needs it."""
    nested = markdown_nesting(text, limits.markdown_depth)
    if nested:
        return (msg("line %(line)s of the text %(what)s, more than the %(limit)s allowed; raise "
                    "limits.markdown_depth in content/network.yml", line=nested[0], what=nested[1],
                    limit=limits.markdown_depth), Code.TOO_DEEP)
    from .model import render_markdown  # the model imports this module
    try:
        with _time_limit(limits.markdown_seconds):
            render_markdown(text)
    except RecursionError:
        return msg("nests too deeply for the Markdown renderer (a long run of definition lists?)"), Code.TOO_DEEP
    except _TimeUp:
        return (msg("takes more than %(seconds)s s to render (thousands of unclosed brackets, tags or "
                    "abbreviations?); simplify it, or raise limits.markdown_seconds in content/network.yml",
                    seconds=limits.markdown_seconds), Code.TOO_COMPLEX)
    return None


def _check_markdown_rendering(checked: CheckedCampaign, problems: list[Problem]) -> None:
    doc, limits = checked.files.campaign, checked.files.limits
    for path in MARKDOWN_FIELDS:
        value = checked.data
        for key in path:
            value = value.get(key, {}) if isinstance(value, dict) else {}
        texts = {lang: value for lang in checked.languages} if isinstance(value, str) else value
        for lang, text in texts.items():
            found = markdown_problem(text, limits) if isinstance(text, str) else None
            if found:
                problems.append(Problem(doc.rel, doc.line_of(path + (lang,)), dotted(path + (lang,)), *found))
    for page in checked.files.projects + checked.files.news:
        _check_page_rendering(page, limits, problems)


def _check_page_rendering(page: MarkdownDoc, limits: Limits, problems: list[Problem]) -> None:
    found = markdown_problem(page.body, limits)
    if found:
        problems.append(Problem(page.rel, page.body_line, "", *found))


def _check_doc_translations(checked: CheckedCampaign, kind: str, problems: list[Problem]) -> None:
    """A project's description given in one language of the campaign is needed in all of them."""
    langs: dict[str, set[str]] = {}
    for doc in getattr(checked.files, kind):
        langs.setdefault(doc.slug, set()).add(doc.lang)
    slugs = laureate_slugs(checked) if kind == "projects" else None
    for slug, found in langs.items():
        if slugs is not None and slug not in slugs:
            continue  # reported as an unknown project
        for lang in checked.languages:
            path = checked.files.root / kind / f"{slug}.{lang}.md"
            # A file that exists but could not be read already has a problem of its own.
            if lang not in found and entry_kind(path) is None:
                problems.append(Problem(f"campaigns/{checked.files.slug}/{kind}/{slug}.{lang}.md", None, "", msg(
                    "is missing: the description of project %(slug)s needs a version in every language of the "
                    "campaign (%(languages)s)", slug=quoted(slug), languages=", ".join(checked.languages)),
                    Code.MISSING_TRANSLATION))


def _check_doc_language(doc: MarkdownDoc, languages: tuple, problems: list[Problem]) -> None:
    if doc.lang not in languages:
        problems.append(Problem(doc.rel, None, "", msg("%(value)s is not a language of this campaign (%(languages)s)",
                                                       value=quoted(doc.lang), languages=", ".join(languages)),
                                Code.UNKNOWN_LANGUAGE))


def _check_news_meta(doc: MarkdownDoc, media: set, problems: list[Problem]) -> None:
    meta = doc.meta.data
    if not isinstance(meta, dict):
        problems.append(Problem(doc.rel, 2, "", msg("front matter is %(kind)s, expected `key: value` lines "
                                                    "(title: text, date: YYYY-MM-DD)", kind=kind_of(meta)),
                                Code.WRONG_TYPE))
        return
    for key in ("title", "date"):
        if key not in meta or meta[key] is None or meta[key] == "":
            problems.append(Problem(doc.rel, doc.meta.line_of((key,)), key, msg(
                "is required in the front matter (title: text, date: YYYY-MM-DD)"), Code.MISSING_FIELD))
    for key in ("title", "summary"):
        if meta.get(key) not in (None, "") and not isinstance(meta[key], str):
            problems.append(Problem(doc.rel, doc.meta.line_of((key,)), key, msg(
                "%(value)s is %(kind)s, expected a text", value=quoted(meta[key]), kind=kind_of(meta[key])),
                Code.WRONG_TYPE))
    date = meta.get("date")
    if date not in (None, "") and (not isinstance(date, str) or parse_date(date) is None):
        problems.append(Problem(doc.rel, doc.meta.line_of(("date",)), "date", msg(
            "%(value)s is not a date as YYYY-MM-DD", value=quoted(date)), Code.BAD_DATE))
    elif date not in (None, "") and date_out_of_range(parse_date(date)):
        problems.append(Problem(doc.rel, doc.meta.line_of(("date",)), "date", date_out_of_range(parse_date(date)),
                                Code.OUT_OF_RANGE))
    image = meta.get("image")
    if image is not None and image not in media:
        problems.append(Problem(doc.rel, doc.meta.line_of(("image",)), "image", msg(
            "%(value)s does not exist in the campaign's media/ folder: expected media/<file name>",
            value=quoted(image)), Code.MISSING_MEDIA))
    for key in meta:
        if key not in ("title", "date", "summary", "image"):
            problems.append(Problem(doc.rel, doc.meta.line_of((key,)), printable(key), msg(
                "is not a known front-matter field; expected title, date, summary, image"), Code.UNKNOWN_FIELD))


# --- The network portal --------------------------------------------------------------------------

@dataclass
class CheckedNetwork:
    """content/network.yml and the editorial pages, checked."""

    data: dict
    languages: tuple[str, ...]
    pages: list[MarkdownDoc]


def validate_network(content, campaigns: list[CheckedCampaign | None], problems: list[Problem]) -> CheckedNetwork | None:
    """Check the portal's own files and that campaigns' addresses do not clash."""
    doc = content.network
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(not_a_mapping(doc, "title:, languages:, base_url:, ..."))
        return None
    schema_problems = check_yaml(doc, "network", content.limits)
    problems.extend(schema_problems)
    if schema_problems:
        return None
    languages = tuple(doc.data["languages"])
    campaign_slugs = {checked.files.slug for checked in campaigns if checked is not None}
    before = len(problems)
    for key in ("title", "tagline"):
        _check_translations(doc, (key,), doc.data[key], languages, problems)
    _check_portal_languages(doc, languages, campaigns, problems)
    pages: dict[str, set[str]] = {}
    for page in content.pages:
        if page.lang not in languages:
            problems.append(Problem(page.rel, None, "", msg("%(value)s is not a language of the portal (%(languages)s)",
                                                            value=quoted(page.lang), languages=", ".join(languages)),
                                    Code.UNKNOWN_LANGUAGE))
        if not SLUG.match(page.slug):
            problems.append(Problem(page.rel, None, "", msg("%(value)s is not a safe page name: use lower-case "
                                                            "letters, digits and single hyphens",
                                                            value=quoted(page.slug)), Code.UNSAFE_SLUG))
        elif page.slug in reserved_names():
            problems.append(Problem(page.rel, None, "", msg("%(value)s is reserved: the site publishes %(what)s "
                                                            "there; choose another page name", value=quoted(page.slug),
                                                            what=reserved_names()[page.slug]), Code.RESERVED_SLUG))
        elif page.slug in campaign_slugs:
            problems.append(Problem(page.rel, None, "", msg("%(value)s is the address of a campaign; choose another "
                                                            "page name", value=quoted(page.slug)), Code.RESERVED_SLUG))
        _check_page_meta(page, problems)
        pages.setdefault(page.slug, set()).add(page.lang)
    for slug, langs in pages.items():
        for lang in languages:
            # A page that exists but could not be read already has a problem of its own.
            if lang not in langs and entry_kind(content.root / lang / f"{slug}.md") is None:
                problems.append(Problem(f"content/{lang}/{slug}.md", None, "", msg(
                    "is missing: the page %(value)s needs a version in every language of the portal",
                    value=quoted(slug)), Code.MISSING_TRANSLATION))
    _check_unique_urls(campaigns, problems)
    if len(problems) == before:
        for page in content.pages:
            _check_page_rendering(page, content.limits, problems)
    return CheckedNetwork(doc.data, languages, content.pages) if len(problems) == before else None


def _check_portal_languages(doc: YamlDoc, languages: tuple, campaigns, problems: list[Problem]) -> None:
    """The portal speaks every language a campaign is published in (issue 10): a German-first
    campaign is listed on a German portal, not on a portal that has no German."""
    users: dict[str, list[str]] = {}
    for checked in campaigns:
        if checked is not None:
            for lang in checked.languages:
                if lang not in languages:
                    users.setdefault(lang, []).append(checked.files.slug)
    for lang, slugs in sorted(users.items()):
        problems.append(Problem(doc.rel, doc.line_of(("languages",)), "languages", nmsg(
            "has no %(value)s, a language of campaign %(campaigns)s: add it, with the portal's title, tagline "
            "and pages in that language",
            "has no %(value)s, a language of campaigns %(campaigns)s: add it, with the portal's title, tagline "
            "and pages in that language", len(slugs), value=quoted(lang), campaigns=", ".join(sorted(slugs))),
            Code.MISSING_PORTAL_LANGUAGE))


def _check_page_meta(page: MarkdownDoc, problems: list[Problem]) -> None:
    meta = page.meta.data
    if not isinstance(meta, dict):
        problems.append(Problem(page.rel, 2, "", msg("front matter is %(kind)s, expected `key: value` lines "
                                                     "(title: text)", kind=kind_of(meta)), Code.WRONG_TYPE))
    elif meta.get("title") in (None, ""):
        problems.append(Problem(page.rel, page.meta.line_of(("title",)), "title",
                                msg("is required in the front matter (title: text)"), Code.MISSING_FIELD))
    elif not isinstance(meta["title"], str):
        problems.append(Problem(page.rel, page.meta.line_of(("title",)), "title", msg(
            "%(value)s is %(kind)s, expected a text", value=quoted(meta["title"]), kind=kind_of(meta["title"])),
            Code.WRONG_TYPE))


def _check_unique_urls(campaigns, problems: list[Problem]) -> None:
    seen: dict[str, str] = {}
    for checked in campaigns:
        if checked is None:
            continue
        url = checked.data["base_url"]
        doc = checked.files.campaign
        if url in seen:
            problems.append(Problem(doc.rel, doc.line_of(("base_url",)), "base_url", msg(
                "%(value)s is also the address of campaign %(campaign)s", value=quoted(url),
                campaign=quoted(seen[url])), Code.DUPLICATE_VALUE))
        seen[url] = checked.files.slug
