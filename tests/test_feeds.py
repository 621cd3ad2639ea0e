"""What machines read: calendars (RFC 5545), news feeds (Atom) and JSON-LD (schema.org Event).

Every .ics under the built example parses with icalendar and every feed with feedparser, as the
issue asks; the events in them are compared with events.csv. See DOMAIN.md, "Conventions the sites
should follow".
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import feedparser
import icalendar
import pytest

from html_support import (ROOT, TODAY, fixture_build, html_files, load_network, local_datetime, parse, resolve_link, site_rel,
                          typeset)

NETWORK = load_network()
SCHEMA = "https://schema.org/"
EVENT_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed",
                "moved-online": "EventMovedOnline"}
ATTENDANCE = {"OfflineEventAttendanceMode", "OnlineEventAttendanceMode", "MixedEventAttendanceMode"}


@pytest.fixture(scope="module")
def site(example_site) -> Path:
    return example_site


def fail_if(problems: list[str], what: str) -> None:
    if problems:
        shown = problems[:80] + ([f"... and {len(problems) - 80} more"] if len(problems) > 80 else [])
        pytest.fail(f"{len(problems)} problem(s) with {what}:\n  " + "\n  ".join(shown), pytrace=False)


def read_calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def vevents(path: Path) -> list:
    return list(read_calendar(path).walk("VEVENT"))


def event_row(slug: str, campaign_slug: str) -> dict | None:
    return next((r for r in NETWORK.campaign(campaign_slug).events if r["slug"] == slug), None)


def event_page_of(site: Path, url: str) -> Path | None:
    """The events/<slug>/index.html page published at `url`, or None."""
    target = NETWORK.public_file(site, url)
    if target is None or not target.is_file() or target.parent.parent.name != "events":
        return None
    return target


# --- Calendars -----------------------------------------------------------------------------------

def test_every_calendar_parses_with_brussels_time_and_complete_events(site):
    calendars = sorted(site.rglob("*.ics"))
    assert calendars, "no .ics file was published"
    problems = []
    for path in calendars:
        rel = site_rel(site, path)
        try:
            cal = read_calendar(path)
        except ValueError as exc:
            problems.append(f"{rel}: does not parse: {exc}")
            continue
        if "Europe/Brussels" not in {str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")}:
            problems.append(f"{rel}: no VTIMEZONE with TZID Europe/Brussels")
        events = list(cal.walk("VEVENT"))
        if not events:
            problems.append(f"{rel}: no VEVENT")
        for event in events:
            missing = [name for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION") if not event.get(name)]
            if missing:
                problems.append(f"{rel}: {event.get('UID')}: no {', '.join(missing)}")
                continue
            start = event.decoded("DTSTART")
            if isinstance(start, dt.datetime) and start.tzinfo is None:
                problems.append(f"{rel}: {event['UID']}: DTSTART {start} is a floating time")
            url, description = str(event.get("URL", "")), str(event["DESCRIPTION"])
            if not url or url not in description:
                problems.append(f"{rel}: {event['UID']}: DESCRIPTION lacks the event's address {url or '(no URL)'}")
            elif event_page_of(site, url) is None:
                problems.append(f"{rel}: {event['UID']}: {url} is not a published event page")
    fail_if(problems, "the calendars")


@pytest.mark.parametrize("c", NETWORK.campaigns, ids=lambda c: c.slug)
def test_event_calendars_match_events_csv(site, c):
    """events/<slug>.ics of each language, published exactly when the event's page offers it (not for
    a past, cancelled or postponed event): the event's title, Brussels times and place, and the
    address of its page in that language; one UID per event whatever the language."""
    problems, uids = [], {}
    for lang in c.languages:
        for row in c.events:
            path = c.site(site, lang) / "events" / f"{row['slug']}.ics"
            offered = [resolve_link(site, page, a.get("href"))[0] for page in [path.with_suffix("") / "index.html"]
                       for a in parse(page).select("a[href$='.ics'][download]")]
            if offered != ([path] if path.is_file() else []):
                problems.append(f"{lang}/events/{row['slug']}/: offers {offered}, published: {path.is_file()}")
            if not path.is_file():
                continue
            events = vevents(path)
            if len(events) != 1:
                problems.append(f"{lang}/events/{row['slug']}.ics: {len(events)} VEVENTs, expected 1")
                continue
            event, where = events[0], f"{lang}/events/{row['slug']}.ics"
            uids.setdefault(row["slug"], set()).add(str(event["UID"]))
            if str(event["SUMMARY"]) != typeset(row[f"title_{lang}"], lang):
                problems.append(f"{where}: SUMMARY {str(event['SUMMARY'])!r}, expected {row[f'title_{lang}']!r}")
            for name, column in (("DTSTART", "start"), ("DTEND", "end")):
                if row.get(column) and event.decoded(name) != local_datetime(row[column]):
                    problems.append(f"{where}: {name} {event.decoded(name)}, expected {row[column]} Brussels time")
            page_url = c.url(lang, f"events/{row['slug']}/")
            if page_url not in str(event["DESCRIPTION"]):
                problems.append(f"{where}: DESCRIPTION lacks the page's address {page_url}")
            location = str(event.get("LOCATION", ""))
            for column in ("venue", "address"):
                value = row.get(f"{column}_{lang}") or row.get(column)  # <column>_<lang> where the language has its own
                if value and value not in location:
                    problems.append(f"{where}: LOCATION {location!r} lacks {value!r}")
    problems += [f"events/{slug}.ics: UIDs differ between languages: {sorted(found)}"
                 for slug, found in uids.items() if len(found) != 1]
    fail_if(problems, f"the event calendars of {c.slug}")


def test_the_portal_calendar_is_icalendars_and_takes_a_kept_campaigns_events_as_its_calendar_has_them():
    """The portal's calendar (every campaign's events, in time order) is assembled from each event's
    VEVENT as icalendar writes it, taken from a kept campaign's own calendar where that one has every
    event of the campaign (issue 24): the same bytes as icalendar's Calendar.to_ical of the whole."""
    from campaignsite.pages import feeds
    from campaignsite.pages.builder import CampaignBuilder
    from campaignsite.pipeline import build_model, public_on

    network = public_on(build_model(ROOT), TODAY).network
    builders = {campaign.slug: CampaignBuilder(campaign, campaign.default_language, TODAY) for campaign in network.campaigns}
    items = sorted(((builders[campaign.slug], event) for campaign in network.campaigns for event in campaign.events),
                   key=lambda pair: (pair[1].start, pair[1].slug))
    assert len({builder.campaign.slug for builder, _event in items}) > 3
    whole = feeds._calendar_head("Agenda")
    for builder, event in items:
        whole.add_component(feeds._vevent(builder, event))
    expected = whole.to_ical()
    assert feeds.combined_calendar("Agenda", items) == expected
    own = {slug: feeds.calendar(builder, builder.campaign.events) for slug, builder in builders.items()}
    read = []

    def made(builder):
        read.append(builder.campaign.slug)
        return own[builder.campaign.slug]
    assert feeds.combined_calendar("Agenda", items, made) == expected
    assert sorted(read) == sorted(builders.keys() & {builder.campaign.slug for builder, _event in items})
    marked = {slug: ics.replace(b"\r\nSUMMARY:", b"\r\nSUMMARY:KEPT ") for slug, ics in own.items()}
    taken = feeds.combined_calendar("Agenda", items, lambda builder: marked[builder.campaign.slug])
    assert taken.count(b"\r\nSUMMARY:KEPT ") == len(items), "every event taken from its campaign's calendar"
    # A calendar that does not hold the campaign's events one for one is not taken: another campaign's,
    # one event fewer, none.
    slugs = sorted(own)
    for wrong in ({slug: own[slugs[(i + 1) % len(slugs)]] for i, slug in enumerate(slugs)},
                  {slug: own[slug].replace(b"BEGIN:VEVENT", b"BEGIN:VTODO", 1) for slug in slugs},
                  {slug: b"" for slug in slugs}):
        assert feeds.combined_calendar("Agenda", items, lambda builder: wrong[builder.campaign.slug]) == expected


def test_a_kept_calendar_is_read_only_as_a_regular_file_inside_the_output(tmp_path):
    """What the portal's calendar takes from a kept campaign's site (pages/sites.kept_calendars): its
    calendar file, never a link (to anything, inside or out), a pipe (never waited on) or a folder."""
    import os
    import types

    from campaignsite.pages.sites import kept_calendars

    output = tmp_path / "site"
    for slug in ("file", "link", "inner", "pipe", "folder", "changed"):
        (output / slug / "nl").mkdir(parents=True)
    (output / "file" / "nl" / "agenda.ics").write_bytes(b"BEGIN:VCALENDAR\r\n")
    (tmp_path / "elsewhere.ics").write_bytes(b"secret")
    (output / "link" / "nl" / "agenda.ics").symlink_to(tmp_path / "elsewhere.ics")
    (output / "inner" / "nl" / "agenda.ics").symlink_to(output / "file" / "nl" / "agenda.ics")
    os.mkfifo(output / "pipe" / "nl" / "agenda.ics")
    (output / "folder" / "nl" / "agenda.ics").mkdir()
    (output / "changed" / "nl" / "agenda.ics").write_bytes(b"BEGIN:VCALENDAR\r\n")
    made = kept_calendars(output, frozenset({"file", "link", "inner", "pipe", "folder"}))

    def read(slug):
        return made(types.SimpleNamespace(campaign=types.SimpleNamespace(slug=slug), lang="nl"))
    assert read("file") == b"BEGIN:VCALENDAR\r\n"
    assert [read(slug) for slug in ("link", "inner", "pipe", "folder", "changed", "missing")] == [None] * 6


def agenda_links(site: Path, page: Path) -> list[Path]:
    doc = parse(page)
    return [resolve_link(site, page, a.get("href"))[0] for a in doc.select(".cs-agenda .cs-events > li > a:first-child")]


@pytest.mark.parametrize("folder_of", [pytest.param((c, lang), id=f"{c.slug}-{lang}")
                                       for c in NETWORK.campaigns for lang in c.languages]
                         + [pytest.param((None, lang), id=f"portal-{lang}") for lang in NETWORK.languages])
def test_agenda_feed_has_one_event_per_event_on_the_agenda(site, folder_of):
    c, lang = folder_of
    folder = c.site(site, lang) if c else NETWORK.portal_site(site, lang)
    shown = Counter(agenda_links(site, folder / "agenda" / "index.html"))
    feed = vevents(folder / "agenda.ics")
    in_feed = Counter(event_page_of(site, str(e.get("URL", ""))) for e in feed)
    assert in_feed == shown, (
        f"{site_rel(site, folder / 'agenda.ics')}: {len(feed)} VEVENTs, the agenda shows {sum(shown.values())};"
        f" only in the feed: {sorted(map(str, in_feed - shown))};"
        f" only on the agenda: {sorted(map(str, shown - in_feed))}")
    assert len({str(e["UID"]) for e in feed}) == len(feed), "two VEVENTs share a UID"


@pytest.fixture(scope="module")
def fixture_other_day(tmp_path_factory) -> Path:
    """tests/project.py's network built as of another day than conftest's fixture_site."""
    return fixture_build(tmp_path_factory, dt.date(2025, 3, 1))


@pytest.mark.slow  # a second build of the fixture network
def test_uids_are_stable_across_builds(fixture_site, fixture_other_day):
    """Two builds (other days, so other DTSTAMPs) give every calendar the same UIDs (an event's own
    calendar is there only while it is to come: those of both days are compared)."""
    first = {site_rel(fixture_site, p): sorted(str(e["UID"]) for e in vevents(p)) for p in fixture_site.rglob("*.ics")}
    second = {site_rel(fixture_other_day, p): sorted(str(e["UID"]) for e in vevents(p))
              for p in fixture_other_day.rglob("*.ics")}
    both = first.keys() & second.keys()
    assert any(name.endswith("/agenda.ics") for name in both), both
    assert {name: first[name] for name in both} == {name: second[name] for name in both}
    # The events to come on the earlier day, in their own calendars, are past on the later one: each
    # keeps its UID in its site's feed.
    own = {name: uids for name, uids in second.items() if "/events/" in name}
    assert own, "no event of the fixture network is to come on the earlier day"
    for name, uids in own.items():
        assert set(uids) <= set(first[name.split("events/")[0] + "agenda.ics"]), name


# --- News feeds ----------------------------------------------------------------------------------

@pytest.mark.parametrize("c, lang", [pytest.param(c, lang, id=f"{c.slug}-{lang}") for c in NETWORK.campaigns
                                     for lang in c.languages])
def test_news_feed_parses_with_one_entry_per_post(site, c, lang):
    posts = c.news(lang)
    path = c.site(site, lang) / "news" / "feed.xml"
    if not posts and not path.exists():
        pytest.skip(f"{c.slug} has no news in {lang}")
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{site_rel(site, path)}: {feed.get('bozo_exception')}"
    assert len(feed.entries) == len(posts)
    assert sorted(e.title for e in feed.entries) == sorted(meta["shown_title"] for meta in posts.values())
    links = sorted(NETWORK.public_file(site, e.link) for e in feed.entries)
    assert links == sorted(c.site(site, lang) / "news" / slug / "index.html" for slug in posts)
    assert all(link.is_file() for link in links)


# --- JSON-LD -------------------------------------------------------------------------------------

def _is_offset_datetime(value: str) -> bool:
    """'2024-02-22T19:00:00+01:00' (a time with its UTC offset) or '2024-02-22' (all day)."""
    try:
        if len(value) == 10:
            dt.date.fromisoformat(value)
            return True
        return dt.datetime.fromisoformat(value).utcoffset() is not None
    except (TypeError, ValueError):
        return False


def event_problems(block: dict, where: str) -> list[str]:
    """The fields DOMAIN.md lists for schema.org Event, and their forms."""
    problems = [f"{where}: Event without {name}" for name in
                ("name", "startDate", "endDate", "location", "description", "eventStatus", "eventAttendanceMode",
                 "organizer") if not block.get(name)]
    for name in ("startDate", "endDate"):
        if block.get(name) and not _is_offset_datetime(block[name]):
            problems.append(f"{where}: {name} {block[name]!r} has no UTC offset")
    locations = block.get("location") or []
    for location in locations if isinstance(locations, list) else [locations]:
        kind = location.get("@type") if isinstance(location, dict) else None
        if kind == "Place" and not location.get("address"):
            problems.append(f"{where}: Place without address")
        elif kind == "VirtualLocation" and not location.get("url"):
            problems.append(f"{where}: VirtualLocation without url")
        elif kind not in ("Place", "VirtualLocation"):
            problems.append(f"{where}: location {location!r} is neither a Place nor a VirtualLocation")
    if block.get("eventStatus") and block["eventStatus"].removeprefix(SCHEMA) not in EVENT_STATUS.values():
        problems.append(f"{where}: eventStatus {block['eventStatus']!r}")
    if block.get("eventAttendanceMode") and block["eventAttendanceMode"].removeprefix(SCHEMA) not in ATTENDANCE:
        problems.append(f"{where}: eventAttendanceMode {block['eventAttendanceMode']!r}")
    organizer = block.get("organizer")
    if organizer and not (isinstance(organizer, dict) and organizer.get("name")):
        problems.append(f"{where}: organizer {organizer!r} has no name")
    return problems


def json_ld_blocks(path: Path) -> list:
    return [el.raw_text for el in parse(path).select('script[type="application/ld+json"]')]


def test_every_json_ld_block_parses_and_events_are_complete(site):
    problems, events = [], 0
    for path in html_files(site):
        rel = site_rel(site, path)
        for text in json_ld_blocks(path):
            try:
                data = json.loads(text)
            except ValueError as exc:
                problems.append(f"{rel}: JSON-LD does not parse: {exc}")
                continue
            for block in data if isinstance(data, list) else data.get("@graph", [data]):
                if str(data.get("@context", "") if isinstance(data, dict) else "").rstrip("/") not in (
                        "https://schema.org", "http://schema.org"):
                    problems.append(f"{rel}: @context {data.get('@context') if isinstance(data, dict) else None!r}")
                if not block.get("@type"):
                    problems.append(f"{rel}: JSON-LD block without @type")
                if block.get("@type") == "Event":
                    events += 1
                    problems += event_problems(block, rel)
    assert events, "no page has a schema.org Event"
    fail_if(problems, "JSON-LD")


@pytest.mark.parametrize("c", NETWORK.campaigns, ids=lambda c: c.slug)
def test_event_json_ld_matches_events_csv(site, c):
    problems = []
    for lang in c.languages:
        for row in c.events:
            where = f"{lang}/events/{row['slug']}/"
            path = c.site(site, lang) / "events" / row["slug"] / "index.html"
            blocks = [json.loads(text) for text in json_ld_blocks(path)] if path.is_file() else []
            events = [b for b in blocks if b.get("@type") == "Event"]
            if len(events) != 1:
                problems.append(f"{where}: {len(events)} schema.org Event blocks, expected 1")
                continue
            block = events[0]
            if block.get("name") != typeset(row[f"title_{lang}"], lang):
                problems.append(f"{where}: name {block.get('name')!r}, expected {row[f'title_{lang}']!r}")
            if block.get("startDate") and dt.datetime.fromisoformat(block["startDate"]) != local_datetime(row["start"]):
                problems.append(f"{where}: startDate {block['startDate']}, expected {row['start']} Brussels time")
            status = f"{SCHEMA}{EVENT_STATUS[row['status']]}"
            if block.get("eventStatus") != status:
                problems.append(f"{where}: eventStatus {block.get('eventStatus')}, expected {status} ({row['status']})")
            online, offline = bool(row.get("online_url")), bool(row.get("venue") or row.get("address"))
            mode = "Mixed" if online and offline else "Online" if online else "Offline"
            attendance = f"{SCHEMA}{mode}EventAttendanceMode"
            if row["status"] != "moved-online" and block.get("eventAttendanceMode") != attendance:
                problems.append(f"{where}: eventAttendanceMode {block.get('eventAttendanceMode')}, expected {mode} "
                                f"(online_url {row.get('online_url') or 'empty'}, venue/address "
                                f"{'set' if offline else 'empty'})")
    fail_if(problems, f"the events' JSON-LD of {c.slug}")
