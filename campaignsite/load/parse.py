"""Text into data with source positions: YAML (the line of every key, bounded depth, aliases and
nodes), CSV (the physical line of every row) and Markdown (front matter plus body, bounded nesting).
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

from campaignsite.core.codes import Code
from campaignsite.core.errors import Message, Problem, msg, relpath
from campaignsite.load.files import CONTROL, CONTROL_NAMES, printable, read_text
from campaignsite.load.limits import Limits, default_limits, raise_hint

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*(?:\n|\Z)", re.S | re.M)

# projects/<laureate>.<lang>.md and news/<post>.<lang>.md
LOCALISED_NAME = re.compile(r"\A(?P<slug>[^.]+)\.(?P<lang>[a-z]{2})\.md\Z")


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
                                                          hint=raise_hint("yaml_aliases")), Code.TOO_MANY)
            if event.anchor in self.open_anchors:
                raise LimitExceeded(event.start_mark, msg("the alias %(alias)s is inside the value it names, which "
                                                          "would never end", alias=f"*{printable(event.anchor)}"),
                                    Code.TOO_DEEP)
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > self.limits.yaml_depth:
            raise LimitExceeded(event.start_mark, msg("nests mappings and lists more than %(depth)s deep; %(hint)s",
                                                      depth=self.limits.yaml_depth, hint=raise_hint("yaml_depth")),
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
                                                     hint=raise_hint("yaml_nodes")), Code.TOO_MANY)
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
    doc = YamlDoc(rel, data, lines)
    controls = escaped_controls(doc)
    problems.extend(controls)
    return None if controls else doc


# What read_text refuses in a file's text, and lone surrogates ("\ud800", half of a character that no
# UTF-8 file can hold), as a double-quoted YAML string can write them with escapes: "\0", "\x07",
# "\u0000", "\e". They appear only once parsed, so the parsed strings are searched too (issue 20).
ESCAPED = re.compile(CONTROL.pattern[:-1] + "\ud800-\udfff]")


def escaped_controls(doc: YamlDoc) -> list[Problem]:
    """A problem for each key or text of `doc` that holds a control character or a lone surrogate."""
    found: list[Problem] = []
    walked: set[int] = set()  # an alias repeats a value: searched once, where its anchor is

    def search(text, path: tuple) -> None:
        match = ESCAPED.search(text) if isinstance(text, str) else None
        if match:
            char = ord(match.group())
            name = msg("a lone surrogate, half of a character") if 0xD800 <= char <= 0xDFFF else \
                CONTROL_NAMES.get(char) or msg("a control character")
            found.append(Problem(doc.rel, doc.line_of(path), dotted(path), msg(
                "holds %(name)s (%(char)s), written as an escape in quotes: an invisible character that texts "
                "must not contain; remove it", name=name, char=f"U+{char:04X}"), Code.CONTROL_CHARACTER))

    def walk(value, path: tuple) -> None:
        if id(value) in walked:
            return
        walked.add(id(value))
        search(value, path)
        if not isinstance(value, (dict, list)):
            return
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            search(key, path + (key,))
            walk(item, path + (key,))
    walk(doc.data, ())
    return found


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
                                                            hint=raise_hint("csv_columns")), Code.TOO_MANY))
                return None
            if not any(cell.strip() for cell in row):
                pass
            elif header is None:
                header, header_line = [name.strip() for name in row], start
            elif len(rows) == limits.csv_rows:
                problems.append(Problem(rel, start, "", msg("has more than %(count)s rows; split the table, or "
                                                            "%(hint)s", count=f"{limits.csv_rows:,}",
                                                            hint=raise_hint("csv_rows")), Code.TOO_MANY))
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
            hint=raise_hint("markdown_depth")), Code.TOO_DEEP))
        return None
    return MarkdownDoc(rel, match["slug"], match["lang"], meta, body, body_line)
