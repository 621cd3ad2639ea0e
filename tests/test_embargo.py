"""A site is true on its build day (issue 19): results under embargo until the results day, nothing
dated after the day, the status and money of that day, whatever the output (pages, calendars, feeds,
open data, press kit, widgets, oEmbed, search index, sitemaps, compressed files included).

The demo campaign of tests/project.py gets marker texts: each is published only from a known day on,
so a build for any day can be searched for what must not be there yet.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import re
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaignsite.pipeline import BuildConfig, build
from html_support import label, parse
from project import LAUREATES_CSV, UPDATES_CSV, write_project

BASE = "campaigns/demo-2025"
JURY = dt.date(2025, 5, 6)           # the demo's jury phase: its one selection stage, the candidates' day
RESULTS = JURY + dt.timedelta(days=1)  # no press phase: the day after the jury
NEWS_DAY = dt.date(2025, 5, 10)
UPDATE_DAYS = (dt.date(2025, 6, 10), dt.date(2025, 8, 20), dt.date(2025, 11, 3))
PAYMENT_DAYS = (dt.date(2025, 5, 20), dt.date(2025, 9, 1))

# The laureates' own titles (laureates.csv) differ from their candidate titles (candidates.csv), so a
# laureate's title found in the output means a laureate was published.
CANDIDATES_CSV = """\
slug,title_nl,title_fr,summary_nl,summary_fr,sdgs,holder,votes,score,rank,reason_nl,reason_fr
moestuin,Kandidaat Moestuin,Candidat Potager,Een moestuin.,Un potager.,2;11,Vrienden van Flagey,,,,Juryreden ZQXMOESTUIN,Raison ZQXMOESTUIN
repair,Kandidaat Repair,Candidat Repair,Samen herstellen.,Réparer ensemble.,12,Repair Elsene,312,71.5,2,,
fietsatelier,ZQXCANDIDATE Fietsatelier,ZQXCANDIDATE Atelier vélo,Fietsen herstellen.,Réparer des vélos.,11,Fiets Elsene,,,,,
"""


def marked_files() -> dict[str, str]:
    laureates = LAUREATES_CSV.replace("moestuin,Buurtmoestuin,Potager de quartier,",
                                      "moestuin,ZQXLAUREATE Buurtmoestuin,ZQXLAUREATE Potager,")
    laureates = laureates.replace("repair,Repair Café,Repair Café,", "repair,ZQXLAUREATE Repair,ZQXLAUREATE Repair,")
    laureates = laureates.replace(",in-progress,Vrienden van Flagey,", ",completed,Vrienden van Flagey,")
    updates = UPDATES_CSV.splitlines()[0] + "\n" + "".join(
        f"moestuin,{day},{status},ZQXUPDATE{day:%Y%m%d} nl,ZQXUPDATE{day:%Y%m%d} fr\n"
        for day, status in zip(UPDATE_DAYS, ("in-progress", "in-progress", "completed")))
    payments = "project,date,kind,amount\n" + "".join(
        f"moestuin,{day},{kind},{amount}\n" for day, kind, amount in
        zip(PAYMENT_DAYS, ("advance", "balance"), ("6400", "1600")))
    news = {f"{BASE}/news/laureates.{lang}.md": f"---\ntitle: ZQXNEWS{NEWS_DAY:%Y%m%d} {lang}\ndate: {NEWS_DAY}\n---\nTekst.\n"
            for lang in ("nl", "fr")}
    return {f"{BASE}/laureates.csv": laureates, f"{BASE}/updates.csv": updates, f"{BASE}/payments.csv": payments,
            f"{BASE}/candidates.csv": CANDIDATES_CSV, **news}


def texts(output: Path):
    """(path, text) of every file under `output`: gzip and zlib streams (sitemaps, search fragments)
    decompressed, so that nothing hides in a compressed file."""
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        else:
            try:
                data = zlib.decompress(data)
            except zlib.error:
                pass
        yield path.relative_to(output), data.decode("utf-8", "replace")


def csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def published(output: Path, pattern: str) -> list[str]:
    """The files under `output` where `pattern` (a regular expression) occurs."""
    return sorted({str(rel) for rel, text in texts(output) if re.search(pattern, text)})


def expected_markers(day: dt.date) -> dict[str, bool]:
    """Each marker, and whether a site built for `day` may show it (then it must, somewhere)."""
    public = day >= RESULTS
    markers = {"ZQXLAUREATE": public, "ZQXMOESTUIN": public, "ZQXCANDIDATE": day >= JURY,
               f"ZQXNEWS{NEWS_DAY:%Y%m%d}": day >= NEWS_DAY, "laureates/moestuin/": public}
    markers |= {f"ZQXUPDATE{d:%Y%m%d}": public and d <= day for d in UPDATE_DAYS}
    return markers


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return write_project(tmp_path_factory.mktemp("embargo") / "project", marked_files())


def built(project: Path, day: dt.date, tmp_path: Path) -> Path:
    output = tmp_path / f"site-{day}"
    build(BuildConfig(project, output, day, jobs=1, full=True))
    return output


def check_day(project: Path, day: dt.date, tmp_path: Path) -> None:
    output = built(project, day, tmp_path)
    problems = []
    for marker, allowed in expected_markers(day).items():
        found = published(output, re.escape(marker))
        if allowed and not found:
            problems.append(f"{marker}: public on {day} but published nowhere")
        if not allowed and found:
            problems.append(f"{marker}: not public on {day} but published in {found[:5]}")
    shown = [dt.date.fromisoformat(row["date"]) for row in csv_rows(output / "demo-2025/data/payments.csv")]
    if any(d > day for d in shown) or (day < RESULTS and shown):
        problems.append(f"payments published on {day}: {shown}")
    assert not problems, "\n".join(problems)


@pytest.mark.slow  # five builds of the demo network
@pytest.mark.parametrize("day", [dt.date(2025, 3, 1), JURY, RESULTS, dt.date(2025, 8, 20), dt.date(2025, 12, 1)],
                         ids=str)
def test_each_output_shows_what_was_public_that_day(project, day, tmp_path):
    check_day(project, day, tmp_path)


@pytest.mark.slow  # a dozen builds of the demo network
@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 3, 31)))
def test_any_day_of_the_campaign_publishes_nothing_before_its_day(project, tmp_path_factory, day):
    check_day(project, day, tmp_path_factory.mktemp("any-day"))


@pytest.mark.slow  # two builds of the demo network
def test_the_status_is_the_one_of_the_build_day(project, tmp_path):
    """Completed in laureates.csv, but only from its update of 3 November on."""
    output = built(project, dt.date(2025, 9, 15), tmp_path)
    laureates = {row["slug"]: row for row in json.loads(
        (output / "demo-2025/data/laureates.json").read_text(encoding="utf-8"))["laureates"]}
    assert laureates["moestuin"]["status"] == "in-progress"
    assert status_shown(output) == label("nl", "status:in-progress")
    later = built(project, dt.date(2025, 11, 5), tmp_path)
    assert status_shown(later) == label("nl", "status:completed")


def status_shown(output: Path) -> str:
    """The status the Dutch page of the demo's vegetable garden states."""
    doc = parse(output / "demo-2025/nl/laureates/moestuin/index.html")
    facts = {dt_.text: dd.text for dt_, dd in zip(doc.select("dl.cs-facts dt"), doc.select("dl.cs-facts dd"))}
    return facts[label("nl", "Status")]


# --- The example network, as conftest.py builds it (2026-11-22) ---------------------------------------

def vote_counts(folder: Path) -> list[str]:
    return [row["votes"] for row in csv_rows(folder / "candidates.csv") if row.get("votes")]


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_saint_gilles_results_stay_under_embargo(example_site):
    """Its vote closed on 8 November and its jury met on 28 November: the vote counts, marks, scores,
    ranks, reasons and laureates are in its files, public from 14 January 2027 (results_day)."""
    folder = Path(__file__).resolve().parent.parent / "campaigns/saint-gilles-2026"
    candidates = csv_rows(folder / "candidates.csv")
    counts = [row["votes"] for row in candidates]
    reasons = [row[f"reason_{lang}"] for row in candidates for lang in ("fr", "nl") if row[f"reason_{lang}"]]
    laureates = [row["slug"] for row in csv_rows(folder / "laureates.csv")]
    assert len(counts) == 8 and len(reasons) == 8 and len(laureates) == 4
    # Not after ":" either: a search fragment's own metadata ("word_count":1652) is no vote count.
    found = published(example_site, r"(?<![0-9.,:])(" + "|".join(counts) + r")(?![0-9])")
    assert not found, f"vote counts of Saint-Gilles published in {found[:10]}"
    for text in reasons + [f"laureates/{slug}" for slug in laureates]:
        found = published(example_site, re.escape(text))
        assert not found, f"{text!r} published in {found[:10]}"
    published_rows = csv_rows(example_site / "saint-gilles-2026/data/candidates.csv")
    assert len(published_rows) == 8
    assert not any(row[name] for row in published_rows for name in ("votes", "marks", "score", "rank", "reason_fr"))
    assert not csv_rows(example_site / "saint-gilles-2026/data/laureates.csv")


def test_haute_meuse_during_its_vote_shows_the_candidates_and_no_laureate(example_site):
    """Its vote runs from 16 November 2026 to 7 February 2027: the 26 projects to vote for, the vote's own
    address, and no laureate, grant or result anywhere in its site."""
    folder = Path(__file__).resolve().parent.parent / "campaigns/haute-meuse-2026"
    titles = sorted(row["title_fr"] for row in csv_rows(folder / "candidates.csv"))
    page = parse(example_site / "haute-meuse-2026/fr/candidates/index.html")
    assert sorted(card.one(".cs-card__title").text for card in page.select(".cs-candidate")) == titles
    assert len(titles) == 26
    assert page.one(".cs-vote a").get("href") == "https://participation.haute-meuse.example.be/vote-proximity"
    home = parse(example_site / "haute-meuse-2026/fr/index.html").one(".cs-cta")
    assert [a.get("href") for a in home.select("a")] == [
        "https://participation.haute-meuse.example.be/vote-proximity", "candidates/"]
    site = example_site / "haute-meuse-2026"
    assert not (site / "fr/laureates").exists()
    assert not published(site, r"cs-card__amount|cs-status--|laureates/[a-z]")
