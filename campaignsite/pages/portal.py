"""The network portal's pages in one language, with totals computed from the data.

The portal lists every campaign (filterable by region, language, year and kind), every laureate by
SDG across campaigns and a combined agenda with its calendar feed (its search page is in pages/search.py).
"""

from __future__ import annotations

import dataclasses

from campaignsite.core.languages import LANGUAGE_NAMES
from campaignsite.core.markup import render_markdown
from campaignsite.core.sitespec import Page
from campaignsite.model.records import Campaign
from campaignsite.model.towns import towns
from campaignsite.pages import contexts, urls, views
from campaignsite.pages.builder import PortalBuilder, href
from campaignsite.pages.network_cards import (
    agenda_periods,
    campaign_card,
    campaign_href,
    network_events,
    note,
    now_items,
    project_cards,
    shown_language,
    standing,
    towns_text,
)
from campaignsite.pages.parts import (
    agenda_context,
    goal_figures,
    goal_title,
    money_figures,
    official_title,
    statement_page,
)


def statement(b: PortalBuilder, kind: str) -> Page:
    """The portal's accessibility or privacy statement."""
    return statement_page(b, kind, b.network.title[b.lang], "", b.network.contact.email)


def totals(b: PortalBuilder) -> tuple[views.Figure, ...]:
    network, fmt, _ = b.network, b.fmt, b._
    return (views.Figure(fmt.number(len(network.campaigns)), _.ngettext("campaign", "campaigns", len(network.campaigns))),
            views.Figure(fmt.number(network.municipalities),
                            _.ngettext("municipality", "municipalities", network.municipalities)),
            views.Figure(fmt.number(network.laureates), _.ngettext("laureate", "laureates", network.laureates)),
            *money_figures(b, network))


def filters(b: PortalBuilder) -> tuple:
    campaigns, _ = b.network.campaigns, b._

    def options(values, label) -> tuple[views.FilterOption, ...]:
        counts: dict[str, int] = {}
        for value_set in values:
            for value in value_set:
                counts[value] = counts.get(value, 0) + 1
        return tuple(views.FilterOption(value, label(value), counts[value]) for value in sorted(counts))
    places = {town.nis_code: town.name(b.lang) for town in towns(b.network)}
    by_name = tuple(sorted(options([{m.nis_code for m in c.municipalities} for c in campaigns], places.get),
                           key=lambda option: b.fmt.sort_key(option.label)))
    return (
        ("now", _("Open now"), options([{"open"} if standing(b, c).open else set() for c in campaigns],
                                       lambda v: _("Something to do now"))),
        ("municipality", _("Municipality"), by_name),
        ("region", _("Region"), options([{m.region for m in c.municipalities} for c in campaigns],
                                        lambda v: _(f"region:{v}"))),
        ("language", _("Language"), options([set(c.languages) for c in campaigns], LANGUAGE_NAMES.get)),
        ("year", _("Year"), options([{str(c.edition)} for c in campaigns], str)),
        ("kind", _("Kind"), options([{c.kind} for c in campaigns], lambda v: _(f"kind:{v}"))))


def used_sdgs(b: PortalBuilder) -> list[int]:
    return sorted({number for campaign in b.network.campaigns for item in campaign.laureates
                   for number in item.sdgs})


# The home's first screen shows this many of the things open now, the soonest to close first; past it
# (a network of hundreds of campaigns), a link shows the campaigns filtered to those open now.
OPEN_NOW_SHOWN = 6


def home(b: PortalBuilder) -> Page:
    network = b.network

    def context(url: str) -> contexts.PortalHomeContext:
        ordered = sorted(network.campaigns, key=lambda c: (-c.edition, c.slug))
        now = now_items(b, url, network.campaigns)
        return contexts.PortalHomeContext(
            site=b.site, tagline=network.tagline[b.lang], totals=totals(b),
            campaigns=tuple(campaign_card(b, url, campaign) for campaign in ordered), filters=filters(b),
            sdg_links=b.badges(url, used_sdgs(b)), goals=views.Link(b._("All goals"), href(url, urls.SDG_INDEX)),
            pages=tuple(views.Link(p.title[b.lang], href(url, urls.content_page(p.slug))) for p in network.pages),
            agenda=views.Link(b._("Agenda of all campaigns"), href(url, urls.AGENDA)),
            search=views.Link(b._("Search all campaigns"), href(url, urls.SEARCH)),
            now=now[:OPEN_NOW_SHOWN], all_open=views.Link(
                b._.ngettext("All %(count)s campaign open now", "All %(count)s campaigns open now", len(now),
                             count=b.fmt.number(len(now))), "?now=open#campaigns") if len(now) > OPEN_NOW_SHOWN else None,
            next_events=tuple(network_events(b, url, network.campaigns)[0][:3]),
            municipalities=views.Link(b._("All municipalities"), href(url, urls.MUNICIPALITIES)),
            programmes=tuple(views.Link(p.name[b.lang], href(url, urls.programme(p.id))) for p in network.programmes
                             if any(c.programme == p.id for c in network.campaigns)))
    return b.page(urls.HOME, network.title[b.lang], network.tagline[b.lang], context)


def content_pages(b: PortalBuilder) -> list[Page]:
    """The network's editorial pages (content/<lang>/<page>.md)."""
    return [content(b, page) for page in b.network.pages]


def content(b: PortalBuilder, page) -> Page:
    title = page.title[b.lang]
    return b.page(urls.content_page(page.slug), title, title,
                  lambda _url: contexts.ContentContext(b.site, render_markdown(b.fmt.typography(page.body[b.lang]))))




# A goal's page across the network shows its projects' cards this many to a page (hundreds of campaigns:
# thousands of cards, megabytes of HTML for a phone); the next ones are on sdg/<n>/page-2/ and on.
GOAL_CARDS_PER_PAGE = 24


def sdg_pages(b: PortalBuilder) -> list[Page]:
    """Each goal's first page: its figures, its campaigns and the first cards."""
    used = used_sdgs(b)
    return [sdg(b, number, used, 1) for number in used]


def sdg_more_pages(b: PortalBuilder) -> list[Page]:
    """The following pages of the goals with more cards than one page holds."""
    used = used_sdgs(b)
    return [sdg(b, number, used, page) for number in used for page in range(2, goal_page_count(b, number) + 1)]


def goal_projects(b: PortalBuilder, number: int) -> list[tuple[Campaign, object]]:
    """The projects serving goal `number`, by campaign then title (made once per portal site)."""
    return b.memo(("goal-projects", number), lambda: [
        (campaign, item) for campaign in by_campaign_title(b)
        for item in b.memo(("laureates-by-title", campaign.slug),
                           lambda campaign=campaign: b.shown[campaign.slug].by_title(campaign.laureates))
        if number in item.sdgs])


def by_campaign_title(b: PortalBuilder) -> list[Campaign]:
    """The campaigns by title, collated for the page's language (a title in another language too)."""
    return b.memo("by-title", lambda: sorted(b.network.campaigns,
                                             key=lambda c: b.fmt.sort_key(b.shown[c.slug].text(c.title))))


def goal_page_count(b: PortalBuilder, number: int) -> int:
    return max(1, -(-len(goal_projects(b, number)) // GOAL_CARDS_PER_PAGE))


def goal_summary(b: PortalBuilder, number: int) -> tuple[tuple, tuple]:
    """A goal's campaign rows (links from the goal's first page) and figures, the same on each of its pages."""
    def make():
        projects = goal_projects(b, number)
        by_campaign: dict[str, list] = {}
        for campaign, item in projects:
            by_campaign.setdefault(campaign.slug, []).append(item)
        url = urls.sdg(number)
        rows = tuple(goal_campaign(b, url, campaign, number, by_campaign[campaign.slug])
                     for campaign in by_campaign_title(b) if campaign.slug in by_campaign)
        figures = goal_figures(b, [item for _campaign, item in projects]) + (
            views.Figure(b.fmt.number(len(rows)), b._.ngettext("campaign", "campaigns", len(rows))),)
        return rows, figures
    return b.memo(("goal-summary", number), make)


def sdg(b: PortalBuilder, number: int, used: list[int], page: int) -> Page:
    """A goal across the network: its official title, its projects and money, the campaigns they come
    from (each named with its towns), and its projects' cards saying their campaign and language,
    GOAL_CARDS_PER_PAGE to a page, with links to the goal's other pages."""
    url = urls.sdg_page(number, page)
    count = goal_page_count(b, number)
    first = (page - 1) * GOAL_CARDS_PER_PAGE
    shown = goal_projects(b, number)[first:first + GOAL_CARDS_PER_PAGE]
    campaigns, figures = goal_summary(b, number)
    title = goal_title(b, number)
    if count > 1:
        title = b._("%(title)s (page %(page)s of %(count)s)", title=title, page=page, count=count)

    def context(_url: str) -> contexts.SdgContext:
        rows = campaigns if page == 1 else tuple(  # the rows' links were made for the goal's first page, one level up
            dataclasses.replace(row, link=views.Link(row.link.text, "../" + row.link.href)) for row in campaigns)
        paging = tuple(views.PageLink(b.fmt.number(n), href(url, urls.sdg_page(number, n)), n == page)
                       for n in range(1, count + 1)) if count > 1 else ()
        return contexts.SdgContext(
            b.site, b.badges(url, [number])[0], b._("A project that serves several goals counts for each of them."),
            tuple(project_cards(b, url, shown)), (), b.badges(url, [other for other in used if other != number]),
            views.Link(b._("All campaigns"), href(url, urls.HOME)), views.Link(b._("All goals"), href(url, urls.SDG_INDEX)),
            official_title(b, number), figures, rows, paging)
    # What the page shows: the goal and the others used, its page among how many, the campaigns' rows
    # and figures (made for every page anyway, their key once per goal), and its cards, each by its
    # project and its campaign's data.
    summary = b.memo(("goal-summary-key", number), lambda: b.key(campaigns, figures))
    cards = [(campaign.slug, b.campaign_key(campaign), item.slug) for campaign, item in shown]
    key = b.key(number, used, page, count, summary, cards) \
        if all(campaign_key is not None for _slug, campaign_key, _item in cards) else ""
    return b.page(url, title, title, context, key=key)


def goal_campaign(b: PortalBuilder, url: str, campaign: Campaign, number: int, serving) -> views.SdgCampaign:
    """A campaign on a goal's page: a link to its own page of the goal, its towns, projects and money."""
    builder = b.shown[campaign.slug]
    return views.SdgCampaign(
        views.Link(builder.text(campaign.title), campaign_href(b, url, campaign, urls.sdg(number))),
        shown_language(b, campaign), towns_text(b, campaign),
        b._.ngettext("%(count)s project", "%(count)s projects", len(serving), count=b.fmt.number(len(serving))),
        b.fmt.money(sum(item.granted for item in serving)), note(b, campaign))


def sdg_index(b: PortalBuilder) -> Page:
    """Every goal the network's projects serve, with how many projects, how much money and how many campaigns."""
    _ = b._
    title = _("Sustainable Development Goals")
    intro = _("The goals that the projects of every campaign serve, with how many projects and how much money "
              "go to each.")

    def context(url: str) -> contexts.SdgIndexContext:
        rows = []
        for number in used_sdgs(b):
            projects = [item for campaign in b.network.campaigns for item in campaign.laureates
                        if number in item.sdgs]
            rows.append(views.SdgRow(b.badges(url, [number])[0], b.fmt.number(len(projects)),
                                        b.fmt.money(sum(item.granted for item in projects)), None,
                                        official_title(b, number)))
        return contexts.SdgIndexContext(b.site, title, intro, tuple(rows), False,
                                        _("A project that serves several goals counts for each of them."),
                                        views.Link(_("All campaigns"), href(url, urls.HOME)))
    return b.page(urls.SDG_INDEX, title, intro, context)


def agenda(b: PortalBuilder) -> Page:
    url = urls.AGENDA
    upcoming, past = network_events(b, url, b.network.campaigns)
    context = dataclasses.replace(agenda_context(b, url, upcoming, reversed(past)), periods=agenda_periods(b, url))
    return b.page(url, b._("Agenda"), b._("Agenda of all campaigns"), lambda _url: context)
