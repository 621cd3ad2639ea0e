"""A climate plan (Gemeente voor de Toekomst, issue 23) as its site shows it on several days: before the
trajectory, in its middle and after it, the action pages, the home's key figures, the events and the
open data show exactly the state of that day; the kit's documents open in a real reader; the checks
name the file, line and field of a broken action or step."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from campaignsite import pipeline
from campaignsite.exports import opendata
from html_support import ROOT, read_csv, rendered_pages
from project import validate

SLUG = "mechelen-klimaat-2025"
FOLDER = ROOT / "campaigns" / SLUG
# Before the launch (2025-01-30), in the middle of the trajectory, and after its last day (2027-12-31).
DAYS = (dt.date(2025, 1, 15), dt.date(2026, 4, 1), dt.date(2028, 3, 1))


@pytest.fixture(scope="module")
def checked():
    return pipeline.build_model(ROOT)


@pytest.fixture(scope="module")
def pages_on(checked):
    return {day: rendered_pages(checked, day) for day in DAYS}


def steps_until(day: dt.date) -> dict[str, list[dict[str, str]]]:
    """action slug -> its rows of action_updates.csv dated up to `day`, oldest first."""
    found: dict[str, list[dict[str, str]]] = {}
    for row in sorted(read_csv(FOLDER / "action_updates.csv"), key=lambda r: r["date"]):
        if row["date"] <= day.isoformat():
            found.setdefault(row["action"], []).append(row)
    return found


def state(slug: str, day: dt.date) -> tuple[str, str, str | None]:
    """(status, progress, latest indicator value) of an action on `day`, from the CSV files."""
    steps = steps_until(day).get(slug, [])
    if not steps:
        return "planned", "0", None
    values = [s["value"] for s in steps if s["value"]]
    return steps[-1]["status"], steps[-1]["progress"], values[-1] if values else None


def event_over(row: dict[str, str], day: dt.date) -> bool:
    return row["end"][:10] < day.isoformat()


def test_the_example_uses_every_new_field():
    """The example climate plan has actions with indicators, budgets and a history of three or more
    dated steps, events serving actions with participants, and a kit with a document, poster and image."""
    actions = read_csv(FOLDER / "actions.csv")
    for column in ("sector", "start", "target_date", "indicator_nl", "indicator_unit", "indicator_baseline",
                   "indicator_target", "budget", "funders", "partners", "co2_saving", "energy_saving"):
        assert any(row[column] for row in actions), column
    counts = {slug: len(steps) for slug, steps in steps_until(dt.date.max).items()}
    assert max(counts.values()) >= 3 and all(s["value"] for s in steps_until(dt.date.max)["renovatiebegeleiding"])
    events = read_csv(FOLDER / "events.csv")
    assert any(row["actions"] and row["participants"] and row["outcome_nl"] for row in events)
    import yaml
    kit = yaml.safe_load((FOLDER / "campaign.yml").read_text(encoding="utf-8"))["kit"]
    assert {"text", "poster", "image"} <= {item["kind"] for item in kit}
    assert all(item.get("licence") for item in kit)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_action_pages_show_the_state_of_the_day(pages_on, day):
    problems = []
    for row in read_csv(FOLDER / "actions.csv"):
        doc = pages_on[day][f"{SLUG}/nl", f"actions/{row['slug']}/"]
        status, progress, value = state(row["slug"], day)
        shown = doc.one(".cs-action-page")
        bar = doc.one(".cs-progress[role=progressbar]:not(.cs-progress--indicator)")
        if (shown.get("data-status"), bar.get("aria-valuenow")) != (status, progress):
            problems.append(f"{row['slug']}: {shown.get('data-status')} {bar.get('aria-valuenow')}%, "
                            f"expected {status} {progress}%")
        dates = [t.get("datetime") for t in doc.select(".cs-history time")]
        expected = [s["date"] for s in reversed(steps_until(day).get(row["slug"], []))]
        if dates != expected:
            problems.append(f"{row['slug']}: history {dates}, expected {expected}")
        if row["indicator_target"]:
            text = doc.one(".cs-indicator__text").text
            number = f"{int(value):,}".replace(",", ".") if value else None
            if value and not text.startswith(number) or not value and not text.startswith("Doel:"):
                problems.append(f"{row['slug']}: indicator {text!r}, expected the value {value}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_home_counts_the_actions_of_the_day(pages_on, day):
    doc = pages_on[day][f"{SLUG}/nl", ""]
    figures = {f.one("dt").text: f.one("dd").text for f in doc.select(".cs-plan .cs-figure")}
    statuses = [state(row["slug"], day)[0] for row in read_csv(FOLDER / "actions.csv")]
    expected = {"klaar": statuses.count("done"), "lopend": statuses.count("in-progress"),
                "vertraagd": statuses.count("delayed"), "gepland": statuses.count("planned")}
    assert {label: int(figures[label]) for label in expected} == expected
    upcoming = [row for row in read_csv(FOLDER / "events.csv")
                if not event_over(row, day) and row["status"] != "cancelled"]
    upcoming.sort(key=lambda row: row["start"])
    if upcoming:  # the call to action and the plan both name the next moment, with its registration
        assert doc.select(".cs-plan__next a")[0].text == upcoming[0]["title_nl"]
        main = doc.one(".cs-cta__action")
        assert main.get("href") == (upcoming[0]["registration_url"] or main.get("href"))
    else:
        assert not doc.select(".cs-plan__next")


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_events_show_participants_and_outcome_once_over(pages_on, day):
    problems = []
    for row in read_csv(FOLDER / "events.csv"):
        doc = pages_on[day][f"{SLUG}/nl", f"events/{row['slug']}/"]
        shown = [p.text for p in doc.select(".cs-event__participants")]
        over = event_over(row, day) and row["status"] == "scheduled" and row["participants"]
        if bool(shown) != bool(over) or over and row["participants"] not in shown[0]:
            problems.append(f"{row['slug']}: participants {shown} on {day}")
        linked = [a.get("href") for a in doc.select(".cs-event__actions a")]
        expected = [f"../../actions/{slug}/" for slug in row["actions"].split(";") if slug]
        if linked != expected:
            problems.append(f"{row['slug']}: actions {linked}, expected {expected}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_open_data_holds_the_state_of_the_day(checked, day):
    campaign = next(c for c in pipeline.public_on(checked, day).network.campaigns if c.slug == SLUG)
    files = dict(opendata.files(campaign))
    steps = list(csv.DictReader(io.StringIO(files["action_updates.csv"])))
    assert sorted((s["action"], s["date"]) for s in steps) == sorted(
        (s["action"], s["date"]) for found in steps_until(day).values() for s in found)
    covenant = {row["action"]: row for row in csv.DictReader(io.StringIO(files["covenant.csv"]))}
    words = {"planned": "Not started", "in-progress": "Ongoing", "done": "Completed", "delayed": "Postponed"}
    for row in csv.DictReader(io.StringIO(files["actions.csv"])):
        status, progress, value = state(row["slug"], day)
        assert (row["status"], row["progress"]) == (status, progress)
        assert covenant[row["slug"]]["implementation_status"] == words[status]
        assert covenant[row["slug"]]["indicator_value"] == (value or "")
    events = {row["slug"]: row for row in csv.DictReader(io.StringIO(files["events.csv"]))}
    for row in read_csv(FOLDER / "events.csv"):
        assert events[row["slug"]]["participants"] == (row["participants"] if event_over(row, day) else "")
    assert {r["name"] for r in __import__("json").loads(files["datapackage.json"])["resources"]} >= {
        "actions", "action_updates", "covenant"}


def test_kit_documents_open_in_a_real_reader(example_site):
    """The .docx opens with python-docx and the .odt with odfpy, each holding the editor's text; every
    picture and poster has a thumbnail PNG."""
    from docx import Document
    from odf import teletype, text
    from odf.opendocument import load

    kit = example_site / SLUG / "communication-kit"
    source = (FOLDER / "media" / "kit-wervingstekst-klimaatambassadeurs.md").read_text(encoding="utf-8")
    heading = source.splitlines()[0].lstrip("# ")
    word = [p.text for p in Document(str(kit / "kit-wervingstekst-klimaatambassadeurs.docx")).paragraphs]
    assert word[0] == heading and any(p.startswith("Je krijgt een startvorming") for p in word)
    office = load(str(kit / "kit-wervingstekst-klimaatambassadeurs.odt"))
    assert teletype.extractText(office.getElementsByType(text.H)[0]) == heading
    assert any("Je krijgt een startvorming" in teletype.extractText(item)
               for item in office.getElementsByType(text.ListItem))
    for name in ("kit-affiche-klimaatmoment", "kit-beeld-geveltuin", "kit-beeld-schoolstraat"):
        for made in (f"{name}.png", f"{name}-thumbnail.png"):
            assert (kit / made).read_bytes().startswith(b"\x89PNG"), made


@pytest.fixture
def broken(tmp_path):
    """A copy of the example network with only the climate plan and the portal's content."""
    root = tmp_path / "network"
    shutil.copytree(FOLDER, root / "campaigns" / SLUG)
    shutil.copytree(ROOT / "content", root / "content")
    return root


def test_broken_actions_and_steps_are_named(broken):
    folder = broken / "campaigns" / SLUG
    steps = folder / "action_updates.csv"
    steps.write_text(steps.read_text(encoding="utf-8") + "zonnepanelen-stadhuis,2026-01-01,done,100,,Klaar.,Done.\n"
                     "warmtenet-ragheno,2026-06-01,delayed,20,5,Meting.,Measured.\n", encoding="utf-8")
    events = folder / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("warmtenet-ragheno,,", "warmtenet-rageno,,", 1),
                      encoding="utf-8")
    lines = [str(p) for p in validate(broken)]
    where = f"campaigns/{SLUG}"
    assert f"{where}/action_updates.csv:24: action: 'zonnepanelen-stadhuis' is not an action of actions.csv " \
           "(duizend-bomen, korte-keten-scholen, ontharding-pleinen, renovatiebegeleiding, repair-en-spullenbib, " \
           "schoolstraten-fietsstraten, warmtenet-ragheno, zonnepanelen-stadsgebouwen) [unknown-action]" in lines
    assert f"{where}/action_updates.csv:25: value: is given but the action 'warmtenet-ragheno' has no indicator " \
           "(actions.csv indicator_target) [inconsistent]" in lines
    assert any(line.startswith(f"{where}/events.csv:") and ": actions: 'warmtenet-rageno' is not an action" in line
               for line in lines), lines


def test_status_that_contradicts_the_latest_step_is_named(broken):
    actions = broken / "campaigns" / SLUG / "actions.csv"
    rows = actions.read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(rows, start=1) if row.startswith("duizend-bomen,"))
    rows[line - 1] = rows[line - 1].replace(",in-progress,70,", ",done,100,", 1)
    actions.write_text("\n".join(rows) + "\n", encoding="utf-8")
    steps = read_csv(broken / "campaigns" / SLUG / "action_updates.csv")
    step_line = 1 + max(i for i, row in enumerate(steps, start=1) if row["action"] == "duizend-bomen")
    lines = [str(p) for p in validate(broken)]
    assert lines == [
        f"campaigns/{SLUG}/actions.csv:{line}: progress: '100' contradicts the action's latest step "
        f"(campaigns/{SLUG}/action_updates.csv:{step_line}, 2026-11-14: '70') [status-mismatch]",
        f"campaigns/{SLUG}/actions.csv:{line}: status: 'done' contradicts the action's latest step "
        f"(campaigns/{SLUG}/action_updates.csv:{step_line}, 2026-11-14: 'in-progress') [status-mismatch]"]
