"""Every value an editor writes lands escaped for its destination, exactly once (issue 8, "Hardening").

The tiny project of tests/project.py gets a marker in every text field an editor can fill: `Q07<"'&>`,
a unique number followed by the characters HTML cares about. After a build, each marker must
come back exactly from whatever reads its destination: an HTML parser for text and attributes
(page title, header, navigation, meta, Open Graph), `json` for JSON-LD and the open data, feedparser
for the Atom feed, icalendar for the calendars, `csv` for the CSV files. The raw bytes must show no
double escaping (`&amp;amp;`, `&amp;lt;`) and no raw `<` after a marker. Published CSV cells that
could run as spreadsheet formulas are neutralised (OWASP "CSV injection"); the JSON keeps them.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import gzip
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import feedparser
import frictionless
import icalendar
import pytest
import yaml

from campaignsite.model import assembly
from campaignsite.exports import opendata
from campaignsite.model.records import PublicTable
from campaignsite.render.engine import SELECTORS
from campaignsite.pipeline import build, BuildConfig
from html_support import parse_html
from project import LAUREATES_HEADER, default_files, write_project

CHARS = "<\"'&>"
BASE = "campaigns/demo-2025"
TODAY = dt.date(2025, 6, 15)  # after the results, the news and the update: every field is public
MARKED = re.compile(r"Q(\d\d)")
DOUBLE_ESCAPED = re.compile(rb"&amp;(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);")
CODE_TO_COPY = re.compile(rb'<textarea [^>]*class="cs-widget-demo__code"[^>]*>.*?</textarea>', re.S)
FORMULAS = ('=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\tTAB", "\rCR")


class Markers(dict):
    """Field name -> its marker `Q<nn><"'&>`; `m("tagline.nl")` hands out the next number."""

    def __call__(self, field: str) -> str:
        self[field] = f"Q{len(self) + 1:02d}{CHARS}"
        return self[field]

    def field(self, number: str) -> str:
        return next((name for name, value in self.items() if value.startswith(f"Q{number}")), "?")


def _csv(rows: list[dict[str, str]], header: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def marked_files(m: Markers) -> dict[str, str]:
    """The demo project with a marker in every text field an editor fills."""
    files = default_files()
    campaign = yaml.safe_load(files[f"{BASE}/campaign.yml"])
    for key in ("title", "tagline"):
        campaign[key] = {lang: m(f"{key}.{lang}") for lang in ("nl", "fr")}
    campaign["introduction"] = {lang: f"Intro {m(f'introduction.{lang}')} **vet**.\n" for lang in ("nl", "fr")}
    campaign["municipalities"][0]["name"] = {lang: m(f"municipality.{lang}") for lang in ("nl", "fr")}
    campaign["contact"]["name"] = m("contact.name")
    campaign["press_contact"] = {"name": m("press_contact.name"), "email": "press@example.be"}
    campaign["call"]["criteria"] = {lang: [m(f"criteria.{lang}")] for lang in ("nl", "fr")}
    campaign["call"]["how_to_apply"] = {lang: f"Apply: {m(f'how_to_apply.{lang}')}\n" for lang in ("nl", "fr")}
    campaign["call"]["apply_url"] = "https://demo.example.be/apply?step=1&lang=nl"
    sources = campaign["budget"]["sources"]
    sources[0]["name"] = {lang: m(f"source.{lang}") for lang in ("nl", "fr")}
    sources[1]["name"] = m("source.plain")
    for index, category in enumerate(campaign["budget"]["categories"]):
        category["name"] = {lang: m(f"category{index}.{lang}") for lang in ("nl", "fr")}
    campaign["partners"][0]["name"] = m("partner.name")
    campaign["partners"][0]["url"] = "https://www.beplanet.example/?a=1&b=2"
    campaign["jury"][0]["name"] = m("juror0.name")
    campaign["jury"][0]["affiliation"] = m("juror0.affiliation")
    campaign["jury"][1]["name"] = m("juror1.name")
    campaign["jury"][1]["affiliation"] = {lang: m(f"juror1.affiliation.{lang}") for lang in ("nl", "fr")}
    campaign["kit"] = [{"file": "media/kit.svg", "kind": "poster", "credit": m("kit.credit"),
                        "title": {lang: m(f"kit.title.{lang}") for lang in ("nl", "fr")}}]
    files[f"{BASE}/campaign.yml"] = yaml.safe_dump(campaign, allow_unicode=True, sort_keys=False)
    files[f"{BASE}/media/kit.svg"] = files[f"{BASE}/media/logo.svg"]

    header = LAUREATES_HEADER.split(",")
    laureates = _rows(files[f"{BASE}/laureates.csv"])
    for row in laureates:
        slug = row["slug"]
        for column in ("title_nl", "title_fr", "summary_nl", "summary_fr", "holder", "address"):
            row[column] = m(f"{slug}.{column}")
        for kind in ("materials", "skills", "volunteers"):
            for lang in ("nl", "fr"):
                row[f"needs_{kind}_{lang}"] = m(f"{slug}.needs_{kind}_{lang}")
    laureates[0]["image_credit"] = m("moestuin.image_credit")
    laureates[0]["crowdfunding_url"] = "https://give.example.be/moestuin?x=1&y=2"
    laureates[0]["latitude"] = laureates[0]["longitude"] = ""  # the map link searches the address
    files[f"{BASE}/laureates.csv"] = _csv(laureates, header)

    events = _rows(files[f"{BASE}/events.csv"])
    for column in ("title_nl", "title_fr", "description_nl", "description_fr", "venue", "address"):
        events[0][column] = m(f"event.{column}")
    events[0]["registration_url"] = "https://demo.example.be/register?a=1&b=2"
    files[f"{BASE}/events.csv"] = _csv(events, list(events[0]))

    updates = _rows(files[f"{BASE}/updates.csv"])
    updates[0]["text_nl"], updates[0]["text_fr"] = m("update.text_nl"), m("update.text_fr")
    files[f"{BASE}/updates.csv"] = _csv(updates, list(updates[0]))

    action = {"slug": "zon", "theme": "energy", "title_nl": m("action.title_nl"), "title_fr": m("action.title_fr"),
              "description_nl": m("action.description_nl"), "description_fr": m("action.description_fr"),
              "responsible": m("action.responsible"), "status": "in-progress", "progress": "40", "sdgs": "7"}
    files[f"{BASE}/actions.csv"] = _csv([action], list(action))

    for lang in ("nl", "fr"):
        files[f"{BASE}/projects/moestuin.{lang}.md"] = f"Tuin {m(f'project.{lang}')} *mooi*.\n"
        front = yaml.safe_dump({"title": m(f"news.title.{lang}"), "date": dt.date(2025, 5, 10),
                                "summary": m(f"news.summary.{lang}")}, allow_unicode=True)
        files[f"{BASE}/news/laureates.{lang}.md"] = f"---\n{front}---\nNieuws {m(f'news.body.{lang}')}.\n"

    network = yaml.safe_load(files["content/network.yml"])
    for key in ("title", "tagline"):
        network[key] = {lang: m(f"portal.{key}.{lang}") for lang in ("nl", "fr", "en")}
    network["contact"]["name"] = m("portal.contact.name")
    files["content/network.yml"] = yaml.safe_dump(network, allow_unicode=True, sort_keys=False)
    for lang in ("nl", "fr", "en"):
        front = yaml.safe_dump({"title": m(f"page.title.{lang}")}, allow_unicode=True)
        files[f"content/{lang}/about.md"] = f"---\n{front}---\nOver {m(f'page.body.{lang}')}.\n"
    return files


@pytest.fixture(scope="module")
def markers() -> Markers:
    m = Markers()
    marked_files(m)
    return m


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_project(tmp_path_factory.mktemp("escaping"), marked_files(Markers()))
    output = root / "site"
    build(BuildConfig(root, output, TODAY, jobs=1))
    return output


def files_of(site: Path, suffix: str) -> list[Path]:
    return sorted(p for p in site.rglob(f"*{suffix}") if "pagefind" not in p.parts)


def rel(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def wrong_markers(value: str, markers: Markers) -> list[str]:
    """Every marker in a decoded value that does not come back exactly."""
    return [f"{markers.field(match.group(1))}: {value[match.start():match.end() + 12]!r}"
            for match in MARKED.finditer(value) if not value.startswith(CHARS, match.end())]


# --- HTML ----------------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "data-cs-video"}
# Published elsewhere only: the campaign's contact is the Atom feed's author and the data's publisher.
NOT_ON_PAGES = {"contact.name", "portal.contact.name"}


def html_values(document) -> list[tuple[str, str]]:
    """(where, decoded value) of every text node, attribute and JSON-LD string of a page."""
    found = []
    for element in document.iter():
        for name, value in element.attrs.items():
            value = unquote(value) if name in URL_ATTRIBUTES else value
            found.append((f"<{element.tag} {name}>", value or ""))
        if element.tag == "script" and element.get("type") == "application/ld+json":
            found += [("JSON-LD", text) for text in json_strings(json.loads(element.raw_text))]
        elif element.tag not in ("script", "style") and "cs-widget-demo__code" not in element.classes:
            # (Code to copy is HTML as text: see test_widget_code_to_copy_is_escaped_once_as_code.)
            found += [(f"<{element.tag}> text", c) for c in element.children if isinstance(c, str)]
    return found


def json_strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in json_strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in json_strings(value)]
    return [data] if isinstance(data, str) else []


def test_every_marker_comes_back_exactly_from_every_html_page(site, markers):
    problems, seen = [], set()
    for path in files_of(site, ".html"):
        for where, value in html_values(parse_html(path.read_text(encoding="utf-8"), path)):
            seen |= {match.group(1) for match in MARKED.finditer(value)}
            problems += [f"{rel(site, path)}: {where}: {p}" for p in wrong_markers(value, markers)]
    assert not problems, "markers wrongly escaped:\n  " + "\n  ".join(sorted(set(problems))[:60])
    unseen = [name for name, value in markers.items() if value[1:3] not in seen and name not in NOT_ON_PAGES]
    assert not unseen, f"fields shown on no page: {unseen}"


def test_search_index_holds_the_text_as_shown(site, markers):
    """Pagefind's index (its fragments: gzip, a "pagefind_dcd" signature, then JSON) holds each page's
    title and text as the visitor reads them: decoded once, never as markup nor escaped twice. Every
    bundle: the portal's and each campaign's (campaignsite/write/search.py)."""
    problems, found = [], 0
    fragments = sorted(site.glob("pagefind/fragment/*.pf_fragment")) + sorted(site.glob("*/pagefind/fragment/*.pf_fragment"))
    assert any(path.parts[-4] != site.name for path in fragments), "the campaigns' pages are indexed"
    for path in fragments:
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for key, text in (("title", fragment["meta"]["title"]), ("content", fragment["content"])):
            found += len(MARKED.findall(text))
            problems += [f"{fragment['url']}: {key}: {p}" for p in wrong_markers(text, markers)]
    assert found and not problems, "\n  ".join(problems[:20])


def test_no_double_escaping_nor_raw_markup_in_the_bytes(site, markers):
    problems = []
    # Not the Atom feeds: their `content type="html"` is HTML escaped as XML text, rightly twice.
    for path in files_of(site, ".html") + files_of(site, "sitemap.xml") + files_of(site, ".json"):
        # Code to copy (the widgets page) is HTML shown as text: escaped as code, then as text, rightly
        # twice; test_widget_code_to_copy_is_escaped_once_as_code checks it.
        data = CODE_TO_COPY.sub(b"", path.read_bytes())
        problems += [f"{rel(site, path)}: {m.group().decode()} near {data[m.start() - 30:m.end()]!r}"
                     for m in DOUBLE_ESCAPED.finditer(data)]
        if path.suffix == ".html":
            # After a marker comes its escaped `<`, never a raw one; a raw `<` anywhere else is markup.
            problems += [f"{rel(site, path)}: raw '<' after {markers.field(m.group(1).decode())}"
                         for m in re.finditer(rb"Q(\d\d)<", data)]
    assert not problems, "\n  ".join(problems[:40])


def page(site: Path, rel_path: str):
    path = site / rel_path / "index.html"
    return parse_html(path.read_text(encoding="utf-8"), path)


def test_title_header_and_navigation_show_the_title_once_escaped(site, markers):
    title = markers["title.nl"]
    home = page(site, "demo-2025/nl")
    assert home.one("title").text == title
    header, menu = home.one(SELECTORS["header"]), home.one(SELECTORS["primary_nav"])
    logo = header.one("a[title][aria-label]")
    assert (logo.get("title"), logo.get("aria-label")) == (title, title)
    assert title in header.text
    assert menu.one("a[title]").get("title") == title
    assert home.h1 == title
    assert title in menu.texts("a")
    assert home.meta("description") == markers["tagline.nl"]

    laureate = page(site, "demo-2025/nl/laureates/moestuin")
    project = markers["moestuin.title_nl"]
    assert laureate.one("title").text == f"{project} - {title}"
    assert laureate.h1 == project
    # The header names the campaign on every page (issue 22: never the page's title in its place).
    assert title in laureate.one(SELECTORS["header"]).text and project not in laureate.one(SELECTORS["header"]).text
    assert laureate.meta("og:title") == project and laureate.meta("og:site_name") == title
    assert laureate.meta("description") == laureate.meta("og:description") == markers["moestuin.summary_nl"]
    image = laureate.one(".cs-hero img")
    assert image.get("alt").endswith(project) and laureate.one(".cs-hero figcaption").text == "Beeld: " + markers[
        "moestuin.image_credit"]

    # The menu: page titles made from data (the portal's editorial page) and the tabs.
    portal = page(site, ".")  # the portal's first language is at the root
    about = markers["page.title.nl"]
    menu = f"{SELECTORS['primary_nav']} a"
    assert about in portal.texts(menu), portal.texts(menu)
    assert portal.one("title").text == markers["portal.title.nl"]
    assert page(site, "about").one("title").text == f"{about} - {markers['portal.title.nl']}"


def test_json_ld_is_json_with_the_exact_values_and_cannot_close_its_script(site, markers):
    checked = 0
    for path in files_of(site, ".html"):
        text = path.read_text(encoding="utf-8")
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
            checked += 1
            assert "<" not in script and "</script" not in script.lower(), rel(site, path)
            data = json.loads(script)
            problems = [p for s in json_strings(data) for p in wrong_markers(s, markers)]
            assert not problems, f"{rel(site, path)}: {problems}"
    assert checked >= 6
    project = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', (
        site / "demo-2025/nl/laureates/moestuin/index.html").read_text(encoding="utf-8"), re.S).group(1))
    assert (project["name"], project["member"]["name"], project["location"]["address"]) == (
        markers["moestuin.title_nl"], markers["moestuin.holder"], markers["moestuin.address"])
    event = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', (
        site / "demo-2025/fr/events/launch/index.html").read_text(encoding="utf-8"), re.S).group(1))
    assert (event["name"], event["description"], event["location"]["name"], event["location"]["address"]) == (
        markers["event.title_fr"], markers["event.description_fr"], markers["event.venue"], markers["event.address"])


def test_urls_with_an_ampersand_are_escaped_in_attributes(site):
    project = page(site, "demo-2025/nl/laureates/moestuin")
    assert "https://give.example.be/moestuin?x=1&y=2" in [a.get("href") for a in project.select("a")]
    home = page(site, "demo-2025/nl")
    assert "https://www.beplanet.example/?a=1&b=2" in [a.get("href") for a in home.select(".cs-partner a")]
    raw = (site / "demo-2025/nl/laureates/moestuin/index.html").read_text(encoding="utf-8")
    assert 'href="https://give.example.be/moestuin?x=1&amp;y=2"' in raw


# --- Feeds, calendars, open data -----------------------------------------------------------------

def test_atom_feed_gives_the_exact_values(site, markers):
    for lang in ("nl", "fr"):
        feed = feedparser.parse((site / f"demo-2025/{lang}/news/feed.xml").read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.feed.title.startswith(markers[f"title.{lang}"] + ": ")
        assert feed.feed.author_detail.name == markers["contact.name"]
        entry = feed.entries[0]
        assert entry.title == markers[f"news.title.{lang}"]
        assert entry.summary == markers[f"news.summary.{lang}"]
        body = parse_html(entry.content[0].value)
        assert body.text == f"Nieuws {markers[f'news.body.{lang}']}."


def test_calendars_give_the_exact_values(site, markers):
    for lang in ("nl", "fr"):
        # The launch is past on TODAY, so it has no calendar of its own (an event's .ics is the same
        # writer, feeds.calendar, with one event): the site's feed holds it.
        for path in (site / f"demo-2025/{lang}/agenda.ics",):
            calendar = icalendar.Calendar.from_ical(path.read_bytes())
            assert str(calendar["X-WR-CALNAME"]) == markers[f"title.{lang}"], rel(site, path)
            event = calendar.walk("VEVENT")[0]
            assert str(event["SUMMARY"]) == markers[f"event.title_{lang}"], rel(site, path)
            assert str(event["DESCRIPTION"]).startswith(markers[f"event.description_{lang}"] + "\n\n")
            assert str(event["LOCATION"]) == f"{markers['event.venue']}, {markers['event.address']}"


def test_open_data_gives_the_exact_values(site, markers):
    data = site / "demo-2025/data"
    laureates = list(csv.DictReader(io.StringIO((data / "laureates.csv").read_text(encoding="utf-8"))))
    moestuin = next(row for row in laureates if row["slug"] == "moestuin")
    for column in ("title_nl", "summary_fr", "holder", "address", "needs_skills_fr", "image_credit"):
        assert moestuin[column] == markers[f"moestuin.{column}"], column
    events = list(csv.DictReader(io.StringIO((data / "events.csv").read_text(encoding="utf-8"))))
    assert events[0]["venue"] == markers["event.venue"]
    updates = list(csv.DictReader(io.StringIO((data / "updates.csv").read_text(encoding="utf-8"))))
    assert updates[0]["text_fr"] == markers["update.text_fr"]
    actions = list(csv.DictReader(io.StringIO((data / "actions.csv").read_text(encoding="utf-8"))))
    assert (actions[0]["title_nl"], actions[0]["responsible"]) == (markers["action.title_nl"],
                                                                   markers["action.responsible"])
    listing = json.loads((data / "laureates.json").read_text(encoding="utf-8"))
    item = next(i for i in listing["laureates"] if i["slug"] == "moestuin")
    assert (item["title"]["fr"], item["holder"]["fr"], item["image_credit"]) == (
        markers["moestuin.title_fr"], markers["moestuin.holder"], markers["moestuin.image_credit"])
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert package["title"] == markers["title.nl"]
    assert package["contributors"][0]["title"] == markers["contact.name"]
    assert package["description"].startswith(markers["tagline.nl"])


# --- A base_url with a quote (defence in depth: validation should refuse it first) ----------------

HOSTILE_BASE = 'https://demo.example.be/x"onmouseover="alert(1)\'<b>&/'


@pytest.fixture(scope="module")
def hostile_base_site(tmp_path_factory):
    """The marked project built with a base_url that would break out of an attribute."""
    root = write_project(tmp_path_factory.mktemp("base-url"), marked_files(Markers()))
    original = assembly.build_campaign

    def with_base_url(checked):
        return dataclasses.replace(original(checked), base_url=HOSTILE_BASE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assembly, "build_campaign", with_base_url)  # pipeline.build_model imports it when it runs
        build(BuildConfig(root, root / "site", TODAY, jobs=1))
    return root / "site"


def test_a_quote_in_base_url_never_breaks_out_of_an_attribute(hostile_base_site):
    problems = []
    for path in files_of(hostile_base_site, ".html"):
        document = parse_html(path.read_text(encoding="utf-8"), path)
        for element in document.iter():
            if "onmouseover" in element.attrs or element.tag == "b":
                problems.append(f"{rel(hostile_base_site, path)}: {element!r} {element.attrs}")
            for value in element.attrs.values():
                if "demo.example.be/x" in (value or "") and HOSTILE_BASE not in unquote(value):
                    problems.append(f"{rel(hostile_base_site, path)}: {element.tag}: cut URL {value!r}")
    assert not problems, "\n  ".join(problems[:20])
    laureate = parse_html((hostile_base_site / "demo-2025/nl/laureates/moestuin/index.html").read_text(
        encoding="utf-8"))
    assert laureate.meta("og:url") == HOSTILE_BASE + "nl/laureates/moestuin/"
    assert unquote(laureate.one('link[rel="canonical"]').get("href")) == HOSTILE_BASE + "nl/laureates/moestuin/"
    redirect = parse_html((hostile_base_site / "demo-2025/index.html").read_text(encoding="utf-8"))
    assert redirect.one('link[rel="canonical"]').get("href") == HOSTILE_BASE + "nl/"


# --- Spreadsheet formulas in the CSV downloads (OWASP "CSV injection") ----------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory) -> Path:
    """The demo project with formulas in text cells of every table. A leading tab or CR cannot come
    through a build (cells are trimmed, and a CR ends a CSV line): table_csv is tested with them below."""
    files = default_files()
    laureates = _rows(files[f"{BASE}/laureates.csv"])
    for column, formula in zip(("title_nl", "title_fr", "summary_nl", "summary_fr"), FORMULAS):
        laureates[0][column] = formula
    laureates[0]["holder"], laureates[0]["address"] = "-2+3", "@SUM(1)"
    laureates[1]["holder"] = FORMULAS[0]
    files[f"{BASE}/laureates.csv"] = _csv(laureates, LAUREATES_HEADER.split(","))
    events = _rows(files[f"{BASE}/events.csv"])
    events[0]["venue"], events[0]["description_nl"] = "@SUM(1)", FORMULAS[0]
    files[f"{BASE}/events.csv"] = _csv(events, list(events[0]))
    updates = _rows(files[f"{BASE}/updates.csv"])
    updates[0]["text_nl"] = FORMULAS[1]
    files[f"{BASE}/updates.csv"] = _csv(updates, list(updates[0]))
    root = write_project(tmp_path_factory.mktemp("formulas"), files)
    build(BuildConfig(root, root / "site", TODAY, jobs=1))
    return root / "site"


def published_tables(site: Path) -> dict[str, tuple[list[dict], dict]]:
    """Each published CSV read back, with its resource in datapackage.json."""
    data = site / "demo-2025" / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: (list(csv.DictReader(io.StringIO((data / r["path"]).read_text(encoding="utf-8"),
                                                        newline=""))), r) for r in package["resources"]}


def test_no_csv_text_cell_starts_like_a_formula(formula_site):
    problems = []
    for name, (rows, resource) in published_tables(formula_site).items():
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        for number, row in enumerate(rows, start=2):
            problems += [f"{name}.csv:{number}: {column}: {value!r}" for column, value in row.items()
                         if types[column] == "string" and value.startswith(FORMULA_START)]
    assert not problems, "\n  ".join(problems)


def test_formulas_are_prefixed_with_a_quote_in_csv_and_kept_in_json(formula_site):
    tables = published_tables(formula_site)
    laureates = {row["slug"]: row for row in tables["laureates"][0]}
    moestuin = laureates["moestuin"]
    assert [moestuin[c] for c in ("title_nl", "title_fr", "summary_nl", "summary_fr", "holder", "address")] == [
        "'" + f for f in FORMULAS[:4] + ("-2+3", "@SUM(1)")]
    assert laureates["repair"]["holder"] == "'" + FORMULAS[0]
    event = tables["events"][0][0]
    assert (event["venue"], event["description_nl"]) == ("'@SUM(1)", "'" + FORMULAS[0])
    assert tables["updates"][0][0]["text_nl"] == "'" + FORMULAS[1]
    listing = json.loads((formula_site / "demo-2025/data/laureates.json").read_text(encoding="utf-8"))
    item = next(i for i in listing["laureates"] if i["slug"] == "moestuin")
    assert (item["title"]["nl"], item["title"]["fr"], item["summary"]["nl"], item["summary"]["fr"], item["holder"]["nl"]) \
        == FORMULAS[:4] + ("-2+3",)


def test_table_csv_neutralises_every_dangerous_first_character():
    fields = ({"name": "text", "type": "string"}, {"name": "amount", "type": "integer"},
              {"name": "latitude", "type": "number"})
    kept = ("plain - text", "'t Stadhuis", "")  # an apostrophe before a letter is Flemish, not a formula
    rows = tuple((text, "-5", "-50.5") for text in FORMULAS + ("'=quoted",) + kept)
    text = opendata.table_csv(PublicTable(fields, rows))
    read = list(csv.reader(io.StringIO(text, newline="")))
    assert read[0] == ["text", "amount", "latitude"]
    assert read[1:] == ([["'" + f, "-5", "-50.5"] for f in FORMULAS + ("'=quoted",)]
                        + [[k, "-5", "-50.5"] for k in kept])
    # What the descriptor tells reusers to do gives every value back.
    undone = [cell[1:] if re.match(r"'+[=+\-@\t\r]", cell) else cell for cell, *_ in read[1:]]
    assert undone == [row[0] for row in rows]


def test_numbers_are_not_prefixed_and_the_package_says_what_was(formula_site):
    tables = published_tables(formula_site)
    laureates = {row["slug"]: row for row in tables["laureates"][0]}
    assert laureates["moestuin"]["amount"] == "8000" and laureates["moestuin"]["latitude"] == "50.8275"
    package = json.loads((formula_site / "demo-2025/data/datapackage.json").read_text(encoding="utf-8"))
    assert "'" in package["description"] and "formula" in package["description"]
    for name, (_rows_, resource) in tables.items():
        for field in resource["schema"]["fields"]:
            said = "single quote (')" in field["description"]
            assert said == opendata.free_text(field), f"{name}.{field['name']}: {field['description']}"
    report = frictionless.validate(str(formula_site / "demo-2025/data/datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])


def test_widget_code_to_copy_is_escaped_once_as_code(site, markers):
    """The snippet on the widgets page, once read as text, is HTML whose iframe title is the title."""
    title = markers["title.fr"]
    widgets = page(site, "demo-2025/fr/widgets")
    codes = [element.raw_text for element in widgets.select("textarea[data-cs-snippet]")]
    assert codes, "the widgets page shows no code to copy"
    for code in codes:
        frame = parse_html(f"<!doctype html><html><body>{code}</body></html>", Path("snippet.html")).one("iframe")
        assert frame.get("title").endswith(f" - {title}"), frame.get("title")
        assert frame.get("src").startswith("https://demo.example.be/")


def test_every_widget_code_to_copy_and_its_choices_show_each_title_once(site, markers):
    """Issue 20: an `&` in a title was escaped twice on a widgets page. Each code to copy (the snippet
    and the plain link), read as text, is HTML naming the title once escaped; each project in a widget's
    chooser is named by its title, as read."""
    title = markers["title.fr"]
    widgets = page(site, "demo-2025/fr/widgets")
    links = [element.raw_text for element in widgets.select("textarea.cs-widget-demo__code:not([data-cs-snippet])")]
    assert len(links) == len(widgets.select("textarea[data-cs-snippet]")) > 1
    for code in links:
        link = parse_html(f"<!doctype html><html><body>{code}</body></html>", Path("link.html")).one("a")
        assert link.text.endswith(f" - {title}"), link.text
        assert link.get("href").startswith("https://demo.example.be/demo-2025/fr/")
    labels = widgets.texts("select[name=address] option")
    assert markers["moestuin.title_fr"] in labels and markers["repair.title_fr"] in labels, labels
    for snippet in widgets.select("textarea[data-cs-snippet]"):
        assert snippet.get("data-title").endswith(f" - {title}"), "the code the page's script writes, too"
