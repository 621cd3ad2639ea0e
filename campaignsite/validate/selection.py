"""The selection's results against each other: laureates are selected candidates, a project's results
are given once, marks name the stages and weigh up to the score, ranks follow the scores, and a
public vote that selected or ranked a project gave it votes.

The results live in candidates.csv where the campaign has one (every project that reached a stage),
else in laureates.csv (the winners only).
"""

from __future__ import annotations

from campaignsite.core.codes import Code
from campaignsite.core.errors import Problem, msg
from campaignsite.validate.campaign_file import LEGACY_SELECTED_BY
from campaignsite.validate.schema import TableRows, quoted

# Columns a laureate may repeat from its candidates.csv row; a value given in both must be the same.
SHARED_RESULTS = ("votes", "marks", "score", "rank", "prizes")

# How far a score may be from its weighted marks: the marks' and the score's own rounding.
SCORE_TOLERANCE = 0.05


def parse_marks(text: str | None) -> dict[str, float]:
    """'experts:82;citizens:76.5' -> {'experts': 82.0, 'citizens': 76.5} (the schema checked the form)."""
    pairs = (part.split(":") for part in text.split(";")) if text else ()
    return {stage: float(mark) for stage, mark in pairs}


def vote_stage_ids(data: dict) -> set[str]:
    """The ids of the stages that are public votes (for a one-jury campaign, its fixed 'public-vote')."""
    if "selection" in data:
        return {stage["id"] for stage in data["selection"] if stage["kind"] == "public-vote"}
    return set(LEGACY_SELECTED_BY["public-vote"])


def check_results(data: dict, tables: dict[str, TableRows], problems: list[Problem]) -> None:
    laureates, candidates = tables.get("laureates"), tables.get("candidates")
    if candidates and laureates:
        _check_laureates_are_candidates(laureates, candidates, problems)
    stages = {stage["id"]: stage for stage in data.get("selection", [])}
    for table in (laureates, candidates):
        for row, line in zip(table.rows, table.lines) if table else ():
            _check_marks(table.rel, line, row, stages, problems)
    entrants = candidates or laureates
    if entrants:
        _check_ranks(entrants, problems)
    _check_votes(data, laureates, candidates, problems)


def _check_laureates_are_candidates(laureates: TableRows, candidates: TableRows, problems: list[Problem]) -> None:
    by_slug = {row["slug"]: (row, line) for row, line in zip(candidates.rows, candidates.lines)}
    for row, line in zip(laureates.rows, laureates.lines):
        if row["slug"] not in by_slug:
            problems.append(Problem(laureates.rel, line, "slug", msg(
                "%(value)s is not in %(candidates)s: every laureate is one of the candidates; add its row there",
                value=quoted(row["slug"]), candidates=candidates.rel), Code.NOT_A_CANDIDATE))
            continue
        candidate, candidate_line = by_slug[row["slug"]]
        for name in SHARED_RESULTS + tuple(key for key in row if key.startswith("reason_")):
            if row.get(name) is not None and candidate.get(name) is not None and row[name] != candidate[name]:
                problems.append(Problem(laureates.rel, line, name, msg(
                    "%(value)s differs from %(where)s (%(other)s): give it once, in candidates.csv",
                    value=quoted(row[name]), where=f"{candidates.rel}:{candidate_line}", other=quoted(candidate[name])),
                    Code.INCONSISTENT))


def _check_marks(rel: str, line: int, row: dict, stages: dict[str, dict], problems: list[Problem]) -> None:
    """Each mark names a stage once and is out of 100; a score given with every weighted stage's mark is
    their weighted sum."""
    seen: set[str] = set()
    for part in row["marks"].split(";") if row.get("marks") else ():
        stage, mark = part.split(":")
        if stage not in stages:
            known = ", ".join(stages) or msg("campaign.yml has no selection")
            problems.append(Problem(rel, line, "marks", msg("%(value)s is not a stage of campaign.yml selection "
                                                            "(%(values)s)", value=quoted(stage), values=known),
                                    Code.UNKNOWN_STAGE))
        elif stage in seen:
            problems.append(Problem(rel, line, "marks", msg("gives a mark to %(stage)s twice", stage=quoted(stage)),
                                    Code.DUPLICATE_VALUE))
        elif float(mark) > 100:
            problems.append(Problem(rel, line, "marks", msg("%(value)s is above 100: marks are out of 100",
                                                            value=quoted(part)), Code.OUT_OF_RANGE))
        seen.add(stage)
    marks, weighted = parse_marks(row.get("marks")), {i: s["weight"] for i, s in stages.items() if "weight" in s}
    if row.get("score") is None or not weighted or not all(stage in marks for stage in weighted):
        return
    expected = sum(weight * marks[stage] for stage, weight in weighted.items()) / 100
    if abs(float(row["score"]) - expected) > SCORE_TOLERANCE + 1e-9:
        terms = " + ".join(f"{weight} % × {marks[stage]:g} ({stage})" for stage, weight in weighted.items())
        problems.append(Problem(rel, line, "score", msg(
            "%(score)s is not the weighted marks: %(terms)s = %(expected)s", score=row["score"], terms=terms,
            expected=f"{expected:g}"), Code.BAD_RANKING))


def _check_ranks(table: TableRows, problems: list[Problem]) -> None:
    """No project ranks above one with a better score; no rank beyond the number of projects."""
    ranked = sorted(((row, line) for row, line in zip(table.rows, table.lines) if row.get("rank") is not None),
                    key=lambda pair: (-(pair[0].get("score") or 0), pair[0]["rank"]))
    for row, line in ranked:
        if row["rank"] > len(table.rows):
            problems.append(Problem(table.rel, line, "rank", msg(
                "%(rank)s is beyond the %(count)s projects of the ranking", rank=row["rank"], count=len(table.rows)),
                Code.BAD_RANKING))
    scored = [(row, line) for row, line in ranked if row.get("score") is not None]
    for row, line in scored:
        better = [(other, other_line) for other, other_line in scored
                  if other["score"] > row["score"] and other["rank"] >= row["rank"]]
        if better:
            other, other_line = better[0]
            problems.append(Problem(table.rel, line, "rank", msg(
                "%(rank)s places this project (score %(score)s) at or above %(other)s, which scored better "
                "(line %(line)s: rank %(other_rank)s, score %(other_score)s)", rank=row["rank"], score=row["score"],
                other=quoted(other["slug"]), line=other_line, other_rank=other["rank"],
                other_score=other["score"]), Code.BAD_RANKING))


def _check_votes(data: dict, laureates: TableRows | None, candidates: TableRows | None,
                 problems: list[Problem]) -> None:
    """A laureate that a public vote selected, and a candidate that a weighted vote ranked, had votes."""
    votes = vote_stage_ids(data)
    given = {row["slug"] for row in candidates.rows if row.get("votes") is not None} if candidates else set()
    for row, line in zip(laureates.rows, laureates.lines) if laureates else ():
        stages = row["selected_by"].split(";") if "selection" in data else LEGACY_SELECTED_BY.get(row["selected_by"], ())
        if set(stages) & votes and row.get("votes") is None and row["slug"] not in given:
            problems.append(Problem(laureates.rel, line, "votes", msg(
                "is empty but the project was selected by %(selected_by)s: give the number of votes",
                selected_by=row["selected_by"]), Code.MISSING_VALUE))
    weighted_vote = any(stage["kind"] == "public-vote" and "weight" in stage for stage in data.get("selection", []))
    for row, line in zip(candidates.rows, candidates.lines) if candidates and weighted_vote else ():
        if row.get("votes") is None and (row.get("score") is not None or row.get("rank") is not None):
            problems.append(Problem(candidates.rel, line, "votes", msg(
                "is empty but the project is ranked and the public vote weighs in its score: give its number "
                "of votes"), Code.MISSING_VALUE))
