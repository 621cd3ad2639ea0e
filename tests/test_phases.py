"""A site that knows what phase it is in (issue 9, item 6): tests/project.py's demo campaign built for
several days (`--today`), from before its call opens to after its closing evening.

Each day's home page has the call to action of that moment; the call page and its widget say the call
opens, is open (with the form) or closed (with the results instead of the form); an event that is over
says it took place and links no registration; long phases stay phases (the timeline), not events.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from campaignsite.pipeline import build, BuildConfig
from html_support import Document, parse, resolve_link
from project import CAMPAIGN_YML, EVENTS_CSV, LAUREATES_HEADER, UPDATES_CSV, validate, write_project

BASE = "campaigns/demo-2025"
YML, EVENTS = f"{BASE}/campaign.yml", f"{BASE}/events.csv"
# The demo's phases, with a public vote after the call and a mobilisation during the coaching.
PHASES = CAMPAIGN_YML.replace("  closing_event: {start: 2025-10-10}\n",
                              "  public_vote: {start: 2025-04-22, end: 2025-05-04}\n"
                              "  mobilisation: {start: 2025-09-01, end: 2025-09-20}\n"
                              "  closing_event: {start: 2025-10-10}\n")
VOTE_URL = "https://vote.demo.example.be/?campaign=demo&lang=nl"
PHOTOS = "https://photos.demo.example.be/launch"
EVENTS_WITH_VOTE = (EVENTS_CSV.replace(",status,project\n", ",status,project,news,photos_url\n")
                    .replace(",scheduled,\n", f",scheduled,,laureates,{PHOTOS}\n")
                    + "vote,public-vote,Publieksstemming,Vote du public,Stem op je favoriet.,Votez pour votre favori.,"
                      f"2025-04-22 09:00,2025-05-04 20:00,,,{VOTE_URL},,scheduled,,,\n")
NO_LAUREATES = {f"{BASE}/laureates.csv": LAUREATES_HEADER + "\n", f"{BASE}/updates.csv": UPDATES_CSV.splitlines()[0] + "\n",
                f"{BASE}/projects/moestuin.nl.md": None, f"{BASE}/projects/moestuin.fr.md": None}
REGISTER = "https://demo.example.be/register"  # the launch's registration_url (2025-02-01, 19:00 to 21:30)

# The day -> (the moment the campaign is in, whether its laureates are chosen yet)
DAYS = {
    "2025-01-20": "announced",     # the launch and the call are to come
    "2025-02-10": "announced",     # launched; the call opens on 15 February
    "2025-03-01": "call",          # the call is open until 15 April
    "2025-04-25": "public-vote",   # the public vote, 22 April to 4 May
    "2025-05-20": "laureates",     # the jury chose on 6 May; coaching
    "2025-09-10": "mobilisation",  # 1 to 20 September
    "2025-10-01": "closing",       # the closing evening of 10 October is next
    "2025-10-20": "finished",
}


def files_for(day: str) -> dict:
    """The demo with a public vote and a mobilisation; before the jury, without laureates yet."""
    files = {YML: PHASES, EVENTS: EVENTS_WITH_VOTE}
    if dt.date.fromisoformat(day) < dt.date(2025, 5, 6):
        files.update(NO_LAUREATES)
    return files


@functools.cache
def _built(folder: Path, day: str) -> Path:
    root = write_project(folder / "project", files_for(day))
    build(BuildConfig(root=root, output=folder / "site", today=dt.date.fromisoformat(day), jobs=1))
    return folder / "site" / "demo-2025"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """site(day) -> the demo campaign's output folder, built as of `day` (once per day)."""
    return lambda day: _built(tmp_path_factory.getbasetemp() / f"phases-{day}", day)


def page(site_dir: Path, rel: str, lang: str = "nl") -> Document:
    return parse(site_dir / lang / rel / "index.html")


def target(site_dir: Path, doc: Document, href: str) -> str:
    """Where a link of `doc` leads: a path relative to the campaign's language site, or the address."""
    if urlsplit(href).scheme:
        return href
    path, _ = resolve_link(site_dir.parent, doc.path, href)
    return path.relative_to(site_dir / doc.path.relative_to(site_dir).parts[0]).as_posix()


# --- The home page's call to action ---------------------------------------------------------------

# Days no other test builds: in `make test` only, so that `make test-fast` stays under 90 s.
ONLY_HERE = {"2025-04-25", "2025-10-01", "2025-10-20"}


@pytest.mark.parametrize("day, moment", [pytest.param(day, moment, marks=pytest.mark.slow if day in ONLY_HERE else ())
                                         for day, moment in DAYS.items()])
def test_home_call_to_action_follows_the_phase(site, day, moment):
    built = site(day)
    for lang in ("nl", "fr"):
        doc = page(built, "", lang)
        ctas = doc.select(".cs-home .cs-cta")
        assert len(ctas) == 1, f"{lang} home as of {day}: {len(ctas)} calls to action"
        assert ctas[0].get("data-moment") == moment, f"{lang} home as of {day}: {ctas[0].text!r}"
        main = ctas[0].one("a.cs-cta__action")
        assert main.text, f"{lang} home as of {day}: the main button has no text"
    doc = page(built, "")
    cta = doc.one(".cs-cta")
    main = target(built, doc, cta.one("a.cs-cta__action").get("href"))
    others = [target(built, doc, a.get("href")) for a in cta.select("a")]
    expected = {
        "announced": "call/index.html",
        "call": "https://demo.example.be/apply",
        "public-vote": VOTE_URL,
        "laureates": "laureates/index.html",
        "mobilisation": "help/index.html",
        "closing": "events/phase-closing-event/index.html",
        "finished": "laureates/index.html",
    }[moment]
    assert main == expected, f"home as of {day} ({moment}): main action leads to {main}"
    if moment == "call":
        assert "call/index.html" in others, "during the call, the criteria are a click away"
        assert cta.one(".cs-cta__text").text == "De oproep loopt tot 15 april 2025: nog 45 dagen."
    if moment == "finished":
        assert "news/laureates/index.html" in others, f"no follow-up among {others}"
    for path in others:
        if "://" not in path:
            assert (built / "nl" / path).is_file(), f"home as of {day}: {path} does not exist"


def test_countdown_moves_with_the_day(site):
    """Two days of the call: the same home page counts down."""
    assert site("2025-03-01") != site("2025-02-10")
    doc = page(site("2025-03-01"), "", "fr")
    assert "45" in doc.one(".cs-cta__text").text
    assert doc.one(".cs-cta__text").text != page(site("2025-02-10"), "", "fr").one(".cs-cta__text").text


# --- The call page and its widget ------------------------------------------------------------------

@pytest.mark.parametrize("day, state", [("2025-02-10", "announced"), ("2025-03-01", "open"), ("2025-05-20", "closed")])
def test_call_page_and_widget_open_or_closed(site, day, state):
    built = site(day)
    doc, widget = page(built, "call"), page(built, "embed/call")
    status, widget_status = doc.one(".cs-call > .cs-notice").text, widget.one(".cs-widget__status").text
    form = "https://demo.example.be/apply"
    links = {target(built, d, a.get("href")) for d in (doc, widget) for a in d.select(".cs-page a[href], .cs-widget a[href]")}
    if state == "announced":
        assert status.startswith("De oproep opent op 15 februari 2025"), status
        assert form not in links, "the form is offered before the call opens"
    elif state == "open":
        assert status == widget_status == "De oproep loopt tot 15 april 2025: nog 45 dagen."
        assert [a.get("href") for a in doc.select(".cs-call a.cs-button--primary")] == [form]
        assert [a.get("href") for a in widget.select("a.cs-button--primary")] == [form]
    else:
        assert status.startswith("De oproep sloot op 15 april 2025."), status
        assert widget_status == "De oproep sloot op 15 april 2025."
        assert form not in links, "the form is still offered after the deadline"
        for d in (doc, widget):
            results = [target(built, d, a.get("href")) for a in d.select("a") if a.text == "Bekijk de laureaten"]
            assert results == ["laureates/index.html"], f"{d.path.relative_to(built)}: results link {results}"


# --- Events that took place; phases that stay phases --------------------------------------------------

@pytest.mark.parametrize("day", ["2025-01-20", "2025-02-10", "2025-05-20"])
def test_event_took_place_without_registration(site, day):
    """The launch (1 February 2025, with a registration link, a news post of 10 May and photos) before and
    after; the post is linked once it is out."""
    built = site(day)
    over = day > "2025-02-01"
    for lang in ("nl", "fr"):
        doc = page(built, "events/launch", lang)
        hrefs = {a.get("href") for a in doc.select(".cs-event-page a[href]")}
        notices = doc.texts(".cs-event-page .cs-event__done")
        if over:
            assert REGISTER not in hrefs, f"{lang}: a registration link for an event that is over"
            assert len(notices) == 1 and "1" in notices[0] and "2025" in notices[0], notices
            assert PHOTOS in hrefs
            linked = "news/laureates/index.html" in {target(built, doc, h) for h in hrefs}
            assert linked == (day >= "2025-05-10"), f"{lang}: the post of 10 May linked: {linked} as of {day}"
        else:
            assert REGISTER in hrefs and not notices
            assert PHOTOS not in hrefs, "photos of an event still to come"
        listed = page(built, "agenda", lang)
        section = "past" if over else "upcoming"
        items = [li for li in listed.select(f'section[aria-labelledby="{section}"] .cs-events > li')
                 if target(built, listed, li.select("a")[0].get("href")) == "events/launch/index.html"]
        assert len(items) == 1, f"{lang}: the launch is not listed under {section} as of {day}"
        assert bool(items[0].select(".cs-event__done")) == over
    if over:
        assert page(built, "events/launch").one(".cs-event__done").text == \
            "Deze activiteit vond plaats op 1 februari 2025."
    widget = page(built, "embed/agenda")
    listed = [target(built, widget, a.get("href")) for a in widget.select(".cs-events > li > a:first-child")]
    assert ("events/launch/index.html" in listed) != over, f"the agenda widget lists {listed} as of {day}"


@pytest.mark.parametrize("day", ["2025-03-01", "2025-09-10"])
def test_phases_are_not_invented_events(site, day):
    """Coaching (four months), the public vote (two weeks) and the jury's deliberation are phases on the
    timeline, not events; the closing evening, a one-day phase without a row in events.csv, is one."""
    built = site(day)
    events = {p.parent.name for p in (built / "nl" / "events").glob("*/index.html")}
    assert events == {"launch", "vote", "phase-closing-event"}, events
    doc = page(built, "agenda")
    phases = doc.texts('section[aria-labelledby="phases"] .cs-phases > li .cs-phase__label')
    assert phases == ["Lancering", "Projectoproep", "Publieksstemming", "Jury", "Coaching", "Mobilisatie",
                      "Slotavond"], phases
    current = doc.select('section[aria-labelledby="phases"] .cs-phase--current .cs-phase__label')
    assert [c.text for c in current] == (["Projectoproep"] if day == "2025-03-01" else ["Mobilisatie"])
    calendar = (built / "nl" / "agenda.ics").read_text(encoding="utf-8")
    assert "phase-coaching" not in calendar and "phase-jury" not in calendar
    assert "UID:phase-closing-event@" in calendar


# --- The events' news column is cross-checked ---------------------------------------------------------

def test_unknown_news_post_of_an_event(tmp_path):
    events = EVENTS_CSV.replace(",status,project\n", ",status,project,news,photos_url\n").replace(
        ",scheduled,\n", ",scheduled,,no-such-post,\n")
    problems = validate(write_project(tmp_path, {EVENTS: events}))
    assert [(p.path, p.line, p.field, p.code) for p in problems] == [(EVENTS, 2, "news", "unknown-news")]
    assert str(problems[0]).startswith(f"{EVENTS}:2: news: 'no-such-post' is not a news post of the campaign")


def test_photos_must_be_https(tmp_path):
    events = EVENTS_CSV.replace(",status,project\n", ",status,project,news,photos_url\n").replace(
        ",scheduled,\n", ",scheduled,,,http://photos.example.be/launch\n")
    problems = validate(write_project(tmp_path, {EVENTS: events}))
    assert [(p.path, p.line, p.field) for p in problems] == [(EVENTS, 2, "photos_url")]

