"""Stage 1, load: read every input file into text and parsed data with source positions.

Nothing here judges the content; it only turns bytes into YAML data (with the line of every key),
CSV text (with the physical line of every row) and Markdown (front matter plus body). Files that
cannot even be read become problems.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .codes import Code
from .errors import Problem, relpath

CAMPAIGN_FILE = "campaign.yml"
TABLE_FILES = ("laureates", "events", "updates", "actions")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*(?:\n|\Z)", re.S | re.M)
# projects/<laureate>.<lang>.md and news/<post>.<lang>.md
LOCALISED_NAME = re.compile(r"\A(?P<slug>[^.]+)\.(?P<lang>[a-z]{2})\.md\Z")


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so JSON Schema sees what the editor typed."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def printable(value) -> str:
    """`value` as text that keeps a problem on one line: line breaks and other invisibles escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(value))


def dotted(path: tuple) -> str:
    """A data path as a field name: ('budget', 'sources', 1, 'amount') -> budget.sources.1.amount."""
    return ".".join(printable(part) for part in path)


@dataclass
class YamlDoc:
    """A parsed YAML file and the line of every key or list item in it."""

    rel: str
    data: Any
    lines: dict[tuple, int]

    def line_of(self, path: tuple) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


@dataclass
class CsvText:
    """A CSV file as text, its header, its non-blank data rows and the physical line each row starts on."""

    rel: str
    text: str
    header: list[str]
    row_lines: list[int]
    rows: list[list[str]] = field(default_factory=list)
    header_line: int = 1

    def line_of_row(self, row_number: int) -> int:
        """Physical line of a Frictionless row number (the header is row 1, the first data row 2)."""
        index = row_number - 2
        return self.row_lines[index] if 0 <= index < len(self.row_lines) else self.header_line


@dataclass
class MarkdownDoc:
    """A Markdown file with optional YAML front matter."""

    rel: str
    slug: str
    lang: str
    meta: YamlDoc
    body: str


@dataclass
class CampaignFiles:
    """Everything read from one campaign folder."""

    slug: str
    root: Path
    campaign: YamlDoc | None = None
    tables: dict[str, CsvText] = field(default_factory=dict)
    projects: list[MarkdownDoc] = field(default_factory=list)
    news: list[MarkdownDoc] = field(default_factory=list)
    media: set[str] = field(default_factory=set)


def read_text(path: Path, root: Path, problems: list[Problem]) -> str | None:
    """UTF-8 text of a file, a leading BOM dropped and CRLF turned into LF; None if unreadable."""
    rel = relpath(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(rel, None, "", f"cannot be read: {exc.strerror}", Code.UNREADABLE_FILE))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(rel, line, "", f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                                "save the file as UTF-8", Code.NOT_UTF8))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, rel: str, problems: list[Problem]) -> YamlDoc | None:
    """Parse YAML text, recording the line of every key; syntax errors become problems."""
    lines: dict[tuple, int] = {}
    duplicates: list[Problem] = []
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                # Before construction, which folds `<<` merges into the mapping they appear in.
                _record_lines(node, (), lines, rel, duplicates, set())
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        problems.append(_yaml_syntax_problem(rel, exc))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(rel, None, "", f"is not valid YAML: {printable(exc)}", Code.YAML_SYNTAX))
        return None
    problems.extend(duplicates)
    return YamlDoc(rel, data, lines)


# PyYAML's words for the slips editors make most, and what to do about them.
YAML_HINTS = (("mapping values are not allowed", "a ':' where a value was expected; put a text containing "
               "': ' in quotes"),
              ("cannot start any token", "a character that cannot start a value (a tab? indent with spaces)"),
              ("expected <block end>", "the indentation does not line up with the lines above"),
              ("unexpected end of stream", "the file ends inside a quoted text or a list; close it"))


def _yaml_syntax_problem(rel: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "unreadable"
    hint = next((hint for words, hint in YAML_HINTS if words in problem), problem)
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        hint += f" ({exc.context} on line {exc.context_mark.line + 1})"
    return Problem(rel, mark.line + 1 if mark else None, "", f"is not valid YAML: {hint}", Code.YAML_SYNTAX)


def _record_lines(node, path: tuple, lines: dict, rel: str, problems: list[Problem], seen_nodes: set) -> None:
    lines[path] = node.start_mark.line + 1
    if id(node) in seen_nodes:
        return  # an alias: its content was recorded where the anchor is (and alias bombs stay cheap)
    seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            # The key as the data has it (`5:` is the int 5), so data paths find their line.
            key = yaml.constructor.SafeConstructor().construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                continue  # construction reports it
            line = key_node.start_mark.line + 1
            if key in seen:
                # PyYAML keeps the last value silently; an editor's copy-paste slip must not vanish.
                problems.append(Problem(rel, line, dotted(path + (key,)),
                                        f"is given twice (first on line {seen[key]})", Code.DUPLICATE_KEY))
            seen.setdefault(key, line)
            _record_lines(value_node, path + (key,), lines, rel, problems, seen_nodes)
            lines[path + (key,)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, rel, problems, seen_nodes)


def parse_csv(text: str, rel: str, problems: list[Problem]) -> CsvText | None:
    """Split off the header and find where each row starts; blank rows are skipped, an empty file is
    a problem."""
    # strict: a quote left open or text after a closing quote is an error, not a silently merged row.
    reader = csv.reader(io.StringIO(text), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    row_lines: list[int] = []
    start = header_line = 1
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                pass
            elif header is None:
                header, header_line = [name.strip() for name in row], start
            else:
                rows.append(row)
                row_lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(_csv_syntax_problem(rel, exc, start, reader.line_num))
        return None
    if header is None:
        problems.append(Problem(rel, 1, "", "is empty: expected a header row with the column names",
                                Code.EMPTY_FILE))
        return None
    return CsvText(rel, text, header, row_lines, rows, header_line)


def _csv_syntax_problem(rel: str, exc: csv.Error, row_start: int, line: int) -> Problem:
    if "unexpected end of data" in str(exc):
        return Problem(rel, row_start, "", "has a cell whose opening quote (\") is never closed; close it or "
                       "remove it", Code.CSV_SYNTAX)
    if "expected after" in str(exc):
        return Problem(rel, line, "", "has text after the closing quote of a cell: a quoted cell must end "
                       "with '\",' or '\"' at the end of the line", Code.CSV_SYNTAX)
    return Problem(rel, line, "", f"is not valid CSV: {exc}", Code.CSV_SYNTAX)


def parse_markdown(path: Path, root: Path, problems: list[Problem], name: str | None = None) -> MarkdownDoc | None:
    """A localised Markdown file `<slug>.<lang>.md` (or as `name` says), its front matter parsed."""
    rel = relpath(path, root)
    match = LOCALISED_NAME.match(name or path.name)
    if not match:
        expected = "<page>.md (e.g. about.md)" if name else "<slug>.<language>.md (e.g. repair-cafe.nl.md)"
        problems.append(Problem(rel, None, "", f"is not named {expected}", Code.BAD_FILE_NAME))
        return None
    text = read_text(path, root, problems)
    if text is None:
        return None
    meta = YamlDoc(rel, {}, {})
    body = text
    front = FRONT_MATTER.match(text)
    if not front and re.match(r"---[ \t]*\n", text):
        problems.append(Problem(rel, 1, "", "starts a front matter with '---' but no later '---' line closes it",
                                Code.YAML_SYNTAX))
        return None
    if front:
        # Front matter starts on line 2 of the file: an empty first line keeps every YAML line,
        # syntax errors included, equal to the file's.
        meta = parse_yaml("\n" + front.group(1), rel, problems)
        if meta is None:
            return None
        meta.data = {} if meta.data is None else meta.data
        body = text[front.end():]
    return MarkdownDoc(rel, match["slug"], match["lang"], meta, body)


def load_campaign(folder: Path, root: Path, problems: list[Problem]) -> CampaignFiles:
    """Read one campaign folder: campaign.yml, the CSV tables, Markdown and the media list."""
    files = CampaignFiles(slug=folder.name, root=folder)
    yml = folder / CAMPAIGN_FILE
    if not yml.is_file():
        problems.append(Problem(relpath(yml, root), None, "", "is missing: every campaign folder needs one",
                                Code.MISSING_FILE))
    else:
        text = read_text(yml, root, problems)
        if text is not None:
            files.campaign = parse_yaml(text, relpath(yml, root), problems)
    for name in TABLE_FILES:
        path = folder / f"{name}.csv"
        if path.is_file():
            text = read_text(path, root, problems)
            table = parse_csv(text, relpath(path, root), problems) if text is not None else None
            if table is not None:
                files.tables[name] = table
    for kind in ("projects", "news"):
        for path in sorted((folder / kind).glob("*.md")) if (folder / kind).is_dir() else []:
            doc = parse_markdown(path, root, problems)
            if doc is not None:
                getattr(files, kind).append(doc)
    media = folder / "media"
    if media.is_dir():
        files.media = {f"media/{p.name}" for p in media.iterdir() if p.is_file()}
    return files


def load_network(root: Path, problems: list[Problem]) -> list[CampaignFiles]:
    """Read every campaign folder under `root/campaigns`, in name order."""
    campaigns_dir = root / "campaigns"
    if not campaigns_dir.is_dir():
        problems.append(Problem("campaigns", None, "", "folder is missing", Code.MISSING_FILE))
        return []
    folders = sorted(p for p in campaigns_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    return [load_campaign(folder, root, problems) for folder in folders]


@dataclass
class ContentFiles:
    """The network's own files under content/: network.yml and editorial pages per language."""

    root: Path
    network: YamlDoc | None = None
    pages: list[MarkdownDoc] = field(default_factory=list)


def load_content(root: Path, problems: list[Problem]) -> ContentFiles:
    """Read content/network.yml and content/<lang>/<page>.md."""
    content = ContentFiles(root / "content")
    path = root / "content" / "network.yml"
    if not path.is_file():
        problems.append(Problem("content/network.yml", None, "", "is missing: the portal needs its title, "
                                "languages and address", Code.MISSING_FILE))
    else:
        text = read_text(path, root, problems)
        if text is not None:
            content.network = parse_yaml(text, relpath(path, root), problems)
    for folder in sorted(p for p in (root / "content").glob("*") if p.is_dir()):
        for page in sorted(folder.glob("*.md")):
            renamed = page.with_name(f"{page.stem}.{folder.name}.md")
            doc = parse_markdown(page, root, problems, name=renamed.name)
            if doc is not None:
                content.pages.append(doc)
    return content
