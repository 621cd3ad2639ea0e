"""Stage 1, load: read every input file into text and parsed data with source positions.

Nothing here judges the content; it only turns bytes into YAML data (with the line of every key),
CSV text (with the physical line of every row) and Markdown (front matter plus body). Files that
cannot even be read become problems.

Only files we chose to read are read: no symbolic link under campaigns/, content/ or data/ is
followed (each is a problem), only regular files are opened, editors' droppings (dotfiles, `~`
backups, Thumbs.db) are never read, and every file is bounded before it is read (`Limits`, from
content/network.yml or the schema's defaults): size, YAML depth, aliases and values, CSV rows and
columns, Markdown nesting. Text holding control characters is refused with its line.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import os
import re
import stat
from collections.abc import Hashable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from .codes import Code
from .errors import Message, Problem, msg, relpath

CAMPAIGN_FILE = "campaign.yml"
TABLE_FILES = ("laureates", "events", "updates", "payments", "actions")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*(?:\n|\Z)", re.S | re.M)
# projects/<laureate>.<lang>.md and news/<post>.<lang>.md
LOCALISED_NAME = re.compile(r"\A(?P<slug>[^.]+)\.(?P<lang>[a-z]{2})\.md\Z")


# --- Limits --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Limits:
    """Bounds on the input; declared with their defaults and maxima in data/schemas/network.schema.json
    (`limits:`), raised per network in content/network.yml."""

    yaml_bytes: int
    csv_bytes: int
    markdown_bytes: int
    media_bytes: int
    csv_rows: int
    csv_columns: int
    yaml_depth: int
    yaml_aliases: int
    yaml_nodes: int
    markdown_depth: int
    markdown_seconds: int
    folder_entries: int
    problems_per_file: int


LIMIT_NAMES = tuple(f.name for f in fields(Limits))


def _limit_schema() -> dict:
    from .schemas import json_schema  # schemas imports this module: resolved when first needed
    return json_schema("network")["properties"]["limits"]["properties"]


@functools.lru_cache(maxsize=1)
def largest_limit() -> int:
    """The most bytes any file may have under the highest limits a network.yml can set: a build never
    reads more of a file (see incremental.tree_digest)."""
    return max(bound["maximum"] for name, bound in _limit_schema().items() if name.endswith("_bytes"))


def default_limits() -> Limits:
    """The limits every network has unless its content/network.yml raises them."""
    return Limits(**{name: _limit_schema()[name]["default"] for name in LIMIT_NAMES})


def limits_of(doc: YamlDoc | None) -> Limits:
    """The limits content/network.yml sets (`doc`, read with the default limits); a value that is not a
    whole number within its bounds keeps its default (the schema check reports it)."""
    data = doc.data.get("limits") if doc is not None and isinstance(doc.data, dict) else None
    if not isinstance(data, dict):
        return default_limits()
    bounds = _limit_schema()
    chosen = {name: value for name, value in data.items() if name in bounds and type(value) is int
              and bounds[name]["minimum"] <= value <= bounds[name]["maximum"]}
    return dataclasses.replace(default_limits(), **chosen)


def network_limits(root: Path) -> Limits:
    """The limits of the network under `root`. content/network.yml is read for them with the default
    limits; its own problems are reported when load_content reads it."""
    path = root / "content" / NETWORK_FILE
    scratch: list[Problem] = []
    text = read_text(path, root, scratch, default_limits(), "yaml") if entry_kind(path) == "file" else None
    return limits_of(parse_yaml(text, relpath(path, root), scratch) if text is not None else None)


def _too_large(rel: str, size: int, limit: int, what: str, name: str) -> Problem:
    return Problem(rel, None, "", msg("is %(size)s, more than the %(limit)s allowed for %(what)s; make it smaller, "
                                      "or %(hint)s", size=_size(size), limit=_size(limit), what=what,
                                      hint=_raise_hint(name)), Code.TOO_LARGE)


def _size(count: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= factor:
            return f"{count / factor:.1f} {unit}"
    return msg("%(count)s bytes", count=count)


def _raise_hint(name: str) -> Message:
    return msg("raise limits.%(name)s in content/network.yml", name=name)


# --- Files we choose to read ---------------------------------------------------------------------

NETWORK_FILE = "network.yml"
SYMLINK_MESSAGE = msg("is a symbolic link, which the build does not follow: put the file or folder itself here")
TOP_FOLDERS = ("campaigns", "content", "data")
# Editors' and systems' droppings: never read, never listed, never published.
DROPPINGS = frozenset({"Thumbs.db", "ehthumbs.db", "desktop.ini", "Desktop.ini", "Icon\r"})
DROPPING_FORM = re.compile(r"\A(\..*|.*~|~\$.*|#.*#|.*\.(swp|swo|swx))\Z", re.S)


def is_dropping(name: str) -> bool:
    """A dotfile, editor backup or lock (`x~`, `#x#`, `~$x.docx`, `.x.swp`) or system file (Thumbs.db)."""
    return name in DROPPINGS or bool(DROPPING_FORM.match(name))


def entry_kind(path: Path) -> str | None:
    """'file', 'dir', 'link' or 'other' (pipe, socket, device), without following a link; None if absent."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return "link"
    return "file" if stat.S_ISREG(mode) else "dir" if stat.S_ISDIR(mode) else "other"


def folder_names(folder: Path, limits: Limits) -> list[str]:
    """The names in `folder` that are not droppings, sorted, leaving out names with invisible or
    undecodable characters; at most `limits.folder_entries` are read (scan_inputs reports those)."""
    names = []
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= limits.folder_entries:
                    break
                if not is_dropping(entry.name) and entry.name.isprintable():
                    names.append(entry.name)
    except OSError:
        return []
    return sorted(names)


def scan_inputs(root: Path, limits: Limits, problems: list[Problem]) -> None:
    """Report every symbolic link and every special file (pipe, socket, device) under campaigns/,
    content/ and data/, and every folder with more entries than the limit. Links are not followed:
    the loaders skip whatever is not a regular file or folder."""
    stack = [root / top for top in TOP_FOLDERS]
    while stack:
        path = stack.pop()
        kind = entry_kind(path)
        rel = printable(relpath(path, root))
        if not path.name.isprintable():
            # A line break or an escape sequence in a name would forge or garble the build's log.
            problems.append(Problem(rel, None, "", msg("has invisible or undecodable characters in its name; rename "
                                                       "it"), Code.BAD_FILE_NAME))
        if kind == "link":
            problems.append(Problem(rel, None, "", SYMLINK_MESSAGE, Code.SYMLINK))
        elif kind == "other":
            problems.append(Problem(rel, None, "", msg("is not a regular file or folder (a pipe, socket or device); "
                                                       "remove it"), Code.UNREADABLE_FILE))
        elif kind == "dir":
            try:
                with os.scandir(path) as entries:
                    for count, entry in enumerate(entries):
                        if count >= limits.folder_entries:
                            problems.append(Problem(rel, None, "", msg(
                                "holds more than %(count)s files and folders; %(hint)s",
                                count=f"{limits.folder_entries:,}", hint=_raise_hint("folder_entries")),
                                Code.TOO_MANY))
                            break
                        stack.append(path / entry.name)
            except OSError as exc:
                problems.append(Problem(rel, None, "", msg("cannot be read: %(reason)s", reason=exc.strerror),
                                        Code.UNREADABLE_FILE))


# --- YAML ----------------------------------------------------------------------------------------

class LimitExceeded(Exception):
    """A YAML file goes beyond a limit while it is composed or constructed; raised at its position."""

    def __init__(self, mark, message: str, code: Code):
        super().__init__(message)
        self.mark, self.message, self.code = mark, message, code


# Python types a campaign never needs; an explicit tag such as `!!binary` would smuggle them in.
REFUSED_TAGS = ("binary", "set", "omap", "pairs", "timestamp")
LARGEST_INTEGER = 10 ** 15


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so JSON Schema sees what the editor typed, and that stays
    within the limits while it composes: nesting depth, aliases, and values counted as often as aliases
    repeat them (an "alias bomb" of a few lines stands for billions of values). An alias that contains
    itself is refused; explicit tags other than the plain types are refused."""

    def __init__(self, stream, limits: Limits):
        super().__init__(stream)
        self.limits = limits
        self.depth = self.aliases = 0
        self.sizes: dict[int, int] = {}  # id(node) -> values in it, aliases expanded
        self.open_anchors: set[str] = set()

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > self.limits.yaml_aliases:
                raise LimitExceeded(event.start_mark, msg("has more than %(count)s aliases (*name); write the values "
                                                          "out, or %(hint)s", count=f"{self.limits.yaml_aliases:,}",
                                                          hint=_raise_hint("yaml_aliases")), Code.TOO_MANY)
            if event.anchor in self.open_anchors:
                raise LimitExceeded(event.start_mark, msg("the alias %(alias)s is inside the value it names, which "
                                                          "would never end", alias=f"*{printable(event.anchor)}"),
                                    Code.TOO_DEEP)
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > self.limits.yaml_depth:
            raise LimitExceeded(event.start_mark, msg("nests mappings and lists more than %(depth)s deep; %(hint)s",
                                                      depth=self.limits.yaml_depth, hint=_raise_hint("yaml_depth")),
                                Code.TOO_DEEP)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.open_anchors.add(anchor)
        node = super().compose_node(parent, index)
        self.open_anchors.discard(anchor)
        self.depth -= 1
        if isinstance(node, yaml.MappingNode):
            size = 1 + sum(self.sizes[id(key)] + self.sizes[id(value)] for key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            size = 1 + sum(self.sizes[id(item)] for item in node.value)
        else:
            size = 1
        self.sizes[id(node)] = size
        if size > self.limits.yaml_nodes:
            raise LimitExceeded(node.start_mark, msg("holds more than %(count)s values (counting each time an alias "
                                                     "repeats one); %(hint)s", count=f"{self.limits.yaml_nodes:,}",
                                                     hint=_raise_hint("yaml_nodes")), Code.TOO_MANY)
        return node

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (yaml.YAMLError, LimitExceeded):
            raise
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            # PyYAML's constructors raise these for values such as `!!float x` or `!!int 0xZZ`.
            raise yaml.constructor.ConstructorError(None, None, msg("cannot read this value (%(reason)s)",
                                                                    reason=printable(exc)), node.start_mark) from None

    def construct_yaml_int(self, node):
        text = node.value.replace("_", "")
        value = super().construct_yaml_int(node) if len(text) <= 64 else None
        if value is None or abs(value) >= LARGEST_INTEGER:
            raise LimitExceeded(node.start_mark, msg("%(value)s is a number too large: expected at most %(digits)s "
                                                     "digits", value=quote_value(node.value),
                                                     digits=len(str(LARGEST_INTEGER)) - 1), Code.OUT_OF_RANGE)
        return value


def _refuse_tag(loader, node):
    tag = printable(node.tag).replace("tag:yaml.org,2002:", "!!")
    raise yaml.constructor.ConstructorError(None, None, msg("the tag %(tag)s is not used in these files: remove it",
                                                            tag=tag), node.start_mark)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
for _tag in REFUSED_TAGS:
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)


def printable(value) -> str:
    """`value` as text that keeps a problem on one line: line breaks and other invisibles escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(value))


def quote_value(value) -> str:
    """A value for a message, in single quotes, on one line and at most about 60 characters."""
    text = printable(value)
    return f"'{text}'" if len(text) <= 60 else f"'{text[:57]}...'"


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
    """A Markdown file with optional YAML front matter; `body_line` is the file's line the body starts on."""

    rel: str
    slug: str
    lang: str
    meta: YamlDoc
    body: str
    body_line: int = 1


@dataclass
class CampaignFiles:
    """Everything read from one campaign folder. `refused` holds the campaign-relative names of entries
    that are not read because they are symbolic links or special files (each already a problem)."""

    slug: str
    root: Path
    campaign: YamlDoc | None = None
    tables: dict[str, CsvText] = field(default_factory=dict)
    projects: list[MarkdownDoc] = field(default_factory=list)
    news: list[MarkdownDoc] = field(default_factory=list)
    media: set[str] = field(default_factory=set)
    refused: set[str] = field(default_factory=set)
    limits: Limits = field(default_factory=default_limits)


# Control characters no text file needs: C0 but tab, LF and CR; DEL; C1. They are invisible in most
# editors, and NUL or ESC in a log or a page can do harm.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: msg("backspace"), 0x0B: msg("vertical tab"), 0x0C: msg("form feed"),
                 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}
CONTROL_LINES_SHOWN = 10
FILE_KINDS = {"yaml": msg("a YAML file"), "csv": msg("a CSV file"), "markdown": msg("a Markdown file")}


def read_text(path: Path, root: Path, problems: list[Problem], limits: Limits | None = None,
              kind: str = "yaml") -> str | None:
    """UTF-8 text of a regular file (a link is not followed), at most `limits.<kind>_bytes` long, a
    leading BOM dropped and CRLF turned into LF; None if it cannot be used."""
    rel = relpath(path, root)
    limits = limits or default_limits()
    limit = getattr(limits, f"{kind}_bytes")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if entry_kind(path) == "link":
            problems.append(Problem(rel, None, "", SYMLINK_MESSAGE, Code.SYMLINK))
        else:
            problems.append(Problem(rel, None, "", msg("cannot be read: %(reason)s", reason=exc.strerror),
                                    Code.UNREADABLE_FILE))
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            problems.append(Problem(rel, None, "", msg("is not a regular file (a folder, pipe or device)"),
                                    Code.UNREADABLE_FILE))
            return None
        # The size is checked before the file is read, and the read is bounded in case it grows meanwhile.
        if info.st_size > limit:
            problems.append(_too_large(rel, info.st_size, limit, FILE_KINDS[kind], f"{kind}_bytes"))
            return None
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        problems.append(_too_large(rel, len(raw), limit, FILE_KINDS[kind], f"{kind}_bytes"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(rel, line, "", msg("is not UTF-8 text (byte %(byte)s); save the file as UTF-8",
                                                   byte=f"0x{raw[exc.start]:02x}"), Code.NOT_UTF8))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = control_problems(text, rel)
    if found:
        problems.extend(found)
        return None
    return text


def control_problems(text: str, rel: str) -> list[Problem]:
    """A problem for each line (the first ten) that holds a control character, naming it and its column."""
    found: list[Problem] = []
    search_from = counted_to = 0
    line = 1
    while match := CONTROL.search(text, search_from):
        start = match.start()
        line += text.count("\n", counted_to, start)
        counted_to = start
        if len(found) == CONTROL_LINES_SHOWN:
            found.append(Problem(rel, line, "", msg("has more lines with control characters; remove those first"),
                                 Code.CONTROL_CHARACTER))
            break
        char = ord(match.group())
        name = CONTROL_NAMES.get(char) or msg("a control character")
        column = start - text.rfind("\n", 0, start)
        found.append(Problem(rel, line, "", msg("holds %(name)s (%(char)s) at column %(column)s, an invisible "
                                                "character that text files must not contain: remove it", name=name,
                                                char=f"U+{char:04X}", column=column), Code.CONTROL_CHARACTER))
        end_of_line = text.find("\n", start)
        if end_of_line < 0:
            break
        search_from = end_of_line + 1
    return found


def parse_yaml(text: str, rel: str, problems: list[Problem], limits: Limits | None = None) -> YamlDoc | None:
    """Parse YAML text within the limits, recording the line of every key; syntax errors and limits
    exceeded become problems."""
    lines: dict[tuple, int] = {}
    duplicates: list[Problem] = []
    try:
        loader = _Loader(text, limits or default_limits())
        try:
            node = loader.get_single_node()
            if node is not None:
                # Before construction, which folds `<<` merges into the mapping they appear in.
                _record_lines(node, (), lines, rel, duplicates, set())
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except LimitExceeded as exc:
        problems.append(Problem(rel, exc.mark.line + 1 if exc.mark else None, "", exc.message, exc.code))
        return None
    except yaml.MarkedYAMLError as exc:
        problems.append(_yaml_syntax_problem(rel, exc))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(rel, None, "", msg("is not valid YAML: %(problem)s", problem=printable(exc)),
                                Code.YAML_SYNTAX))
        return None
    problems.extend(duplicates)
    return YamlDoc(rel, data, lines)


# PyYAML's words for the slips editors make most, and what to do about them.
YAML_HINTS = (("mapping values are not allowed", msg("a ':' where a value was expected; put a text containing "
                                                     "': ' in quotes")),
              ("cannot start any token", msg("a character that cannot start a value (a tab? indent with spaces)")),
              ("expected <block end>", msg("the indentation does not line up with the lines above")),
              ("unexpected end of stream", msg("the file ends inside a quoted text or a list; close it")))


def _yaml_syntax_problem(rel: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "unreadable"
    # Our own words (a hint, or a refused tag or value) are messages; PyYAML's stay English.
    hint = next((hint for words, hint in YAML_HINTS if words in problem), None)
    hint = hint or (problem if isinstance(problem, Message) else printable(problem))
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        hint = msg("%(problem)s (%(context)s on line %(line)s)", problem=hint, context=printable(exc.context),
                   line=exc.context_mark.line + 1)
    return Problem(rel, mark.line + 1 if mark else None, "", msg("is not valid YAML: %(problem)s", problem=hint),
                   Code.YAML_SYNTAX)


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
            try:
                key = yaml.constructor.SafeConstructor().construct_object(key_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError, AttributeError, OverflowError):
                continue  # construction reports it
            if not isinstance(key, Hashable):
                continue  # construction reports it
            line = key_node.start_mark.line + 1
            if key in seen:
                # PyYAML keeps the last value silently; an editor's copy-paste slip must not vanish.
                problems.append(Problem(rel, line, dotted(path + (key,)),
                                        msg("is given twice (first on line %(line)s)", line=seen[key]),
                                        Code.DUPLICATE_KEY))
            seen.setdefault(key, line)
            _record_lines(value_node, path + (key,), lines, rel, problems, seen_nodes)
            lines[path + (key,)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, rel, problems, seen_nodes)


def parse_csv(text: str, rel: str, problems: list[Problem], limits: Limits | None = None) -> CsvText | None:
    """Split off the header and find where each row starts; blank rows are skipped, an empty file is
    a problem, and so are more rows or columns than the limits allow."""
    limits = limits or default_limits()
    # A cell may be as long as the file may be; Frictionless raises this process-wide limit too.
    csv.field_size_limit(max(csv.field_size_limit(), limits.csv_bytes))
    # strict: a quote left open or text after a closing quote is an error, not a silently merged row.
    reader = csv.reader(io.StringIO(text), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    row_lines: list[int] = []
    start = header_line = 1
    try:
        for row in reader:
            if len(row) > limits.csv_columns:
                problems.append(Problem(rel, start, "", msg("has %(count)s columns, more than the %(limit)s allowed; "
                                                            "%(hint)s", count=f"{len(row):,}",
                                                            limit=f"{limits.csv_columns:,}",
                                                            hint=_raise_hint("csv_columns")), Code.TOO_MANY))
                return None
            if not any(cell.strip() for cell in row):
                pass
            elif header is None:
                header, header_line = [name.strip() for name in row], start
            elif len(rows) == limits.csv_rows:
                problems.append(Problem(rel, start, "", msg("has more than %(count)s rows; split the table, or "
                                                            "%(hint)s", count=f"{limits.csv_rows:,}",
                                                            hint=_raise_hint("csv_rows")), Code.TOO_MANY))
                return None
            else:
                rows.append(row)
                row_lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(_csv_syntax_problem(rel, exc, start, reader.line_num))
        return None
    if header is None:
        problems.append(Problem(rel, 1, "", msg("is empty: expected a header row with the column names"),
                                Code.EMPTY_FILE))
        return None
    return CsvText(rel, text, header, row_lines, rows, header_line)


def _csv_syntax_problem(rel: str, exc: csv.Error, row_start: int, line: int) -> Problem:
    if "unexpected end of data" in str(exc):
        return Problem(rel, row_start, "", msg("has a cell whose opening quote (\") is never closed; close it or "
                                               "remove it"), Code.CSV_SYNTAX)
    if "expected after" in str(exc):
        return Problem(rel, line, "", msg("has text after the closing quote of a cell: a quoted cell must end "
                                          "with '\",' or '\"' at the end of the line"), Code.CSV_SYNTAX)
    return Problem(rel, line, "", msg("is not valid CSV: %(problem)s", problem=printable(exc)), Code.CSV_SYNTAX)


# --- Markdown ------------------------------------------------------------------------------------

# What opens one more level on a line: a quote marker, or a list marker followed by a space.
CONTAINER = re.compile(r"[ \t]*(>|[-*+](?=[ \t]|\Z)|[0-9]{1,9}[.)](?=[ \t]|\Z))")
BRACKET = re.compile(r"\\.|[\[\]()]", re.S)


def markdown_nesting(text: str, limit: int) -> tuple[int, str] | None:
    """The first place where Markdown nests deeper than `limit`, as (line in `text`, what), or None.

    Python-Markdown recurses once per level of quotes, lists and indentation, and its link parser
    slows down with every bracket left open, so both are bounded: quote and list markers plus
    indentation (4 columns a level) at the start of a line, and `[` or `(` left open in a paragraph."""
    open_brackets = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            open_brackets = 0
            continue
        depth, pos, columns = 0, 0, 0
        while match := CONTAINER.match(line, pos):
            depth += 1
            columns += len(match.group().expandtabs(4)) - len(match.group(1))
            pos = match.end()
        columns += len(line[pos:].expandtabs(4)) - len(line[pos:].expandtabs(4).lstrip(" "))
        depth += columns // 4
        if depth > limit:
            return number, msg("nests quotes, lists or indentation %(depth)s levels deep", depth=depth)
        for match in BRACKET.finditer(line):
            char = match.group()
            if char in "[(":
                open_brackets += 1
                if open_brackets > limit:
                    return number, msg("leaves more than %(limit)s brackets '[' or '(' open in one paragraph",
                                       limit=limit)
            elif char in "])":
                open_brackets = max(0, open_brackets - 1)
    return None


def parse_markdown(path: Path, root: Path, problems: list[Problem], name: str | None = None,
                   limits: Limits | None = None) -> MarkdownDoc | None:
    """A localised Markdown file `<slug>.<lang>.md` (or as `name` says), its front matter parsed."""
    rel = relpath(path, root)
    limits = limits or default_limits()
    match = LOCALISED_NAME.match(name or path.name)
    if not match:
        expected = msg("<page>.md (e.g. about.md)") if name else msg("<slug>.<language>.md (e.g. repair-cafe.nl.md)")
        problems.append(Problem(rel, None, "", msg("is not named %(expected)s", expected=expected),
                                Code.BAD_FILE_NAME))
        return None
    text = read_text(path, root, problems, limits, "markdown")
    if text is None:
        return None
    meta = YamlDoc(rel, {}, {})
    body, body_line = text, 1
    front = FRONT_MATTER.match(text)
    if not front and re.match(r"---[ \t]*\n", text):
        problems.append(Problem(rel, 1, "", msg("starts a front matter with '---' but no later '---' line closes it"),
                                Code.YAML_SYNTAX))
        return None
    if front:
        # Front matter starts on line 2 of the file: an empty first line keeps every YAML line,
        # syntax errors included, equal to the file's.
        meta = parse_yaml("\n" + front.group(1), rel, problems, limits)
        if meta is None:
            return None
        meta.data = {} if meta.data is None else meta.data
        body, body_line = text[front.end():], text.count("\n", 0, front.end()) + 1
    nested = markdown_nesting(body, limits.markdown_depth)
    if nested:
        problems.append(Problem(rel, body_line + nested[0] - 1, "", msg(
            "%(what)s, more than the %(limit)s allowed; %(hint)s", what=nested[1], limit=limits.markdown_depth,
            hint=_raise_hint("markdown_depth")), Code.TOO_DEEP))
        return None
    return MarkdownDoc(rel, match["slug"], match["lang"], meta, body, body_line)


# --- Folders -------------------------------------------------------------------------------------

def load_campaign(folder: Path, root: Path, problems: list[Problem], limits: Limits | None = None) -> CampaignFiles:
    """Read one campaign folder: campaign.yml, the CSV tables, Markdown and the media list. Only regular
    files are read; links and special files are left out (scan_inputs reports them)."""
    limits = limits or default_limits()
    files = CampaignFiles(slug=folder.name, root=folder, limits=limits)
    for name in folder_names(folder, limits):
        if entry_kind(folder / name) not in ("file", "dir"):
            files.refused.add(name)
    yml = folder / CAMPAIGN_FILE
    kind = entry_kind(yml)
    if kind is None:
        problems.append(Problem(relpath(yml, root), None, "", msg("is missing: every campaign folder needs one"),
                                Code.MISSING_FILE))
    elif kind == "dir":
        problems.append(Problem(relpath(yml, root), None, "", msg("is a folder, expected a file"),
                                Code.UNREADABLE_FILE))
    elif kind == "file":
        text = read_text(yml, root, problems, limits, "yaml")
        if text is not None:
            files.campaign = parse_yaml(text, relpath(yml, root), problems, limits)
    for name in TABLE_FILES:
        path = folder / f"{name}.csv"
        if entry_kind(path) == "file":
            text = read_text(path, root, problems, limits, "csv")
            table = parse_csv(text, relpath(path, root), problems, limits) if text is not None else None
            if table is not None:
                files.tables[name] = table
    for kind in ("projects", "news"):
        if entry_kind(folder / kind) != "dir":
            continue
        for name in folder_names(folder / kind, limits):
            path = folder / kind / name
            if not name.endswith(".md") or entry_kind(path) != "file":
                if entry_kind(path) in ("link", "other"):
                    files.refused.add(f"{kind}/{name}")
                continue
            doc = parse_markdown(path, root, problems, limits=limits)
            if doc is not None:
                getattr(files, kind).append(doc)
    media = folder / "media"
    if entry_kind(media) == "dir":
        for name in folder_names(media, limits):
            kind = entry_kind(media / name)
            if kind == "file":
                size = os.lstat(media / name).st_size
                if size > limits.media_bytes:
                    problems.append(_too_large(relpath(media / name, root), size, limits.media_bytes,
                                               "a media file", "media_bytes"))
                files.media.add(f"media/{name}")
            elif kind in ("link", "other"):
                files.refused.add(f"media/{name}")
    return files


def load_network(root: Path, problems: list[Problem]) -> list[CampaignFiles]:
    """Read every campaign folder under `root/campaigns`, in name order, within the network's limits
    (read first from content/network.yml); every link and special file of the inputs is reported."""
    limits = network_limits(root)
    scan_inputs(root, limits, problems)
    campaigns_dir = root / "campaigns"
    kind = entry_kind(campaigns_dir)
    if kind != "dir":
        if kind is None:
            problems.append(Problem("campaigns", None, "", msg("folder is missing"), Code.MISSING_FILE))
        return []
    folders = [campaigns_dir / name for name in folder_names(campaigns_dir, limits)
               if entry_kind(campaigns_dir / name) == "dir"]
    return [load_campaign(folder, root, problems, limits) for folder in folders]


@dataclass
class ContentFiles:
    """The network's own files under content/: network.yml and editorial pages per language."""

    root: Path
    network: YamlDoc | None = None
    pages: list[MarkdownDoc] = field(default_factory=list)
    limits: Limits = field(default_factory=default_limits)


def load_content(root: Path, problems: list[Problem]) -> ContentFiles:
    """Read content/network.yml (with the default limits) and content/<lang>/<page>.md (with the limits
    network.yml sets)."""
    content = ContentFiles(root / "content")
    path = root / "content" / NETWORK_FILE
    kind = entry_kind(path)
    if kind is None:
        problems.append(Problem("content/network.yml", None, "", msg("is missing: the portal needs its title, "
                                                                     "languages and address"), Code.MISSING_FILE))
    elif kind in ("file", "dir"):
        text = read_text(path, root, problems, default_limits(), "yaml")
        if text is not None:
            content.network = parse_yaml(text, relpath(path, root), problems, default_limits())
    content.limits = limits = limits_of(content.network)
    if entry_kind(content.root) != "dir":
        return content
    for folder_name in folder_names(content.root, limits):
        folder = content.root / folder_name
        if entry_kind(folder) != "dir":
            continue
        for name in folder_names(folder, limits):
            page = folder / name
            if not name.endswith(".md") or entry_kind(page) != "file":
                continue
            renamed = page.with_name(f"{page.stem}.{folder.name}.md")
            doc = parse_markdown(page, root, problems, name=renamed.name, limits=limits)
            if doc is not None:
                content.pages.append(doc)
    return content
