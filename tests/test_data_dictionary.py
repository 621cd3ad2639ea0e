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
