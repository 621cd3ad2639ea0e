"""One file against its declared schema (data/schemas/): YAML with JSON Schema, CSV with Frictionless.

YAML is checked with JSON Schema, CSV with Frictionless Table Schemas. Their errors are turned into
`Problem`s that name the file, line, field, bad value and - from the schema's own field description -
what was expected. The sentences around those values are catalogue messages (errors.msg); the
descriptions from the schemas, and the words of JSON Schema's and Frictionless' own errors, stay English.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

import jsonschema

from campaignsite.core.codes import Code
from campaignsite.core.errors import Message, Problem, msg
from campaignsite.core.languages import CODES as LANGUAGES
from campaignsite.core.schemas import date_range, expand_table_schema, json_schema, resolve_ref
from campaignsite.load.files import printable
from campaignsite.load.limits import Limits, default_limits
from campaignsite.load.parse import LARGEST_INTEGER, CsvText, YamlDoc, dotted

# No whitespace, quotes, angle brackets, backquotes or backslashes: such an address is a slip at best,
# an attempt to break out of an HTML attribute, a calendar line or a log at worst.
UNSAFE_IN_ADDRESS = re.compile(r"[\s\"'<>`\\]")

LABEL = r"[^\W_](?:[^\W_]|-)*"

HOST = re.compile(rf"{LABEL}(?:\.{LABEL})+\.?")

# A plain address: one @, before it dot-separated words of letters, digits, '_', '+' and '-'. RFC 5322
# allows more ('?', '&', '=', '%'...), but in a mailto: link those start header fields: "a@b.be?bcc=x"
# adds a hidden recipient to every mail a visitor sends (RFC 6068), so they are refused, not encoded.
EMAIL = re.compile(rf"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@{LABEL}(?:\.{LABEL})*\.[^\W\d_]{{2,}}")

FORMATS = ("url", "https-url", "base-url", "email")


def format_problem(kind: str, text: str, shown: str) -> Message | None:
    """What is wrong with `text` as a value of `x-format` `kind`, in words about `shown` (the value as
    the message shows it); None if nothing."""
    if UNSAFE_IN_ADDRESS.search(text):
        return msg("%(value)s holds a space, quote, '<', '>', '`' or backslash, which an address may not contain",
                   value=shown)
    if kind == "email":
        return None if EMAIL.fullmatch(text) else msg(
            "%(value)s is not a plain e-mail address such as name@example.be: one '@', before it only letters, "
            "digits, dots, '_', '+' and '-' (a '?', '&' or '=' would add recipients or headers to its mail links)",
            value=shown)
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return msg("%(value)s is not a web address such as https://www.example.be/", value=shown)
    schemes = ("http", "https") if kind == "url" else ("https",)
    if parts.scheme not in schemes or not text.lower().startswith(f"{parts.scheme}://"):
        return msg("%(value)s does not start with %(schemes)s", value=shown,
                   schemes=either(f"{scheme}://" for scheme in schemes))
    if "@" in parts.netloc:
        return msg("%(value)s holds a user name or password before the host ('@'), which is not allowed", value=shown)
    if not parts.hostname or not HOST.fullmatch(parts.hostname):
        return msg("%(value)s has no valid host name (such as www.example.be) after the ://", value=shown)
    if kind == "base-url" and (parts.query or parts.fragment or not parts.path.endswith("/")):
        return msg("%(value)s must end in '/', with no '?' or '#'", value=shown)
    return None


def either(items) -> str:
    """'a', 'a or b', 'a or b or c': alternatives in a message, the "or" in the message's language."""
    items = [str(item) if not isinstance(item, Message) else item for item in items]
    if len(items) <= 1:
        return items[0] if items else ""
    return msg("%(first)s or %(second)s", first=either(items[:-1]), second=items[-1])


def _is_integer(checker, instance) -> bool:
    # JSON Schema counts 2025.0 as an integer; an editor's `edition: 2025.0` should not pass as 2025.
    return isinstance(instance, int) and not isinstance(instance, bool)


def _x_format(validator, kind, instance, schema):
    if isinstance(instance, str) and (reason := format_problem(kind, instance, _show(instance))):
        yield jsonschema.ValidationError(reason)


def _x_money(validator, enabled, instance, schema):
    # Euros with cents: 2499.5 and 2499.50 pass, 2499.505 does not (there is no half cent to pay).
    if enabled and isinstance(instance, (int, float)) and not isinstance(instance, bool) and not is_money(instance):
        yield jsonschema.ValidationError(msg("%(value)s has more than two decimals", value=repr(instance)))


def is_money(value) -> bool:
    """A finite amount in euro with at most two decimals (YAML float, int, Decimal or text)."""
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return False
    return number.is_finite() and number == number.quantize(Decimal("0.01"))


def cents(value) -> int:
    """Euros (int, float from YAML, Decimal from a CSV cell) as whole cents: 2499.5 -> 249950."""
    return int(Decimal(str(value)) * 100)


def _full_pattern(validator, pattern, instance, schema):
    # The whole text must match: JSON Schema's search would let `^...$` accept a text ending in a line break.
    if isinstance(instance, str) and not re.fullmatch(pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, validators={"x-format": _x_format, "x-money": _x_money, "pattern": _full_pattern},
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer))

TYPE_WORDS = {"object": msg("a mapping (key: value lines)"), "array": msg("a list"), "string": msg("a text"),
              "integer": msg("a whole number"), "number": msg("a number"), "boolean": msg("true or false")}


def check_yaml(doc: YamlDoc, schema_name: str, problems: list[Problem], limits: Limits | None = None) -> bool:
    """Append every JSON Schema error in `doc` (up to the limit), as problems pointing at the YAML line;
    whether it had none."""
    problems.extend(found := _yaml_schema_problems(doc, schema_name, limits))
    return not found


def _yaml_schema_problems(doc: YamlDoc, schema_name: str, limits: Limits | None) -> list[Problem]:
    schema = json_schema(schema_name)
    cap = (limits or default_limits()).problems_per_file
    found: list[Problem] = []
    for error in _Validator(schema).iter_errors(doc.data):
        found.extend(_yaml_problems(doc, schema, error))
        if len(found) > cap:
            return capped(found, cap, doc.rel)
    return found


def capped(problems: list[Problem], cap: int, rel: str) -> list[Problem]:
    """The first `cap` problems of a file, and one saying there are more."""
    if len(problems) <= cap:
        return problems
    return problems[:cap] + [Problem(rel, None, "", msg("has more than %(cap)s problems; fix these first, or raise "
                                                        "limits.problems_per_file in content/network.yml",
                                                        cap=f"{cap:,}"), Code.TOO_MANY)]


def _yaml_problems(doc: YamlDoc, schema: dict, error) -> list[Problem]:
    path = tuple(error.absolute_path)
    validator = error.validator
    if "propertyNames" in error.schema_path:
        return [_unknown_language(doc, path, error.instance)]
    if validator == "required":
        return [_missing_field(doc, schema, path, error)]
    if validator == "additionalProperties":
        return _unknown_fields(doc, path, error)
    if validator == "oneOf" and _matching_branch(error):
        return [p for sub in _matching_branch(error) for p in _yaml_problems(doc, schema, sub)]
    return [_value_problem(doc, schema, path, error)]


def _unknown_language(doc: YamlDoc, path: tuple, key) -> Problem:
    return Problem(doc.rel, doc.line_of(path + (key,)), dotted(path + (key,)),
                   msg("%(value)s is not a language: expected %(languages)s", value=_show(key),
                       languages=", ".join(LANGUAGES)), Code.UNKNOWN_LANGUAGE)


def _missing_field(doc: YamlDoc, schema: dict, path: tuple, error) -> Problem:
    missing = next((name for name in error.validator_value if repr(name) in error.message), "?")
    expected = describe(schema, path + (missing,))
    return Problem(doc.rel, doc.line_of(path), dotted(path + (missing,)),
                   msg("is required: %(expected)s", expected=expected), Code.MISSING_FIELD)


def _unknown_fields(doc: YamlDoc, path: tuple, error) -> list[Problem]:
    known = error.schema.get("properties", {})
    extra = sorted((key for key in error.instance if key not in known), key=str)
    return [Problem(doc.rel, doc.line_of(path + (key,)), dotted(path + (key,)),
                    msg("is not a known field; expected one of: %(fields)s", fields=", ".join(known)),
                    Code.UNKNOWN_FIELD)
            for key in extra]


def _matching_branch(error) -> list:
    """For a failed oneOf (a text, or a text per language): the errors of the branch whose type fits."""
    branches: dict = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    for subs in branches.values():
        if not any(sub.validator == "type" and not sub.path for sub in subs):
            return subs
    return []


def _value_problem(doc: YamlDoc, schema: dict, path: tuple, error) -> Problem:
    field, line = dotted(path), doc.line_of(path)
    expected = describe(schema, path)
    value = _show(error.instance)
    validator = error.validator
    if error.instance is None or (error.instance == "" and validator == "minLength"):
        return Problem(doc.rel, line, field, msg("is empty: expected %(type)s: %(expected)s",
                                                 type=_expected_type(error), expected=expected), Code.MISSING_VALUE)
    if validator == "enum" and set(error.validator_value) == set(LANGUAGES):
        return Problem(doc.rel, line, field, msg("%(value)s is not a language: expected %(languages)s", value=value,
                                                 languages=", ".join(LANGUAGES)), Code.UNKNOWN_LANGUAGE)
    if validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return Problem(doc.rel, line, field, msg("%(value)s is not one of: %(values)s", value=value, values=options),
                       Code.NOT_IN_LIST)
    if validator in ("type", "oneOf"):
        return Problem(doc.rel, line, field, msg("%(value)s is %(kind)s, expected %(type)s: %(expected)s", value=value,
                                                 kind=kind_of(error.instance), type=_expected_type(error),
                                                 expected=expected), Code.WRONG_TYPE)
    if validator == "pattern":
        return Problem(doc.rel, line, field, msg("%(value)s is not in the expected form: %(expected)s", value=value,
                                                 expected=expected), Code.BAD_FORMAT)
    if validator == "x-format":  # error.message is format_problem's, which names the value
        return Problem(doc.rel, line, field, msg("%(problem)s: %(expected)s", problem=error.message,
                                                 expected=expected), Code.BAD_FORMAT)
    if validator in BOUNDS:
        return Problem(doc.rel, line, field, msg("%(value)s is out of range: expected %(bound)s: %(expected)s",
                                                 value=value, bound=BOUNDS[validator](error.validator_value),
                                                 expected=expected), Code.OUT_OF_RANGE)
    if validator == "uniqueItems":
        return Problem(doc.rel, line, field, msg("%(value)s lists an item twice", value=value), Code.DUPLICATE_VALUE)
    # JSON Schema's own words (or x-money's message), then the field's description.
    return Problem(doc.rel, line, field, msg("%(problem)s: %(expected)s", problem=error.message, expected=expected),
                   Code.INVALID)


# A bound of JSON Schema or of a Table Schema constraint, in words, for its value.
BOUNDS = {"minimum": lambda n: msg("at least %(n)s", n=n), "maximum": lambda n: msg("at most %(n)s", n=n),
          "minLength": lambda n: msg("at least %(n)s character(s)", n=n),
          "maxLength": lambda n: msg("at most %(n)s characters", n=n),
          "minItems": lambda n: msg("at least %(n)s item(s)", n=n),
          "minProperties": lambda n: msg("at least %(n)s entry(ies)", n=n)}


def _expected_type(error) -> str:
    """What the schema wanted, in words: 'a whole number', 'a text or a text per language'."""
    node = error.schema
    if error.validator == "oneOf":
        return either(_expected_type_of(branch) for branch in node["oneOf"])
    return _expected_type_of(node)


def _expected_type_of(node: dict) -> str:
    if "propertyNames" in node or node.get("$ref", "").endswith("/text"):
        return msg("a text per language ({nl: ..., fr: ...})")
    if "enum" in node:
        return msg("one of %(values)s", values=", ".join(map(str, node["enum"])))
    kind = node.get("type")
    return TYPE_WORDS.get(kind, str(kind)) if isinstance(kind, str) else msg("a value")


KIND_WORDS = ((type(None), msg("empty")), (bool, msg("true/false")), (int, msg("a whole number")),
              (float, msg("a number")), (str, msg("a text")), (dict, msg("a mapping")), (list, msg("a list")))


def kind_of(value) -> str:
    """What a YAML value is, in words: 'a text', 'a list', ..."""
    for types, word in KIND_WORDS:
        if isinstance(value, types):
            return word
    return msg("a %(type)s", type=type(value).__name__)


def describe(schema: dict, path: tuple) -> str:
    """The description of the schema node for a data path (properties, items and $ref followed)."""
    node, found = schema, schema.get("description", "")
    for key in path:
        node = resolve_ref(schema, node)
        if isinstance(key, int) and "items" in node:
            node = node["items"]
        elif isinstance(key, str) and key in node.get("properties", {}):
            node = node["properties"][key]
        else:
            break
        found = node.get("description", found)
    return found


def _show(value: Any) -> str:
    text = printable(json.dumps(value, ensure_ascii=False, default=str))
    return text if len(text) <= 60 else text[:57] + "..."


def quoted(value: Any) -> str:
    """A value for a message, in single quotes, on one line and at most about 60 characters."""
    text = printable(value)
    return f"'{text}'" if len(text) <= 60 else f"'{text[:57]}...'"


@dataclass
class TableRows:
    """Typed rows of a valid CSV table, each with the physical line it starts on."""

    rel: str
    rows: list[dict]
    lines: list[int]


def check_table(table: CsvText, name: str, languages: tuple[str, ...], problems: list[Problem],
                limits: Limits | None = None) -> TableRows | None:
    """Check a CSV against its Table Schema, appending its problems; its typed rows if it has none. At
    most `limits.problems_per_file` problems are reported (Frictionless is slow to make each one)."""
    rows, found = _table_problems(table, name, languages, limits)
    problems.extend(found)
    return rows


def _table_problems(table: CsvText, name: str, languages: tuple[str, ...],
                    limits: Limits | None) -> tuple[TableRows | None, list[Problem]]:
    cap = (limits or default_limits()).problems_per_file
    descriptor = expand_table_schema(name, languages)
    problems = _check_header(table, descriptor)
    if problems:
        return None, capped(problems, cap, table.rel)
    by_name = {f["name"]: f for f in descriptor["fields"]}
    cells, reported, problems = _screen_rows(table, by_name)
    if len(problems) > cap:
        return None, capped(problems, cap, table.rel)
    import frictionless  # here: a build that validates nothing anew (a no-op) never loads it (0.3 s)

    # Frictionless compares labels by position: give it the fields in the file's own order. It gets the
    # rows our csv reader split, so its row numbers map straight onto physical lines.
    schema = frictionless.Schema.from_descriptor({**descriptor, "fields": [by_name[n] for n in table.header]})
    resource = frictionless.Resource(data=[table.header] + cells, schema=schema,
                                     detector=frictionless.Detector(field_missing_values=[""]))
    rows, lines = [], []
    with resource:
        for row in resource.row_stream:
            index, line = row.row_number - 2, table.line_of_row(row.row_number)
            for error in row.errors:
                if (index, getattr(error, "field_name", "")) not in reported:
                    problems.extend(_cell_problems(table, line, error, by_name))
            problems.extend(_dates_out_of_range(table.rel, line, row, by_name))
            if len(problems) > cap:
                return None, capped(problems, cap, table.rel)
            rows.append(row.to_dict())
            lines.append(line)
    return (None if problems else TableRows(table.rel, rows, lines)), problems


# A plain number as editors type it; Python would also take '1_000', '٣', 'nan' or 'sNaN' (which
# crashes Frictionless' bound checks).
NUMBER_FORMS = {"integer": (re.compile(r"\s*-?[0-9]+\s*"), msg("a whole number (digits only, e.g. 2500)")),
                "number": (re.compile(r"\s*-?[0-9]+(\.[0-9]+)?\s*"),
                           msg("a number with '.' as the decimal mark (e.g. 50.8275)"))}

MONEY_FORM = (re.compile(r"\s*-?[0-9]+(\.[0-9]{1,2})?\s*"),
              msg("an amount in euro with at most two decimals and '.' as the decimal mark (e.g. 2499.50)"))

LARGEST_DIGITS = len(str(LARGEST_INTEGER)) - 1  # as for YAML numbers


def _screen_rows(table: CsvText, fields: dict) -> tuple[list[list[str]], set, list[Problem]]:
    """Rows cut to the header's width with bad cells blanked, the (row, column) cells already reported,
    and the problems found: wrong cell counts, numbers that are not plain numbers (or have more than 15
    digits), addresses that are not safe web or e-mail addresses (`x-format`), and texts that do not
    match their pattern as a whole (Frictionless lets `$` match before a final line break)."""
    width = len(table.header)
    cells, reported, problems = [], set(), []
    for index, (row, line) in enumerate(zip(table.rows, table.row_lines)):
        if len(row) != width:
            # The cells no longer line up with their columns: one problem for the row, not one per cell.
            problems.append(_cell_count_problem(table, line, row))
            reported.update((index, name) for name in table.header)
        row = (row + [""] * width)[:width]
        for column, name in enumerate(table.header):
            if row[column].strip() and (index, name) not in reported:
                problem = _screen_cell(table.rel, line, name, row[column], fields[name])
                if problem:
                    problems.append(problem)
                    reported.add((index, name))
                    row[column] = ""
        cells.append(row)
    return cells, reported, problems


def _dates_out_of_range(rel: str, line: int, row, fields: dict) -> list[Problem]:
    """Dates and times outside date_range(), the range every date of the schemas must be in."""
    first, last = date_range()
    found = []
    for name, value in row.items():
        day = value.date() if isinstance(value, dt.datetime) else value
        if isinstance(day, dt.date) and not first <= day <= last:
            found.append(Problem(rel, line, name, msg("%(value)s is out of range: expected a date from %(first)s to "
                                                      "%(last)s: %(expected)s", value=_show(str(value)), first=first,
                                                      last=last, expected=fields[name]["description"]),
                                 Code.OUT_OF_RANGE))
    return found


def _screen_cell(rel: str, line: int, name: str, cell: str, spec: dict) -> Problem | None:
    shown, expected = _shown(spec, cell), spec["description"]
    form = MONEY_FORM if spec.get("x-money") else NUMBER_FORMS.get(spec.get("type"))
    if form and not form[0].fullmatch(cell):
        return Problem(rel, line, name, msg("%(value)s is not %(what)s: %(expected)s", value=shown, what=form[1],
                                            expected=expected), Code.WRONG_TYPE)
    if form and len(cell.strip().lstrip("-").partition(".")[0]) > LARGEST_DIGITS:
        return Problem(rel, line, name, msg("%(value)s is out of range: expected at most %(digits)s digits: "
                                            "%(expected)s", value=shown, digits=LARGEST_DIGITS, expected=expected),
                       Code.OUT_OF_RANGE)
    reason = format_problem(spec["x-format"], cell, shown) if "x-format" in spec else None
    if reason:
        return Problem(rel, line, name, msg("%(problem)s: %(expected)s", problem=reason, expected=expected),
                       Code.BAD_FORMAT)
    pattern = spec.get("constraints", {}).get("pattern")
    if pattern and not re.fullmatch(pattern, cell):
        code = Code.UNSAFE_SLUG if name == "slug" else Code.BAD_FORMAT
        return Problem(rel, line, name, msg("%(value)s is not in the expected form: %(expected)s", value=shown,
                                            expected=expected), code)
    return None


def _shown(spec: dict, value) -> str:
    """A cell's value for a message; never the value of a private column (logs stay clean)."""
    return msg("the value (not shown: private column)") if spec.get("x-private") else _show(value)


def _cell_count_problem(table: CsvText, line: int, row: list[str]) -> Problem:
    width = len(table.header)
    if len(row) > width:
        return Problem(table.rel, line, "", msg("row has %(cells)s cells but the header has %(columns)s columns; a "
                                                "text with a ',' must be put in double quotes", cells=len(row),
                                                columns=width), Code.EXTRA_CELL)
    return Problem(table.rel, line, table.header[len(row)], msg(
        "row has %(cells)s cells but the header has %(columns)s columns; the first missing is %(column)s",
        cells=len(row), columns=width, column=quoted(table.header[len(row)])), Code.MISSING_CELL)


def _check_header(table: CsvText, descriptor: dict) -> list[Problem]:
    expected = [f["name"] for f in descriptor["fields"]]
    # Columns added to a table after editors had files (x-optional-column) may be left out of the header.
    optional = {f["name"] for f in descriptor["fields"] if f.get("x-optional-column")}
    line = table.header_line
    if len(table.header) == 1 and ";" in table.header[0]:
        return [Problem(table.rel, line, "", msg("separates its columns with ';': save it with ',' between columns "
                                                 "(%(columns)s)", columns=", ".join(expected)), Code.WRONG_DELIMITER)]
    problems = []
    seen = set()
    for column, name in enumerate(table.header, start=1):
        if not name:
            problems.append(Problem(table.rel, line, "", msg("column %(number)s has no name: remove the extra ',' or "
                                                             "name the column", number=column), Code.UNKNOWN_COLUMN))
            continue
        if name in seen:
            problems.append(Problem(table.rel, line, printable(name), msg("is a column name used twice"),
                                    Code.DUPLICATE_COLUMN))
        seen.add(name)
        if name not in expected:
            columns, lang = ", ".join(expected), _other_language(name, expected)
            message = (msg("is not a known column (%(lang)s is not a language of this campaign); expected columns: "
                           "%(columns)s", lang=f"'{lang}'", columns=columns) if lang else
                       msg("is not a known column; expected columns: %(columns)s", columns=columns))
            problems.append(Problem(table.rel, line, printable(name), message, Code.UNKNOWN_COLUMN))
    for name in expected:
        if name not in seen and name not in optional:
            description = next(f["description"] for f in descriptor["fields"] if f["name"] == name)
            problems.append(Problem(table.rel, line, name, msg("column is missing: %(description)s",
                                                               description=description), Code.MISSING_COLUMN))
    return problems


def _other_language(name: str, expected: list[str]) -> str | None:
    """The language of a column `<stem>_<lang>` whose stem is known but whose language is not the campaign's."""
    stem, _, lang = name.rpartition("_")
    if lang in LANGUAGES and any(e.startswith(stem + "_") for e in expected):
        return lang
    return None


CELL_TYPE_WORDS = {"date": msg("a date as YYYY-MM-DD"), "datetime": msg("a date and time as YYYY-MM-DD HH:MM"),
                   "integer": msg("a whole number"), "number": msg("a number")}

# How Frictionless' row errors become our codes: by error type, or for a constraint-error by
# "constraint-error/<constraint>". None: not reported (a duplicate primary key is also a unique-error,
# which names the field; blank rows are skipped). A type not listed is `invalid`.
FRICTIONLESS_CODES: dict[str, Code | None] = {
    "type-error": Code.WRONG_TYPE,
    "unique-error": Code.DUPLICATE_VALUE,
    "constraint-error/required": Code.MISSING_VALUE,
    "constraint-error/enum": Code.NOT_IN_LIST,
    "constraint-error/pattern": Code.BAD_FORMAT,
    "constraint-error/minimum": Code.OUT_OF_RANGE,
    "constraint-error/maximum": Code.OUT_OF_RANGE,
    "constraint-error/minLength": Code.OUT_OF_RANGE,
    "constraint-error/maxLength": Code.OUT_OF_RANGE,
    # _screen_rows reports rows of the wrong width first; these stay in case it misses one.
    "missing-cell": Code.MISSING_CELL,
    "extra-cell": Code.EXTRA_CELL,
    "primary-key": None,
    "blank-row": None,
}

# The same mistakes in a `slug` column, which is the record's address.
SLUG_CODES = {Code.DUPLICATE_VALUE: Code.DUPLICATE_SLUG, Code.BAD_FORMAT: Code.UNSAFE_SLUG}


def _cell_problems(table: CsvText, line: int, error, fields: dict) -> list[Problem]:
    constraint = re.search(r'constraint "(\w+)" is "(.*)"', error.note) if error.type == "constraint-error" else None
    code = FRICTIONLESS_CODES.get(f"{error.type}/{constraint[1]}" if constraint else error.type, Code.INVALID)
    if code is None:
        return []
    name = getattr(error, "field_name", "") or ""
    code = SLUG_CODES.get(code, code) if name == "slug" else code
    return [Problem(table.rel, line, name, _cell_message(table, error, code, fields.get(name, {}), constraint), code)]


def _cell_message(table: CsvText, error, code: Code, spec: dict, constraint: re.Match | None) -> str:
    shown, expected = _shown(spec, getattr(error, "cell", "")), spec.get("description", "")
    if code is Code.WRONG_TYPE:
        words = CELL_TYPE_WORDS.get(spec.get("type")) or msg("a valid %(type)s", type=spec.get("type", "value"))
        return msg("%(value)s is not %(what)s: %(expected)s", value=shown, what=words, expected=expected)
    if code in (Code.DUPLICATE_VALUE, Code.DUPLICATE_SLUG):
        first = _first_line(table, error.note)
        return (msg("%(value)s is used twice: first on line %(line)s", value=shown, line=first) if first
                else msg("%(value)s is used twice", value=shown))
    if code is Code.MISSING_VALUE:
        return msg("is empty but required: %(expected)s", expected=expected)
    if code is Code.NOT_IN_LIST:
        return msg("%(value)s is not one of: %(values)s", value=shown, values=", ".join(spec["constraints"]["enum"]))
    if code in (Code.BAD_FORMAT, Code.UNSAFE_SLUG):
        return msg("%(value)s is not in the expected form: %(expected)s", value=shown, expected=expected)
    if code is Code.OUT_OF_RANGE:
        return msg("%(value)s is out of range: expected %(bound)s: %(expected)s", value=shown,
                   bound=BOUNDS[constraint[1]](constraint[2]), expected=expected)
    if error.type == "constraint-error":
        return msg("%(value)s: %(note)s", value=shown, note=error.note)
    if spec.get("x-private"):
        return msg("%(value)s is not valid: %(expected)s", value=shown, expected=expected)
    return printable(f"{error.title}: {error.note}")  # Frictionless' own words, in English


def _first_line(table: CsvText, note: str) -> int | None:
    # Frictionless says "the same as in the row at position 3": name the physical line instead.
    match = re.search(r"position (\d+)", note)
    return table.line_of_row(int(match[1])) if match else None
