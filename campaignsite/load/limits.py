"""Bounds on the input (`Limits`): declared with their defaults and maxima in data/schemas/network.schema.json,
raised per network in content/network.yml.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from campaignsite.core.codes import Code
from campaignsite.core.errors import Message, Problem, msg
from campaignsite.core.schemas import json_schema

if TYPE_CHECKING:
    from campaignsite.load.parse import YamlDoc


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


def too_large(rel: str, size: int, limit: int, what: str, name: str) -> Problem:
    return Problem(rel, None, "", msg("is %(size)s, more than the %(limit)s allowed for %(what)s; make it smaller, "
                                      "or %(hint)s", size=_size(size), limit=_size(limit), what=what,
                                      hint=raise_hint(name)), Code.TOO_LARGE)


def _size(count: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= factor:
            return f"{count / factor:.1f} {unit}"
    return msg("%(count)s bytes", count=count)


def raise_hint(name: str) -> Message:
    return msg("raise limits.%(name)s in content/network.yml", name=name)
