"""The final ranking of a campaign's selection: every project that reached a stage, with its place.

The entrants are the candidates (candidates.csv), else the laureates. A rank given in the data is kept
(validate/selection.py checked that ranks follow the scores); a project without one is placed by its
score in competition ranking, "1224": projects with the same score share a place and the next place
is skipped. Before the results day the pipeline has emptied every result (model/public.py), so the
ranking is empty then, on every page and in the open data alike.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Mapping

from campaignsite.model.records import Campaign, Candidate, Laureate, Text


@dataclass(frozen=True)
class RankedEntry:
    """A project in the final ranking: its results and whether it was selected (a laureate)."""

    slug: str
    title: Text
    rank: int | None  # 1 is first: as given, else from the scores; None for a project without either
    score: float | None  # out of 100
    votes: int | None
    marks: Mapping[str, float] = field(default_factory=dict)  # stage id -> mark out of 100
    selected: bool = False
    prizes: tuple[str, ...] = ()  # ids of Campaign.prizes


def is_weighted(campaign: Campaign) -> bool:
    """Whether the campaign's selection weighs its stages into a final score."""
    return any(stage.weight for stage in campaign.selection)


def ranking(campaign: Campaign) -> tuple[RankedEntry, ...]:
    """Every entrant, best first (by rank, then score, then slug); empty when no entrant has a score or a rank."""
    # A laureate's results are its candidates.csv row's with what laureates.csv adds (assembly._merged).
    laureates = {item.slug: item for item in campaign.laureates}
    entries = [_entry(laureates.get(item.slug, item)) for item in (campaign.candidates or campaign.laureates)]
    if not any(entry.rank is not None or entry.score is not None for entry in entries):
        return ()
    scores = [entry.score for entry in entries if entry.score is not None]
    placed = [entry if entry.rank is not None or entry.score is None else
              dataclasses.replace(entry, rank=1 + sum(1 for score in scores if score > entry.score))
              for entry in entries]
    return tuple(sorted(placed, key=lambda entry: (entry.rank is None, entry.rank or 0,
                                                   -(entry.score or 0), entry.slug)))


def ranks(campaign: Campaign) -> dict[str, int]:
    """slug -> rank of every ranked entrant."""
    return {entry.slug: entry.rank for entry in ranking(campaign) if entry.rank is not None}


def _entry(item: Candidate | Laureate) -> RankedEntry:
    if isinstance(item, Candidate):
        results = item.results
        return RankedEntry(item.slug, item.title, results.rank, results.score, results.votes, results.marks,
                           item.selected, results.prizes)
    return RankedEntry(item.slug, item.title, item.rank, item.score, item.votes, item.marks, True, item.prizes)

