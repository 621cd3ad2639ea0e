"""What the output tests share: built HTML read as a tree with CSS selectors, the source data they
compare it with, and the mapping from the sites' links and public addresses to files on disk.

`parse(path)` reads a page with lxml into `Element`s answering `select(css)` with any CSS 3 selector
(cssselect); see datasette/tests/test_html.py for the habit. Where the engine puts things comes from
`campaignsite.engine.SELECTORS`, never from a theme's class names. `load_network(root)` reads
campaigns/ and content/network.yml as plain YAML and CSV, so the tests compare the sites with the
data, never with the generator's own model.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import json
import re
from decimal import Decimal
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import lxml.html
import yaml
from babel.messages.pofile import read_po
from cssselect import HTMLTranslator, SelectorError
from lxml import etree

from campaignsite.core.i18n import Formatter
from campaignsite.render.engine import SELECTORS

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)  # the day conftest.py builds the example network for
BRUSSELS = ZoneInfo("Europe/Brussels")
LOCALE_DIR = ROOT / "campaignsite" / "locale"

# --- Built HTML as a tree ------------------------------------------------------------------------

# lxml parses (libxml2's HTML5 tokenizer, in C: a page in about a millisecond, which matters when a
# test reads every page of the network) and cssselect, the translator behind lxml.cssselect and
# Scrapy's parsel, turns each CSS selector into XPath once. Elements are wrapped so the tests read
# them the same way whatever the library: `text` with white space collapsed, `line` for messages.
_CSS = HTMLTranslator()
_PARSER = lxml.html.HTMLParser(encoding="utf-8")


@functools.lru_cache(maxsize=1024)
def compile_selector(css: str, scope: str = "descendant::") -> etree.XPath:
    """`css` as an XPath over the elements below (`scope`) a node; ValueError on a selector
    cssselect cannot read, so a typo never silently matches nothing."""
    try:
        return etree.XPath(_CSS.css_to_xpath(css, prefix=scope))
    except SelectorError as exc:
        raise ValueError(f"unsupported CSS selector {css!r}: {exc}") from None


class Element:
    """An HTML element: tag, attributes, text, and CSS selection among the elements below it."""

    __slots__ = ("node",)
    _SCOPE = "descendant::"

    def __init__(self, node):
        self.node = node

    def __eq__(self, other) -> bool:
        return isinstance(other, Element) and other.node is self.node

    def __hash__(self) -> int:
        return hash(self.node)

    @property
    def tag(self) -> str:
        return self.node.tag

    @property
    def attrs(self) -> dict[str, str]:
        return dict(self.node.attrib)

    @property
    def line(self) -> int:
        return self.node.sourceline or 0

    @property
    def parent(self) -> "Element | None":
        parent = self.node.getparent()
        return Element(parent) if parent is not None else None

    @property
    def children(self) -> list["Element | str"]:
        """The child elements and the text between them, in document order (comments left out)."""
        found: list[Element | str] = [str(self.node.text)] if self.node.text else []
        for child in self.node:
            if isinstance(child.tag, str):
                found.append(Element(child))
            if child.tail:
                found.append(str(child.tail))
        return found

    def get(self, name: str, default=None):
        return self.node.get(name, default)

    @property
    def classes(self) -> set[str]:
        return set(self.node.get("class", "").split())

    @property
    def text(self) -> str:
        """The text inside, whitespace collapsed (no-break spaces kept)."""
        return " ".join(re.split(r"[ \t\n\r\f]+", self.raw_text)).strip()

    @property
    def raw_text(self) -> str:
        return str(self.node.text_content())

    def iter(self):
        """Every element below this one, in document order (comments left out)."""
        return (Element(node) for node in self.node.iterdescendants(etree.Element))

    def select(self, css: str) -> list["Element"]:
        return [Element(node) for node in compile_selector(css, self._SCOPE)(self.node)]

    def select_one(self, css: str) -> "Element | None":
        found = self.select(css)
        return found[0] if found else None

    def one(self, css: str) -> "Element":
        """The single element matching `css`; an AssertionError naming the selector otherwise."""
        found = self.select(css)
        assert len(found) == 1, f"expected exactly one {css!r} in {self!r}, found {len(found)}"
        return found[0]

    def texts(self, css: str) -> list[str]:
        return [el.text for el in self.select(css)]

    def __repr__(self) -> str:
        shown = "".join(f' {k}="{v}"' for k, v in self.node.attrib.items() if k in ("id", "class", "href"))
        return f"<{self.tag}{shown}> (line {self.line})"


class Document(Element):
    """A parsed file; `path` is where it was read from. Selectors match its <html> element too."""

    __slots__ = ("path",)
    _SCOPE = "descendant-or-self::"

    def __init__(self, node, path: Path | None):
        super().__init__(node)
        self.path = path

    def __repr__(self) -> str:
        return str(self.path or "<document>")

    def iter(self):
        return (Element(node) for node in self.node.iter(etree.Element))

    @property
    def lang(self) -> str | None:
        return self.node.get("lang")

    @property
    def content(self) -> Element:
        """Where the engine puts the page's own title and body (our div.cs-page)."""
        return self.one(SELECTORS["content"])

    @property
    def h1(self) -> str:
        return self.content.one("h1").text

    def meta(self, prop: str) -> str | None:
        el = self.select_one(f'meta[property="{prop}"]') or self.select_one(f'meta[name="{prop}"]')
        return el.get("content") if el else None


def parse_html(text: str | bytes, path: Path | None = None) -> Document:
    """A page (or a fragment, which gets the <html> and <body> a browser would give it)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        root = lxml.html.document_fromstring(data, parser=_PARSER)
    except etree.ParserError:  # nothing but white space
        root = lxml.html.document_fromstring(b"<html></html>", parser=_PARSER)
    return Document(root, path)


@functools.lru_cache(maxsize=4096)
def parse(path: Path) -> Document:
    """The page at `path`, parsed once per test run."""
    return parse_html(Path(path).read_bytes(), Path(path))


# --- Files, links and public addresses -----------------------------------------------------------

def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def site_rel(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def is_relative_link(url: str) -> bool:
    """A link to a file of the site itself (not http:, mailto:, tel:, data:, javascript:, //host)."""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and bool(url.strip())


def resolve_link(site: Path, page: Path, url: str) -> tuple[Path, str]:
    """(file the relative `url` on `page` leads to, fragment); a directory URL leads to its index.html."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve() if path.startswith("/") else (base / path).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def element_ids(document: Document) -> set[str]:
    """Every fragment a link can point at: id attributes, and the name of <a> elements."""
    return {str(value) for value in document.node.xpath("//@id | //a/@name")}


# --- The data ------------------------------------------------------------------------------------

def text_in(value, lang: str) -> str | None:
    """A per-language YAML text (mapping) or a plain string, in `lang`."""
    if isinstance(value, dict):
        return value.get(lang)
    return value


def typeset(text: str, lang: str) -> str:
    """An editor's text as the sites show it, with its language's no-break spaces ("Jury : ..." with
    U+202F in French): Formatter.typography, whose rules tests/test_language.py checks."""
    return Formatter(lang).typography(text)


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def cents(euros: str) -> int:
    """An amount as written in the data (7500, 2499.50) in cents, exactly: what the pages format."""
    return int(Decimal(euros) * 100)


def split_list(cell: str | None) -> list[str]:
    return [item.strip() for item in (cell or "").split(";") if item.strip()]


def as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def local_datetime(cell: str) -> dt.datetime:
    """An events.csv time ("YYYY-MM-DD HH:MM", Brussels time) as an aware datetime."""
    return dt.datetime.strptime(cell.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=BRUSSELS)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        return yaml.safe_load(text.split("---", 2)[1]) or {}
    return {}


def results_day(config: dict) -> dt.date:
    """The day a campaign's results are public, as DATA.md says: results_day, else the press phase's
    start, else the day after its last selection stage (or jury or vote phase), else after the call."""
    phases = config["phases"]
    if config.get("results_day"):
        return as_date(config["results_day"])
    if "press" in phases:
        return as_date(phases["press"]["start"])
    ends = [as_date(s.get("end") or s["start"]) for s in config.get("selection", []) if s.get("start")]
    ends += [as_date(phases[p].get("end") or phases[p]["start"]) for p in ("jury", "public_vote") if p in phases]
    if not ends and "call" in phases:
        ends = [as_date(phases["call"].get("end") or phases["call"]["start"])]
    return max(ends) + dt.timedelta(days=1) if ends else dt.date.min


def public_rows(config: dict, laureates: list[dict], updates: list[dict], payments: list[dict],
                day: dt.date) -> tuple[list[dict], list[dict], list[dict]]:
    """(laureates, updates, payments) as a site built for `day` shows them: none before the results day,
    nothing dated after `day`, each laureate with the status of its latest update up to `day`."""
    if day < results_day(config):
        return [], [], []
    followed = {row["project"] for row in updates}
    updates = [row for row in updates if as_date(row["date"]) <= day]
    payments = [row for row in payments if as_date(row["date"]) <= day]
    shown = []
    for row in laureates:
        own = sorted((u for u in updates if u["project"] == row["slug"]), key=lambda u: u["date"])
        status = own[-1]["status"] if own else ("selected" if row["slug"] in followed else row["status"])
        shown.append({**row, "status": status})
    return shown, updates, payments


@dataclass
class Campaign:
    """One campaign's source data, read as an editor wrote it; `laureates`, `updates` and `payments` as
    the site built for TODAY shows them (all_laureates: every row of laureates.csv)."""

    slug: str
    folder: Path
    config: dict
    laureates: list[dict[str, str]]
    events: list[dict[str, str]]
    updates: list[dict[str, str]]
    actions: list[dict[str, str]]
    payments: list[dict[str, str]]
    all_laureates: list[dict[str, str]]

    def grant_of(self, row: dict[str, str]) -> int:
        """Cents a laureate counts for as granted: its grant, but what a stopped project kept of it (paid
        minus repaid) where the campaign has payments.csv."""
        if row["status"] == "stopped" and (self.folder / "payments.csv").exists():
            return sum(-cents(p["amount"]) if p["kind"] == "repayment" else cents(p["amount"])
                       for p in self.payments if p["project"] == row["slug"])
        return cents(row["amount"])

    def granted(self) -> int:
        return sum(self.grant_of(row) for row in self.laureates)

    def repaid(self) -> int:
        """Cents paid back by projects up to TODAY (payments.csv)."""
        return sum(cents(p["amount"]) for p in self.payments if p["kind"] == "repayment")

    def paid(self) -> int:
        """Cents paid to projects up to TODAY, net of what they paid back."""
        return sum(cents(p["amount"]) for p in self.payments if p["kind"] != "repayment") - self.repaid()

    @property
    def languages(self) -> list[str]:
        return list(self.config["languages"])

    @property
    def base_url(self) -> str:
        return self.config["base_url"]

    def title(self, lang: str) -> str:
        return text_in(self.config["title"], lang)

    def url(self, lang: str, rel: str = "") -> str:
        """The public address of page `rel` ("laureates/x/") of this campaign's `lang` site."""
        return f"{self.base_url}{lang}/{rel}"

    def site(self, output: Path, lang: str) -> Path:
        return output / self.slug / lang

    def phases(self) -> list[tuple[str, dt.date, dt.date]]:
        """(id, start, last day) of each phase; a phase without an end lasts one day."""
        result = []
        for pid, spec in self.config["phases"].items():
            start = as_date(spec["start"])
            result.append((pid, start, as_date(spec["end"]) if spec.get("end") else start))
        return result

    def news(self, lang: str) -> dict[str, dict]:
        """slug -> front matter of each news post on the `lang` site: in `lang`, or for a post not written
        in it, in the first of the campaign's languages it has; its title as it is shown (`shown_title`,
        typeset in the post's own language)."""
        shown: dict[str, dict] = {}
        for code in (lang, *self.languages):
            for path in sorted((self.folder / "news").glob(f"*.{code}.md")):
                meta = front_matter(path)
                shown.setdefault(path.name[: -len(f".{code}.md")], {**meta, "shown_title": typeset(str(meta["title"]), code)})
        return dict(sorted(shown.items()))

    def needs(self, row: dict[str, str], kind: str, lang: str) -> list[str]:
        return [typeset(need, lang) for need in split_list(row.get(f"needs_{kind}_{lang}"))]


@dataclass
class Network:
    root: Path
    config: dict
    campaigns: list[Campaign]

    @property
    def languages(self) -> list[str]:
        return list(self.config["languages"])

    @property
    def base_url(self) -> str:
        return self.config["base_url"]

    def portal_site(self, output: Path, lang: str) -> Path:
        """The portal's default language is at the root, the others in <lang>/."""
        return output if lang == self.languages[0] else output / lang

    def campaign(self, slug: str) -> Campaign:
        return next(c for c in self.campaigns if c.slug == slug)

    def sites(self, output: Path) -> list[tuple[Path, str, Campaign | None]]:
        """(folder, language, campaign or None for the portal) of every site of the network."""
        found = [(self.portal_site(output, lang), lang, None) for lang in self.languages]
        return found + [(c.site(output, lang), lang, c) for c in self.campaigns for lang in c.languages]

    def public_file(self, output: Path, url: str) -> Path | None:
        """The file under `output` serving public address `url`; None if no base address matches."""
        bases = sorted([(c.base_url, output / c.slug) for c in self.campaigns] + [(self.base_url, output)],
                       key=lambda item: -len(item[0]))
        address = url.split("#", 1)[0].split("?", 1)[0]
        for base, folder in bases:
            if address.startswith(base):
                rel = unquote(address[len(base):])
                target = folder / rel
                return target / "index.html" if not rel or rel.endswith("/") or target.is_dir() else target
        return None


@functools.lru_cache(maxsize=8)
def load_network(root: Path = ROOT) -> Network:
    campaigns = []
    for folder in sorted((root / "campaigns").iterdir()):
        if not (folder / "campaign.yml").is_file():
            continue
        config = yaml.safe_load((folder / "campaign.yml").read_text(encoding="utf-8"))
        everyone = read_csv(folder / "laureates.csv")
        laureates, updates, payments = public_rows(config, everyone, read_csv(folder / "updates.csv"),
                                                   read_csv(folder / "payments.csv"), TODAY)
        campaigns.append(Campaign(folder.name, folder, config, laureates, read_csv(folder / "events.csv"), updates,
                                  read_csv(folder / "actions.csv"), payments, everyone))
    config = yaml.safe_load((root / "content" / "network.yml").read_text(encoding="utf-8"))
    return Network(root, config, campaigns)


@functools.lru_cache(maxsize=1)
def sdg_goals() -> dict[int, dict[str, str]]:
    """goal number -> row of data/sdg_goals.csv (colour, title_<lang>)."""
    return {int(row["goal"]): row for row in read_csv(ROOT / "data" / "sdg_goals.csv")}


def private_columns() -> dict[str, set[str]]:
    """Table name -> columns its schema in data/schemas marks `x-private` (never published)."""
    result = {}
    for path in sorted((ROOT / "data" / "schemas").glob("*.schema.json")):
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        names = {f["name"] for f in descriptor.get("fields", []) if f.get("x-private")}
        if names:
            result[path.name.split(".")[0]] = names
    return result


@functools.lru_cache(maxsize=8)
def catalogue(lang: str) -> dict[str, str]:
    """msgid -> msgstr of the interface catalogue for `lang`; a plural message (ngettext) gives its
    singular msgid the first form and its plural msgid the plural form (msgstr[1])."""
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    found = {m.id[0]: m.string[0] for m in messages if m.pluralizable}
    found.update({m.id[1]: m.string[1] for m in messages if m.pluralizable})
    found.update({m.id: m.string for m in messages if not m.pluralizable})
    return found


def label(lang: str, msgid: str) -> str:
    """The interface text a reader of `lang` sees for `msgid` (e.g. a key figure's label)."""
    return catalogue(lang)[msgid]


# --- Colours -------------------------------------------------------------------------------------

def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of "#RRGGBB"."""
    value = colour.strip().lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def style_vars(el: Element) -> dict[str, str]:
    """CSS custom properties set in an element's style attribute: {"--sdg-bg": "#FD9D24", ...}."""
    found = {}
    for declaration in el.get("style", "").split(";"):
        if ":" in declaration:
            name, value = declaration.split(":", 1)
            if name.strip().startswith("--"):
                found[name.strip()] = value.strip()
    return found


# --- Everything published ------------------------------------------------------------------------

def published_texts(site: Path):
    """(path, bytes) of every file under `site`, gzip files (sitemaps, search index) decompressed."""
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                try:
                    data = gzip.decompress(data)
                except OSError:
                    pass
            yield path, data


# --- Building ------------------------------------------------------------------------------------

def build_network(root: Path, output: Path, today: dt.date) -> Path:
    """Build the network under `root` into `output` as of `today` with the Python API; `output`."""
    from campaignsite.pipeline import build, BuildConfig

    build(BuildConfig(root=root, output=output, today=today))
    return output


def rendered_pages(checked, day: dt.date) -> dict[tuple[str, str], Document]:
    """{(site id, page address): the page as our template renders it}, for the model `checked`
    (pipeline.build_model) built for `day`: the pipeline's stages up to the engine, which is left out
    (its furniture is not what such tests check, and it takes seconds)."""
    from campaignsite import pipeline
    from campaignsite.pages.sites import all_sites
    from campaignsite.render.templates import render_body

    public = pipeline.public_on(checked, day)
    return {(site.id, page.url): parse_html(render_body(page, site.id))
            for site in all_sites(public.network, public.media, day) for page in site.pages}


_FIXTURE_BUILDS: dict[tuple[dt.date, Path], Path] = {}


def fixture_build(tmp_path_factory, today: dt.date) -> Path:
    """tests/project.py's network built as of `today`, once per test run and day."""
    from project import write_project

    key = (today, tmp_path_factory.getbasetemp())
    if key not in _FIXTURE_BUILDS:
        folder = tmp_path_factory.mktemp(f"fixture-{today.isoformat()}")
        _FIXTURE_BUILDS[key] = build_network(write_project(folder / "project"), folder / "site", today)
    return _FIXTURE_BUILDS[key]


def file_hashes(folder: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under `folder`."""
    import hashlib

    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
