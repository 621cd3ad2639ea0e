"""Every address of a site, written once: the registry's rows name these patterns, and builders, feeds
and sites make their links with the functions below (as Datasette's url_builder does).

An address is relative to its site's root (a campaign's language folder, or the portal's); a page's
ends with "/" and is served as its index.html. Pages link to each other with builder.href().
"""

from __future__ import annotations

import re

# Pages of a campaign site (the portal has its own home, agenda, search and goal pages at the same places).
HOME = ""
SHOWCASE = "laureates/"
CANDIDATES = "candidates/"
LAUREATE = "laureates/{slug}/"
ACTIONS = "actions/"
ACTION = "actions/{slug}/"
ACTION_THEME = "actions/theme/{theme}/"
ACTION_SECTOR = "actions/sector/{sector}/"
CALL = "call/"
JURY = "jury/"
HELP = "help/"
AGENDA = "agenda/"
EVENT = "events/{slug}/"
NEWS = "news/"
NEWS_POST = "news/{slug}/"
PRESS = "press/"
LISTING = "press/listing/"
KIT = "kit/"
SDG_INDEX = "sdg/"
SDG = "sdg/{number}/"
ACCESSIBILITY = "accessibility/"
PRIVACY = "privacy/"
WIDGETS = "widgets/"
SEARCH = "search/"
# Pages of the portal only: the network by municipality and by programme (issue 21).
SDG_PAGE = "sdg/{number}/page-{page}/"  # a goal's following pages of cards
MUNICIPALITIES = "municipalities/"
MUNICIPALITY = "municipalities/{slug}/"
PROGRAMME = "programmes/{slug}/"
CONTENT_PAGE = "{slug}/"
# Widgets: pages without the site's chrome, for other websites.
EMBED_LAUREATES = "embed/laureates/"
EMBED_GOAL = "embed/sdg/{number}/"
EMBED_PROJECT = "embed/laureates/{slug}/"
EMBED_AGENDA = "embed/agenda/"
EMBED_FIGURES = "embed/figures/"
EMBED_CALL = "embed/call/"
EMBED_NEEDS = "embed/needs/"
# Files beside the pages.
CALENDAR = "agenda.ics"
EVENT_CALENDAR = "events/{slug}.ics"
NEWS_FEED = "news/feed.xml"
SHARE_HOME = "share/campaign.png"  # the share images (og:image) of the home and of each project page
SHARE_LAUREATE = "share/laureates/{slug}.png"


def laureate(slug: str) -> str:
    return LAUREATE.format(slug=slug)


def action(slug: str) -> str:
    return ACTION.format(slug=slug)


def action_theme(theme: str) -> str:
    return ACTION_THEME.format(theme=theme)


def action_sector(sector: str) -> str:
    return ACTION_SECTOR.format(sector=sector)


def share_laureate(slug: str) -> str:
    return SHARE_LAUREATE.format(slug=slug)


def event(slug: str) -> str:
    return EVENT.format(slug=slug)


def event_calendar(slug: str) -> str:
    return EVENT_CALENDAR.format(slug=slug)


def news_post(slug: str) -> str:
    return NEWS_POST.format(slug=slug)


def sdg(number: int) -> str:
    return SDG.format(number=number)


def sdg_page(number: int, page: int) -> str:
    """Page `page` of a goal's cards on the portal: its first page is the goal's own."""
    return sdg(number) if page == 1 else SDG_PAGE.format(number=number, page=page)


def embed_goal(number: int) -> str:
    return EMBED_GOAL.format(number=number)


def embed_project(slug: str) -> str:
    return EMBED_PROJECT.format(slug=slug)


def municipality(slug: str) -> str:
    return MUNICIPALITY.format(slug=slug)


def programme(slug: str) -> str:
    return PROGRAMME.format(slug=slug)


def content_page(slug: str) -> str:
    return CONTENT_PAGE.format(slug=slug)


STATEMENTS = {"accessibility": ACCESSIBILITY, "privacy": PRIVACY}  # the statements every site publishes


def match(pattern: str, url: str) -> dict[str, str] | None:
    """The values that make `pattern` give `url` ("laureates/{slug}/", "laureates/x/" -> {"slug": "x"}),
    or None if it cannot."""
    regex = "".join(f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part)
                    for part in re.split(r"(\{\w+\})", pattern))
    found = re.fullmatch(regex, url)
    return found.groupdict() if found else None
