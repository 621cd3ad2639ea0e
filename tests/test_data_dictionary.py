"""DATA.md, the editors' data dictionary, is what the schemas say: every field, with a description."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import data_dictionary  # noqa: E402

from campaignsite.load.tree import TABLE_FILES  # noqa: E402
from campaignsite.core.schemas import json_schema, table_schema_descriptor  # noqa: E402


def test_data_md_is_up_to_date():
    assert (ROOT / "DATA.md").read_text(encoding="utf-8") == data_dictionary.render(), \
        "DATA.md is stale: run `python tools/data_dictionary.py`"


def test_every_csv_column_is_documented():
    text = (ROOT / "DATA.md").read_text(encoding="utf-8")
    for name in TABLE_FILES:
        for field in table_schema_descriptor(name)["fields"]:
            assert field["description"], f"{name}.{field['name']} has no description"
            assert f"| {field['name']} |" in text, f"{name}.{field['name']} is missing from DATA.md"


def closed_lists(node, path=""):
    """(field path, allowed values) for every enum of a JSON Schema, $defs included."""
    if isinstance(node, dict):
        if "enum" in node:
            yield path, node["enum"]
        for key, value in node.items():
            yield from closed_lists(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for item in node:
            yield from closed_lists(item, path)


def test_every_closed_list_names_all_its_values():
    """An editor reads every allowed value (provinces, regions, roles, kinds, languages) in DATA.md,
    on the row of the field that takes it."""
    rows = (ROOT / "DATA.md").read_text(encoding="utf-8").splitlines()
    for name in ("campaign", "network"):
        lists = list(closed_lists(json_schema(name)))
        assert name != "campaign" or any(path.endswith("province") for path, _ in lists)
        for path, values in lists:
            shown = "Allowed values: " + ", ".join(f"`{value}`" for value in values) + "."
            assert any(shown in row for row in rows), f"{name}: {path}: {shown}"
    for name in TABLE_FILES:
        section = rows[rows.index(f"## `campaigns/<slug>/{name}.csv`"):]
        for field in table_schema_descriptor(name)["fields"]:
            values = field.get("constraints", {}).get("enum", [])
            row = next(row for row in section if row.startswith(f"| {field['name']} |"))
            assert not values or f"one of {', '.join(values)}" in row, f"{name}.{field['name']}"
