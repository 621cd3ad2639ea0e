"""The declared record schemas in data/schemas/: JSON Schema for YAML files, Frictionless Table Schemas
for CSV files, with their defaults. Reading them only: validate.schema checks data against them.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
from typing import Any

from campaignsite.core.languages import CODES as LANGUAGES
from campaignsite.core.places import CODE_ROOT

DATA_DIR = CODE_ROOT / "data"

SCHEMA_DIR = DATA_DIR / "schemas"

LANG_SUFFIX = "_{lang}"


@functools.lru_cache(maxsize=None)
def json_schema(name: str) -> dict:
    """A JSON Schema from data/schemas/, by file stem, with the supported languages filled in."""
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    # The language codes live in languages.py only: the schema's `language` definition and the
    # `{languages}` in its descriptions get them here.
    schema["$defs"]["language"]["enum"] = list(LANGUAGES)
    return _with_language_list(schema)


def _with_language_list(node):
    """`node` with every `{languages}` in its texts (the descriptions) replaced by the language codes."""
    if isinstance(node, list):
        return [_with_language_list(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: value.replace("{languages}", ", ".join(LANGUAGES)) if isinstance(value, str)
            else _with_language_list(value) for key, value in node.items()}


@functools.lru_cache(maxsize=None)
def date_range() -> tuple[dt.date, dt.date]:
    """The first and last day any date may be, in YAML, Markdown front matter and CSV alike: declared once,
    in campaign.schema.json `$defs/date`. Far enough from datetime's years 1 and 9999 that every later
    stage (the day after an event, time zones, calendars, countdowns) stays safe."""
    node = json_schema("campaign")["$defs"]["date"]
    return dt.date.fromisoformat(node["x-earliest"]), dt.date.fromisoformat(node["x-latest"])


def default(schema_name: str, field: str) -> Any:
    """The `default` a JSON Schema declares for a field by dotted path: default("campaign", "branding.colour")."""
    schema = json_schema(schema_name)
    node = schema
    for key in field.split("."):
        node = resolve_ref(schema, node)["properties"][key]
    return copy.deepcopy(node["default"])


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


def resolve_ref(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        ref = node["$ref"].split("/")[-1]
        node = {**schema["$defs"][ref], **{k: v for k, v in node.items() if k != "$ref"}}
    return node
