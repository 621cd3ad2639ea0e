"""The moments between (issue 19, item 5) and the public vote on the site (item 2): the home page's call
to action on the last day of the call and of the vote, between the vote and the jury, during the
follow-up, and once a campaign is over without results; the candidates page during the vote.

tests/project.py's demo gets a public vote (22 April to 4 May 2025, with its own address and rules), a
jury on 6 May, candidates.csv and a follow-up phase; each day is built once.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from campaignsite.core.i18n import Formatter
from campaignsite.pipeline import BuildConfig, build
from html_support import Document, label, parse
from project import LAUREATES_CSV, LAUREATES_HEADER, UPDATES_CSV, write_project
from test_phases import PHASES, YML

BASE = "campaigns/demo-2025"
VOTE_URL = "https://vote.demo.example.be/stem"
STAGED = PHASES.replace("  coaching: {start: 2025-06-01, end: 2025-09-30}\n",
                        "  coaching: {start: 2025-06-01, end: 2025-09-30}\n"
                        "  follow_up: {start: 2025-10-15, end: 2026-06-30}\n")
STAGED = STAGED[:STAGED.index("jury:\n")] + f"""\
selection:
  - id: vote
    kind: public-vote
    start: 2025-04-22
    end: 2025-05-04
    url: {VOTE_URL}
    how_to_vote: {{nl: Elke inwoner kiest twee projecten., fr: Chaque habitant choisit deux projets.}}
  - id: jury
    kind: participatory-jury
    start: 2025-05-06
    members:
      - name: An Peeters
"""
CANDIDATES = """\
slug,title_nl,title_fr,summary_nl,summary_fr,sdgs,holder,address
moestuin,Buurtmoestuin,Potager de quartier,Een moestuin voor de wijk.,Un potager pour le quartier.,2;11,Vrienden van Flagey,Flageyplein
repair,Repair Café,Repair Café,Samen herstellen.,Réparer ensemble.,12,Repair Elsene,
fietsatelier,Één fietsatelier,Un atelier vélo,Fietsen herstellen.,Réparer des vélos.,11,Fiets Elsene,Matonge
"""
NO_LAUREATES = {f"{BASE}/laureates.csv": LAUREATES_HEADER + "\n", f"{BASE}/updates.csv": UPDATES_CSV.splitlines()[0] + "\n",
                f"{BASE}/projects/moestuin.nl.md": None, f"{BASE}/projects/moestuin.fr.md": None}


@functools.cache
def _built(folder: Path, day: str, laureates: bool) -> Path:
    files = {YML: STAGED, f"{BASE}/candidates.csv": CANDIDATES,
             f"{BASE}/laureates.csv": LAUREATES_CSV.replace(",2000,both,312,", ",2000,vote;jury,312,")}
    root = write_project(folder / "project", files | ({} if laureates else NO_LAUREATES))
    build(BuildConfig(root=root, output=folder / "site", today=dt.date.fromisoformat(day), jobs=1))
    return folder / "site" / "demo-2025"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return lambda day, laureates=True: _built(tmp_path_factory.getbasetemp() / f"moments-{day}-{laureates}", day,
                                             laureates)


def cta(built: Path, lang: str = "nl") -> Document:
    return parse(built / lang / "index.html").one(".cs-home .cs-cta")


def long_date(lang: str, day: str) -> str:
    return Formatter(lang).date(dt.date.fromisoformat(day))


@pytest.mark.slow  # one build
def test_the_last_day_of_the_call_says_so(site):
    box = cta(site("2025-04-15"))
    assert box.one(".cs-cta__text").text == label("nl", "Last day: the call closes tonight at midnight (%(date)s).") % {
        "date": long_date("nl", "2025-04-15")}
    assert "0 " not in box.one(".cs-cta__text").text, "0 days left"


@pytest.mark.slow  # one build
def test_during_the_vote_the_home_sends_to_the_vote_and_the_projects(site):
    built = site("2025-04-25")
    for lang in ("nl", "fr"):
        box = cta(built, lang)
        assert box.get("data-moment") == "public-vote"
        assert box.one("a.cs-cta__action").get("href") == VOTE_URL
        assert [a.get("href") for a in box.select("a")][1:] == ["candidates/"]
    page = parse(built / "fr" / "candidates" / "index.html")
    assert page.one(".cs-vote .cs-vote__how").text == "Chaque habitant choisit deux projets."
    assert page.one(".cs-vote a").get("href") == VOTE_URL
    cards = page.select(".cs-candidate")
    # Alphabetical whatever the accents: Potager, Repair, Un atelier.
    assert [c.one(".cs-card__title").text for c in cards] == ["Potager de quartier", "Repair Café", "Un atelier vélo"]
    assert [c.get("data-slug") for c in parse(built / "nl" / "candidates" / "index.html").select(".cs-candidate")] == \
        ["moestuin", "fietsatelier", "repair"]  # Buurtmoestuin, Één fietsatelier (as "een"), Repair Café
    assert cards[0].one(".cs-card__meta").text == "Vrienden van Flagey · Flageyplein"
    assert not page.select(".cs-candidate__laureate, .cs-card__amount, .cs-status")
    assert not (built / "fr" / "laureates").exists(), "laureates published during the vote"


@pytest.mark.slow  # one build
def test_the_last_day_of_the_vote_says_so(site):
    text = cta(site("2025-05-04"), "fr").one(".cs-cta__text").text
    assert text == label("fr", "Last day to vote: the vote closes tonight at midnight.")


@pytest.mark.slow  # one build
def test_between_the_vote_and_the_jury_the_home_says_what_comes_next(site):
    built = site("2025-05-05")
    for lang in ("nl", "fr"):
        box = cta(built, lang)
        assert box.get("data-moment") == "selection"
        assert box.one("h2").text == label(lang, "The jury meets on %(date)s") % {"date": long_date(lang, "2025-05-06")}
        assert box.one(".cs-cta__text").text == label(lang, "Results on %(date)s.") % {
            "date": long_date(lang, "2025-05-07")}
        assert box.one("a.cs-cta__action").get("href") == "candidates/"
    assert not (built / "nl" / "laureates").exists()
    assert not parse(built / "nl" / "candidates" / "index.html").select(".cs-vote")


@pytest.mark.slow  # one build
def test_after_the_closing_event_the_follow_up_runs(site):
    box = cta(site("2025-10-20"))
    assert box.get("data-moment") == "follow-up"
    assert box.one("h2").text == label("nl", "The projects are being followed up")
    assert box.one("a.cs-cta__action").get("href") == "laureates/"
    finished = cta(site("2026-08-01"))
    assert finished.get("data-moment") == "finished"


@pytest.mark.slow  # one build
def test_a_campaign_over_without_results_does_not_promise_them(site):
    box = cta(site("2026-08-01", laureates=False))
    assert box.get("data-moment") == "finished"
    assert box.one("h2").text == label("nl", "The campaign is over")
    assert box.one(".cs-cta__text").text == label("nl", "Its results have not been published on this site.")
    assert box.one("a.cs-cta__action").get("href") == "agenda/"
