"""Calendars (RFC 5545, with the icalendar library) and the news feed (Atom, RFC 4287)."""

from __future__ import annotations

import datetime as dt
import functools
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import icalendar

from campaignsite.core.markup import render_markdown
from campaignsite.pages import urls
from campaignsite.pages.parts import event_description, event_title

ICS_STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE",
              "moved-online": "CONFIRMED"}
ATOM = "http://www.w3.org/2005/Atom"


def build_stamp(today: dt.date) -> dt.datetime:
    """DTSTAMP and feed dates come from the build's today, so calendars are reproducible."""
    return dt.datetime.combine(today, dt.time(), dt.timezone.utc)


def event_uid(campaign, event) -> str:
    """Stable across builds and languages: the same event keeps its UID, so calendars update it."""
    return f"{event.slug}@{campaign.slug}.{urlsplit(campaign.base_url).hostname}"


def calendar(builder, events) -> bytes:
    """An iCalendar file with `events`, as seen by the page builder `builder` (its language)."""
    return combined_calendar(builder.text(builder.campaign.title), [(builder, event) for event in events])


def combined_calendar(name: str, items, made=None) -> bytes:
    """An iCalendar file from (page builder, event) pairs: each event in its builder's language.

    `made(builder)`, where given, is the iCalendar file a campaign's own site in the builder's language
    already has with every one of its events (its calendar, CALENDAR, from the previous build of an
    unchanged campaign), or None: its events are taken from there as they are (the portal's calendar
    of hundreds of campaigns' events was a fifth of an edit's build at 300 campaigns)."""
    # The calendar's lines, then each event's as icalendar writes them (Component.to_ical writes a
    # calendar's events one after the other, each line folded on its own: the same bytes).
    head = _calendar_head(name).to_ical()
    assert head.endswith(_END)
    known: dict[tuple[str, str], dict[str, bytes]] = {}
    blocks = []
    for builder, event in items:
        mine = (builder.campaign.slug, builder.lang)
        if mine not in known:
            known[mine] = _events_of(builder, made(builder)) if made else {}
        blocks.append(known[mine].get(event.slug) or _vevent(builder, event).to_ical())
    return head[:-len(_END)] + b"".join(blocks) + _END


_END = b"END:VCALENDAR\r\n"
_BEGIN_EVENT, _END_EVENT = b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n"


def _events_of(builder, ics: bytes | None) -> dict[str, bytes]:
    """Each event of the builder's campaign by slug, as the campaign's calendar `ics` has it: its events
    in the campaign's order (campaign_downloads), one VEVENT each (a line of text cannot start one: its
    line breaks are escaped, and a folded line starts with a space). Nothing if they do not match."""
    if not ics:
        return {}
    starts = [index for index in _find_all(ics, b"\r\n" + _BEGIN_EVENT)]
    events = builder.campaign.events
    if len(starts) != len(events):
        return {}
    found = {}
    for event, start in zip(events, starts):
        end = ics.find(b"\r\n" + _END_EVENT, start)
        block = ics[start + 2:end + 2 + len(_END_EVENT)]
        uid = f"\r\nUID:{event_uid(builder.campaign, event)}\r\n".encode()
        if end < 0 or uid not in block.replace(b"\r\n ", b""):  # its lines unfolded
            return {}
        found[event.slug] = block
    return found


def _find_all(data: bytes, needle: bytes):
    index = data.find(needle)
    while index >= 0:
        yield index
        index = data.find(needle, index + 1)


def _calendar_head(name: str) -> icalendar.Calendar:
    """The calendar without its events."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//campaignsite//Proximity campaign sites//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Brussels")
    # Every calendar carries the VTIMEZONE its X-WR-TIMEZONE names, all-day events only included; it is
    # made once (icalendar would rebuild it for each of hundreds of files) over icalendar's fixed span.
    cal.add_component(brussels())
    return cal


@functools.cache
def brussels() -> icalendar.Timezone:
    return icalendar.Timezone.from_tzid("Europe/Brussels")


def _vevent(builder, event) -> icalendar.Event:
    url = builder.absolute(urls.event(event.slug))
    item = icalendar.Event()
    item.add("uid", event_uid(builder.campaign, event))
    item.add("dtstamp", build_stamp(builder.today))
    if event.all_day:
        item.add("dtstart", event.start.date())
        item.add("dtend", event.end.date())
    else:
        item.add("dtstart", event.start)
        item.add("dtend", event.end)
    item.add("summary", event_title(builder, event))
    # Many calendar apps ignore URL: the address goes in the description too.
    item.add("description", f"{event_description(builder, event)}\n\n{url}")
    item.add("url", url)
    place = ", ".join(p for p in event.place_in(builder.lang) if p) or event.online_url
    if place:
        item.add("location", place)
    item.add("status", ICS_STATUS[event.status])
    return item


def atom(builder) -> bytes:
    """The campaign's news as an Atom feed in the builder's language."""
    campaign = builder.campaign
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": builder.lang})
    # The news page where the campaign has one (a campaign without news yet has none: its home instead).
    home = builder.absolute(urls.NEWS if campaign.news else urls.HOME)
    _sub(feed, "id", home)
    _sub(feed, "title", f"{builder.text(campaign.title)}: {builder._('News')}")
    posts = campaign.news
    updated = max((p.date for p in posts), default=builder.today)
    _sub(feed, "updated", f"{updated.isoformat()}T00:00:00Z")
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": builder.absolute(urls.NEWS_FEED)})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": home})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", campaign.contact.name)
    for post in posts:
        lang = post.language_for(builder.lang)
        # A post not written in the feed's language comes in its own, marked as such (xml:lang).
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry", {"xml:lang": lang} if lang != builder.lang else {})
        url = builder.absolute(urls.news_post(post.slug))
        _sub(entry, "id", url)
        _sub(entry, "title", post.title[lang])
        _sub(entry, "updated", f"{post.date.isoformat()}T00:00:00Z")
        _sub(entry, "published", f"{post.date.isoformat()}T00:00:00Z")
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": url})
        if post.summary.get(lang):
            _sub(entry, "summary", post.summary[lang])
        content = _sub(entry, "content", render_markdown(post.body[lang]))
        content.set("type", "html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _sub(parent, tag: str, text: str):
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element
