"""The 17 Sustainable Development Goals: numbers, colours and titles from data/, and the text colour
that is readable on each goal's colour (computed contrast, WCAG 2.1).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from campaignsite.core.languages import CODES as LANGUAGES
from campaignsite.core.schemas import DATA_DIR
from campaignsite.model.records import Text


@dataclass(frozen=True)
class Sdg:
    """One UN Sustainable Development Goal: number, official colour, short and official titles per language."""

    number: int
    colour: str
    title: Text
    official_title: Text  # the goal as the UN resolution words it: "Take urgent action to combat climate change..."


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of #RRGGBB."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@functools.lru_cache(maxsize=256)  # asked for every card of every page, of a few colours
def text_colour(background: str) -> str:
    """Black or white text, whichever contrasts more with `background` (WCAG relative luminance)."""
    return "#000000" if contrast(background, "#000000") >= contrast(background, "#FFFFFF") else "#FFFFFF"


@functools.lru_cache(maxsize=1)
def get_sdgs() -> Mapping[int, Sdg]:
    """The 17 goals from data/sdg_goals.csv (a copy of the shared reference, kept as it is) and their
    official titles from data/sdg_titles.csv."""
    with open(DATA_DIR / "sdg_goals.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(DATA_DIR / "sdg_titles.csv", encoding="utf-8", newline="") as handle:
        official = {int(r["goal"]): r for r in csv.DictReader(handle)}
    return MappingProxyType({
        int(r["goal"]): Sdg(int(r["goal"]), r["colour"],
                            MappingProxyType({lang: r[f"title_{lang}"] for lang in LANGUAGES}),
                            MappingProxyType({lang: official[int(r["goal"])][f"official_title_{lang}"]
                                              for lang in LANGUAGES}))
        for r in rows})
