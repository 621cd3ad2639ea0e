"""Selection you can check (issue 19): candidates.csv, results given once, marks that weigh up to the
score, ranks that follow the scores, votes where a vote selected or ranked, stages dated between the
call and the results, prizes paid from the budget. Each broken input is one problem, reported as
`file:line: field: message [code]` (problems_of checks the form)."""

from __future__ import annotations

import pytest

from test_real_campaigns import LAUREATES, STAGED, YML, line_of, problems_of, staged_laureates, staged_yml

C = "campaigns/demo-2025"
CANDIDATES = f"{C}/candidates.csv"
HEADER = "slug,title_nl,title_fr,summary_nl,summary_fr,sdgs,holder,votes,marks,score,rank,prizes,reason_nl,reason_fr"
ROWS = {
    "moestuin": "moestuin,Moestuin,Potager,Een moestuin.,Un potager.,2;11,Vrienden van Flagey,540,"
                "vote:60;experts:85;burgers:78,81.5,1,,Brengt de buurt samen.,Rassemble le quartier.",
    "repair": "repair,Repair Café,Repair Café,Samen herstellen.,Réparer ensemble.,12,Repair Elsene,312,"
              "experts:70;burgers:66,68,2,,,",
    "fietsatelier": "fietsatelier,Fietsatelier,Atelier vélo,Fietsen herstellen.,Réparer des vélos.,11,Fiets Elsene,"
                    "120,experts:50;burgers:40,45,3,favourite,,",
}


def candidates(**changes: str) -> str:
    """candidates.csv of the staged demo, with `old=>new` replacements per slug (None drops the row)."""
    lines = [HEADER]
    for slug, row in ROWS.items():
        change = changes.get(slug, "")
        if change is None:
            continue
        for pair in filter(None, change.split("|")):
            old, new = pair.split("=>")
            assert old in row, (slug, old)
            row = row.replace(old, new)
        lines.append(row)
    return "\n".join(lines) + "\n"


def line(slug: str) -> int:
    return 2 + list(ROWS).index(slug)


def test_the_staged_demo_with_its_candidates_is_valid(tmp_path):
    assert problems_of(tmp_path, {**STAGED, CANDIDATES: candidates()}) == set()


CHECKS = [
    pytest.param({CANDIDATES: candidates(repair=None, fietsatelier=",45,3,=>,45,2,")},
                 {(LAUREATES, 3, "slug", "not-a-candidate")}, id="laureate-not-a-candidate"),
    pytest.param({CANDIDATES: candidates(repair=",312,=>,313,")},
                 {(LAUREATES, 3, "votes", "inconsistent")}, id="votes-given-twice-differently"),
    pytest.param({CANDIDATES: candidates(fietsatelier="experts:50=>jury:50")},
                 {(CANDIDATES, line("fietsatelier"), "marks", "unknown-stage")}, id="mark-of-an-unknown-stage"),
    pytest.param({CANDIDATES: candidates(fietsatelier="experts:50;burgers:40=>experts:50;experts:40")},
                 {(CANDIDATES, line("fietsatelier"), "marks", "duplicate-value")}, id="two-marks-for-one-stage"),
    pytest.param({CANDIDATES: candidates(fietsatelier="experts:50;burgers:40,45,=>experts:150;burgers:40,,")},
                 {(CANDIDATES, line("fietsatelier"), "marks", "out-of-range")}, id="mark-above-100"),
    pytest.param({CANDIDATES: candidates(repair=",68,2,=>,72,2,")},
                 {(CANDIDATES, line("repair"), "score", "bad-ranking")}, id="score-is-not-the-weighted-marks"),
    pytest.param({CANDIDATES: candidates(repair=",68,2,=>,68,3,", fietsatelier=",45,3,=>,45,2,")},
                 {(CANDIDATES, line("fietsatelier"), "rank", "bad-ranking")}, id="a-better-score-ranked-lower"),
    pytest.param({CANDIDATES: candidates(fietsatelier=",45,3,=>,45,7,")},
                 {(CANDIDATES, line("fietsatelier"), "rank", "bad-ranking")}, id="rank-beyond-the-projects"),
    pytest.param({CANDIDATES: candidates(fietsatelier=",favourite,=>,public-prize,")},
                 {(CANDIDATES, line("fietsatelier"), "prizes", "unknown-prize")}, id="candidate-prize-unknown"),
    pytest.param({CANDIDATES: candidates(fietsatelier=",11,=>,19,")},
                 {(CANDIDATES, line("fietsatelier"), "sdgs", "unknown-sdg")}, id="candidate-goal-unknown"),
    pytest.param({CANDIDATES: candidates(fietsatelier=",Fiets Elsene,=>,,")},
                 {(CANDIDATES, line("fietsatelier"), "holder", "missing-value")}, id="candidate-without-holder"),
]


@pytest.mark.parametrize("files, expected", CHECKS)
def test_a_broken_selection_is_one_problem_naming_file_line_and_field(tmp_path, files, expected):
    assert problems_of(tmp_path, {**STAGED, CANDIDATES: candidates(), **files}) == expected


def test_a_laureate_a_public_vote_selected_needs_its_votes(tmp_path):
    """selected_by naming a public-vote stage of `selection:` (the check fired for the old values only)."""
    files = {**STAGED, LAUREATES: staged_laureates(repair={"votes": ""})}
    assert problems_of(tmp_path, files) == {(LAUREATES, 3, "votes", "missing-value")}
    # Given in candidates.csv instead, it is given.
    assert problems_of(tmp_path / "again", {**files, CANDIDATES: candidates()}) == set()


def test_a_candidate_a_weighted_vote_ranked_needs_its_votes(tmp_path):
    yml = staged_yml("    start: 2025-04-20\n    end: 2025-04-30\n",
                     "    start: 2025-04-20\n    end: 2025-04-30\n    weight: 20\n").replace(
        "    weight: 50\n    members:\n      - name: An", "    weight: 40\n    members:\n      - name: An").replace(
        "    weight: 50\n    members:\n      - name: Luc", "    weight: 40\n    members:\n      - name: Luc")
    files = {**STAGED, YML: yml, CANDIDATES: candidates(fietsatelier=",120,=>,,").replace(
        "vote:60;experts:85;burgers:78,81.5", "vote:60;experts:85;burgers:78,77.2").replace(
        "experts:70;burgers:66,68,", "experts:70;burgers:66,68,")}
    assert (CANDIDATES, line("fietsatelier"), "votes", "missing-value") in problems_of(tmp_path, files)


@pytest.mark.parametrize("old, new, field", [
    ("    start: 2025-04-20\n", "    start: 2024-04-20\n", "selection.0.start"),       # a vote a year before the call
    ("    start: 2025-05-06\n    weight: 50\n    members:\n      - name: An",
     "    start: 2025-04-01\n    weight: 50\n    members:\n      - name: An", "selection.1.start"),  # during the call
], ids=["vote-a-year-before", "jury-during-the-call"])
def test_a_selection_stage_before_the_call_closes_is_a_date_order_problem(tmp_path, old, new, field):
    text = staged_yml(old, new)
    line_number = line_of(text, new.splitlines()[0].strip(), "  - id: vote")
    assert problems_of(tmp_path, {**STAGED, YML: text}) == {(YML, line_number, field, "date-order")}


def test_results_day_between_the_call_and_the_end_of_the_selection(tmp_path):
    before_call = staged_yml().replace("selection:\n", "results_day: 2025-04-10\nselection:\n", 1)
    assert problems_of(tmp_path, {**STAGED, YML: before_call}) == {
        (YML, line_of(before_call, "results_day:"), "results_day", "date-order"),
        (YML, line_of(before_call, "end: 2025-04-30"), "selection.0.end", "date-order"),
        (YML, line_of(before_call, "start: 2025-05-06", "id: experts"), "selection.1.start", "date-order"),
        (YML, line_of(before_call, "start: 2025-05-06", "id: burgers"), "selection.2.start", "date-order")}
    before_jury = staged_yml().replace("selection:\n", "results_day: 2025-05-02\nselection:\n", 1)
    assert problems_of(tmp_path / "jury", {**STAGED, YML: before_jury}) == {
        (YML, line_of(before_jury, "start: 2025-05-06", "id: experts"), "selection.1.start", "date-order"),
        (YML, line_of(before_jury, "start: 2025-05-06", "id: burgers"), "selection.2.start", "date-order")}


def test_a_prize_paid_from_the_budget_counts_against_it(tmp_path):
    """The demo's budget is 12 500; the grants 10 000. A prize of 3 000 from the budget is too much."""
    yml = staged_yml("    amount: 500\n", "    amount: 3000\n    from_budget: true\n")
    assert problems_of(tmp_path, {**STAGED, YML: yml}) == {(LAUREATES, 3, "amount", "over-budget")}
    in_kind = staged_yml("    amount: 500\n", "    amount: 3000\n    from_budget: false\n")
    assert problems_of(tmp_path / "in-kind", {**STAGED, YML: in_kind}) == set()
