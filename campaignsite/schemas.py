"""The declared record schemas (data/schemas/) and checking data against them.

YAML is checked with JSON Schema, CSV with Frictionless Table Schemas. Their errors are turned into
`Problem`s that name the file, line, field, bad value and - from the schema's own field description -
what was expected.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frictionless
import jsonschema

from .errors import Problem
from .load import CsvText, YamlDoc

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SCHEMA_DIR = DATA_DIR / "schemas"
LANGUAGES = ("nl", "fr", "en", "de")
LANG_SUFFIX = "_{lang}"


@functools.lru_cache(maxsize=None)
def json_schema(name: str) -> dict:
    """A JSON Schema from data/schemas/, by file stem."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def table_schema_descriptor(name: str) -> dict:
    """A Table Schema descriptor from data/schemas/, with `_{lang}` fields not yet expanded."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def expand_table_schema(name: str, languages: tuple[str, ...]) -> dict:
    """The table schema for a campaign: each `x_{lang}` field once per campaign language."""
    descriptor = copy.deepcopy(table_schema_descriptor(name))
    fields = []
    for spec in descriptor["fields"]:
        if spec["name"].endswith(LANG_SUFFIX):
            for lang in languages:
                localised = copy.deepcopy(spec)
                localised["name"] = spec["name"].replace("{lang}", lang)
                localised["description"] = f"{spec['description']} ({lang})"
                fields.append(localised)
        else:
            fields.append(spec)
    descriptor["fields"] = fields
    return descriptor


def private_columns(name: str) -> frozenset[str]:
    """Columns marked `x-private`: checked, never published."""
    return frozenset(f["name"] for f in table_schema_descriptor(name)["fields"] if f.get("x-private"))


# --- YAML with JSON Schema -----------------------------------------------------------------------

def check_yaml(doc: YamlDoc, schema_name: str) -> list[Problem]:
    """Every JSON Schema error in `doc`, as problems pointing at the YAML line."""
    schema = json_schema(schema_name)
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in validator.iter_errors(doc.data):
        path = tuple(error.absolute_path)
        problems.append(_yaml_problem(doc, schema, path, error))
    return problems


def _yaml_problem(doc: YamlDoc, schema: dict, path: tuple, error) -> Problem:
    field = ".".join(str(p) for p in path)
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1]
        field = ".".join(str(p) for p in path + (missing,))
        expected = describe(schema, path + (missing,))
        return Problem(doc.rel, doc.line_of(path), field, f"is required: {expected}", "missing-field")
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if error.schema.get("propertyNames") or not error.schema.get("properties"):
            return Problem(doc.rel, doc.line_of(path), field, error.message, "wrong-value")
        name = extra[0] if extra else "?"
        known = ", ".join(error.schema.get("properties", {}))
        return Problem(doc.rel, doc.line_of(path + (name,)), ".".join(map(str, path + (name,))),
                       f"is not a known field; expected one of: {known}", "unknown-field")
    if validator == "propertyNames":
        return Problem(doc.rel, doc.line_of(path), field,
                       f"has a key that is not a language: expected {', '.join(LANGUAGES)}", "unknown-language")
    expected = describe(schema, path)
    value = _show(error.instance)
    if validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return Problem(doc.rel, doc.line_of(path), field, f"{value} is not one of: {options}", "not-in-list")
    if validator in ("type", "oneOf"):
        return Problem(doc.rel, doc.line_of(path), field, f"{value} has the wrong type: {expected}", "wrong-type")
    if validator == "pattern":
        return Problem(doc.rel, doc.line_of(path), field, f"{value} is not in the expected form: {expected}",
                       "bad-format")
    if validator in ("minimum", "maximum", "minLength", "maxLength", "minItems", "minProperties"):
        return Problem(doc.rel, doc.line_of(path), field, f"{value} is out of range ({error.message})",
                       "out-of-range")
    if validator == "uniqueItems":
        return Problem(doc.rel, doc.line_of(path), field, f"{value} lists an item twice", "duplicate-value")
    return Problem(doc.rel, doc.line_of(path), field, f"{error.message}: {expected}", "invalid")


def describe(schema: dict, path: tuple) -> str:
    """The description of the schema node for a data path (properties, items and $ref followed)."""
    node, found = schema, schema.get("description", "")
    for key in path:
        node = _resolve(schema, node)
        if isinstance(key, int) and "items" in node:
            node = node["items"]
        elif isinstance(key, str) and key in node.get("properties", {}):
            node = node["properties"][key]
        else:
            break
        found = node.get("description", found)
    return found


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        ref = node["$ref"].split("/")[-1]
        node = {**schema["$defs"][ref], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


# --- CSV with Frictionless -----------------------------------------------------------------------

@dataclass
class TableRows:
    """Typed rows of a valid CSV table, each with the physical line it starts on."""

    rel: str
    rows: list[dict]
    lines: list[int]


def check_table(table: CsvText, name: str, languages: tuple[str, ...]) -> tuple[TableRows | None, list[Problem]]:
    """Check a CSV against its Table Schema; return typed rows if it has no problem."""
    descriptor = expand_table_schema(name, languages)
    problems = _check_header(table, descriptor)
    if problems:
        return None, problems
    # Frictionless compares labels by position: give it the fields in the file's own order.
    by_name = {f["name"]: f for f in descriptor["fields"]}
    ordered = {**descriptor, "fields": [by_name[name] for name in table.header]}
    schema = frictionless.Schema.from_descriptor(ordered)
    resource = frictionless.Resource(data=table.text.encode("utf-8"), format="csv", encoding="utf-8",
                                     schema=schema, detector=frictionless.Detector(field_missing_values=[""]))
    rows, lines = [], []
    with resource:
        for row in resource.row_stream:
            line = table.line_of_row(row.row_number)
            for error in row.errors:
                problem = _cell_problem(table.rel, line, error, by_name)
                if problem:
                    problems.append(problem)
            if not row.errors:
                rows.append(row.to_dict())
                lines.append(line)
    return (None if problems else TableRows(table.rel, rows, lines)), problems


def _check_header(table: CsvText, descriptor: dict) -> list[Problem]:
    expected = [f["name"] for f in descriptor["fields"]]
    problems = []
    seen = set()
    for name in table.header:
        if name in seen:
            problems.append(Problem(table.rel, 1, name, "is a column name used twice", "duplicate-column"))
        seen.add(name)
        if name not in expected:
            hint = _language_hint(name, expected)
            problems.append(Problem(table.rel, 1, name, f"is not a known column{hint}; expected columns: "
                                    f"{', '.join(expected)}", "unknown-column"))
    for name in expected:
        if name not in seen:
            description = next(f["description"] for f in descriptor["fields"] if f["name"] == name)
            problems.append(Problem(table.rel, 1, name, f"column is missing: {description}", "missing-column"))
    return problems


def _language_hint(name: str, expected: list[str]) -> str:
    stem, _, lang = name.rpartition("_")
    if lang in LANGUAGES and any(e.startswith(stem + "_") for e in expected):
        return f" ('{lang}' is not a language of this campaign)"
    return ""


def _cell_problem(rel: str, line: int, error, fields: dict) -> Problem | None:
    kind = error.type
    if kind == "primary-key":
        return None  # the same duplicate is reported as a unique-error naming the field
    name = getattr(error, "field_name", "") or ""
    value = getattr(error, "cell", "")
    spec = fields.get(name, {})
    expected = spec.get("description", "")
    shown = _show(value)
    if kind == "constraint-error":
        note = error.note
        if '"required"' in note:
            return Problem(rel, line, name, f"is empty but required: {expected}", "missing-value")
        if '"enum"' in note:
            options = ", ".join(spec["constraints"]["enum"])
            return Problem(rel, line, name, f"{shown} is not one of: {options}", "not-in-list")
        if '"pattern"' in note:
            return Problem(rel, line, name, f"{shown} is not in the expected form: {expected}", "bad-format")
        if any(f'"{c}"' in note for c in ("minimum", "maximum", "minLength", "maxLength")):
            return Problem(rel, line, name, f"{shown} is out of range ({note}): {expected}", "out-of-range")
        return Problem(rel, line, name, f"{shown}: {note}", "invalid")
    if kind == "type-error":
        return Problem(rel, line, name, f"{shown} is not a valid {spec.get('type', 'value')}: {expected}",
                       "wrong-type")
    if kind == "unique-error":
        code = "duplicate-slug" if name == "slug" else "duplicate-value"
        return Problem(rel, line, name, f"{shown} is used twice ({error.note.replace('position', 'line')})",
                       code)
    if kind in ("extra-cell", "missing-cell"):
        what = "more" if kind == "extra-cell" else "fewer"
        return Problem(rel, line, name, f"row has {what} cells than the header has columns", kind)
    return Problem(rel, line, name, f"{error.title}: {error.note}", kind)
