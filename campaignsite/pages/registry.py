"""Every page type, declared once: its name, address, context (which names its template), builder,
place in the menu and when it exists.

The campaign sites and the portal are built from this table the same way (see `get_pages`); the
browser sweeps read it too, so a new row is checked for accessibility and privacy without editing a
test. Adding a page type is one row here, a builder function, a context class with its template,
and the template's strings in the catalogues.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import partial
from typing import Callable

from campaignsite.core.errors import msg
from campaignsite.core.message_keys import N_
from campaignsite.core.sitespec import Page, SearchLabel
from campaignsite.pages import agenda, campaign, contexts, embed, places, plan, portal, press, search, urls

# How much the words of a page that lists others (a goal's projects, the agenda) count in a search:
# the pages it lists come before it (issue 22, item 4: "goal and list pages weighted down").
LIST_WEIGHT = 0.4


def always(source) -> bool:
    return True


@dataclass(frozen=True)
class PageType:
    """One kind of page. `build(builder)` returns its page or pages; `when(source)` says whether a
    site has it, `source` being the campaign (or the network, for the portal)."""

    name: str                       # unique; also the name the browser sweeps report
    site: str                       # "campaign" or "portal"
    url: str                        # address pattern relative to the site's root; "" is the home page
    context: type                   # the context class; its `template` names the template
    build: Callable[..., Page | list[Page]]
    nav: int | None = None          # place in the site's menu; None: reached through links only
    when: Callable[[object], bool] = always
    layout: str = "page"            # "embed": a widget for other websites, without the site's chrome
    embeds: str | None = None       # a widget's: the page type it stands for (oEmbed), with the same values
    kind: str = ""                  # what search results call it (a msgid); "": not indexed
    lists: bool = False             # a page listing others (goals, lists): weighted down in the search


PAGE_TYPES = (
    # Campaign sites: the menu first, in menu order, then the pages reached through it.
    PageType("home", "campaign", urls.HOME, contexts.HomeContext, campaign.home, nav=1, kind=N_("Home page")),
    PageType("showcase", "campaign", urls.SHOWCASE, contexts.ShowcaseContext, campaign.showcase, nav=2,
             when=lambda c: bool(c.laureates), kind=N_("Laureates"), lists=True),
    PageType("candidates", "campaign", urls.CANDIDATES, contexts.CandidatesContext, campaign.candidates_page, nav=3,
             when=lambda c: bool(c.candidates), kind=N_("Candidates"), lists=True),
    PageType("actions", "campaign", urls.ACTIONS, contexts.ActionsContext, plan.actions_page, nav=4,
             when=lambda c: bool(c.actions), kind=N_("Climate plan"), lists=True),
    PageType("call", "campaign", urls.CALL, contexts.CallContext, campaign.call, nav=5,
             when=lambda c: bool(c.call), kind=N_("Call for projects")),
    PageType("jury", "campaign", urls.JURY, contexts.JuryContext, campaign.jury, nav=6,
             when=lambda c: bool(c.selection), kind=N_("Jury")),
    PageType("help", "campaign", urls.HELP, contexts.HelpContext, campaign.help, nav=7,
             when=lambda c: bool(c.laureates), kind=N_("Help a project")),
    PageType("agenda", "campaign", urls.AGENDA, contexts.AgendaContext, agenda.agenda, nav=8,
             kind=N_("Agenda"), lists=True),
    PageType("news", "campaign", urls.NEWS, contexts.NewsIndexContext, agenda.news_index, nav=9,
             when=lambda c: bool(c.news), kind=N_("News"), lists=True),
    PageType("press", "campaign", urls.PRESS, contexts.PressContext, press.press, nav=10, kind=N_("Press")),
    PageType("kit", "campaign", urls.KIT, contexts.KitContext, plan.kit_page, nav=11, when=lambda c: bool(c.kit),
             kind=N_("Communication kit")),
    PageType("laureate", "campaign", urls.LAUREATE, contexts.LaureateContext, campaign.laureates,
             when=lambda c: bool(c.laureates), kind=N_("Project")),
    PageType("action", "campaign", urls.ACTION, contexts.ActionContext, plan.action_pages,
             when=lambda c: bool(c.actions), kind=N_("Action")),
    PageType("action-theme", "campaign", urls.ACTION_THEME, contexts.ActionsContext, plan.theme_pages,
             when=lambda c: bool(c.actions), kind=N_("Climate plan"), lists=True),
    PageType("action-sector", "campaign", urls.ACTION_SECTOR, contexts.ActionsContext, plan.sector_pages,
             when=lambda c: any(a.sector for a in c.actions), kind=N_("Climate plan"), lists=True),
    PageType("sdg", "campaign", urls.SDG, contexts.SdgContext, campaign.sdg_pages, kind=N_("Goal"), lists=True),
    PageType("event", "campaign", urls.EVENT, contexts.EventContext, agenda.event_pages,
             when=lambda c: bool(c.events), kind=N_("Event")),
    PageType("news-post", "campaign", urls.NEWS_POST, contexts.NewsPostContext, agenda.news_pages,
             when=lambda c: bool(c.news), kind=N_("News")),
    PageType("listing", "campaign", urls.LISTING, contexts.ListingContext, press.listing,
             kind=N_("Laureates"), lists=True),
    PageType("accessibility", "campaign", urls.ACCESSIBILITY, contexts.StatementContext,
             partial(press.statement, kind="accessibility"), kind=N_("Statement")),
    PageType("privacy", "campaign", urls.PRIVACY, contexts.StatementContext,
             partial(press.statement, kind="privacy"), kind=N_("Statement")),
    PageType("sdg-index", "campaign", urls.SDG_INDEX, contexts.SdgIndexContext, campaign.sdg_index,
             kind=N_("Goals"), lists=True),
    PageType("search", "campaign", urls.SEARCH, contexts.SearchContext, search.campaign_search),
    PageType("widgets", "campaign", urls.WIDGETS, contexts.WidgetsContext, embed.widgets, kind=N_("Widgets")),
    # Widgets that municipalities put on their own websites (see embed.py).
    PageType("embed-laureates", "campaign", urls.EMBED_LAUREATES, contexts.EmbedCardsContext,
             embed.embed_laureates, when=lambda c: bool(c.laureates), layout="embed", embeds="showcase"),
    PageType("embed-goal", "campaign", urls.EMBED_GOAL, contexts.EmbedCardsContext, embed.embed_goals,
             when=lambda c: bool(c.laureates), layout="embed"),
    PageType("embed-project", "campaign", urls.EMBED_PROJECT, contexts.EmbedCardsContext,
             embed.embed_projects, when=lambda c: bool(c.laureates), layout="embed", embeds="laureate"),
    PageType("embed-needs", "campaign", urls.EMBED_NEEDS, contexts.EmbedNeedsContext, embed.embed_needs,
             when=lambda c: bool(c.laureates), layout="embed", embeds="help"),
    PageType("embed-agenda", "campaign", urls.EMBED_AGENDA, contexts.EmbedAgendaContext, embed.embed_agenda,
             layout="embed", embeds="agenda"),
    PageType("embed-figures", "campaign", urls.EMBED_FIGURES, contexts.EmbedFiguresContext,
             embed.embed_figures, layout="embed", embeds="home"),
    PageType("embed-call", "campaign", urls.EMBED_CALL, contexts.EmbedCallContext, embed.embed_call,
             when=lambda c: bool(c.call), layout="embed", embeds="call"),
    # The portal, in each of its languages.
    PageType("portal-home", "portal", urls.HOME, contexts.PortalHomeContext, portal.home, nav=1, kind=N_("Home page")),
    PageType("portal-agenda", "portal", urls.AGENDA, contexts.AgendaContext, portal.agenda, nav=2,
             kind=N_("Agenda"), lists=True),
    PageType("portal-search", "portal", urls.SEARCH, contexts.SearchContext, search.portal_search, nav=3),
    PageType("portal-page", "portal", urls.CONTENT_PAGE, contexts.ContentContext, portal.content_pages, nav=5,
             when=lambda network: bool(network.pages), kind=N_("Page")),
    PageType("portal-municipalities", "portal", urls.MUNICIPALITIES, contexts.MunicipalitiesContext,
             places.municipalities_page, nav=4, kind=N_("Municipalities"), lists=True),
    PageType("portal-municipality", "portal", urls.MUNICIPALITY, contexts.MunicipalityContext,
             places.municipality_pages, kind=N_("Municipality")),
    PageType("portal-programme", "portal", urls.PROGRAMME, contexts.ProgrammeContext, places.programme_pages,
             when=lambda network: bool(network.programmes), kind=N_("Programme")),
    PageType("portal-sdg", "portal", urls.SDG, contexts.SdgContext, portal.sdg_pages, kind=N_("Goal"), lists=True),
    # A goal's following pages are not indexed: their cards are projects whose own pages are in their
    # campaigns' search bundles, which the portal's search merges. At 300 campaigns they were thousands
    # of card-filled pages, a Pagefind of 1.5 GB on every edit, and every project found twice.
    PageType("portal-sdg-more", "portal", urls.SDG_PAGE, contexts.SdgContext, portal.sdg_more_pages),
    PageType("portal-sdg-index", "portal", urls.SDG_INDEX, contexts.SdgIndexContext, portal.sdg_index,
             kind=N_("Goals"), lists=True),
    PageType("portal-accessibility", "portal", urls.ACCESSIBILITY, contexts.StatementContext,
             partial(portal.statement, kind="accessibility"), kind=N_("Statement")),
    PageType("portal-privacy", "portal", urls.PRIVACY, contexts.StatementContext,
             partial(portal.statement, kind="privacy"), kind=N_("Statement")),
)


# Top-level names kept for the portal's own use (widgets, shared data and media, pages to come): no
# campaign folder or portal page may take them.
KEPT = {
    "embed": msg("widgets for other websites"),
    "data": msg("the network's open data"),
    "media": msg("the network's media files"),
    "static": msg("kept for static files"),
    "campaigns": msg("kept for a list of campaigns"),
    "laureates": msg("kept for a list of laureates"),
    "press": msg("kept for a press page"),
}


def portal_names() -> dict[str, str]:
    """The first part of each portal page's address, and the names KEPT, with what each is for."""
    names = {}
    for page_type in PAGE_TYPES:
        first = page_type.url.split("/")[0]
        if page_type.site == "portal" and first and "{" not in first:
            names.setdefault(first, msg("the portal's page %(url)s", url=page_type.url))
    return names | {name: what for name, what in KEPT.items() if name not in names}


def oembed_pages(pages: tuple[Page, ...]) -> list[tuple[str, str, str]]:
    """(page address, widget address, title) for each widget among a campaign site's `pages` that stands
    for one of its pages (a row's `embeds`): the page gets the widget's oEmbed description."""
    found = []
    for widget in PAGE_TYPES:
        if widget.site != "campaign" or widget.embeds is None:
            continue
        shown = next(t for t in PAGE_TYPES if t.site == "campaign" and t.name == widget.embeds)
        for page in pages:
            values = urls.match(widget.url, page.url)
            if values is not None:
                found.append((shown.url.format(**values), page.url, page.title))
    return found


def get_pages(site: str, builder, source) -> tuple[tuple[Page, ...], tuple[str, ...]]:
    """Every page of one site in registry order, and the URLs of its menu in menu order."""
    pages, menu = [], []
    for page_type in PAGE_TYPES:
        if page_type.site != site or not page_type.when(source):
            continue
        built = page_type.build(builder)
        label = search_label(page_type, builder, source if site == "campaign" else None)
        built = [dataclasses.replace(page, layout=page_type.layout, search=label)
                 for page in (built if isinstance(built, list) else [built])]
        pages += built
        if page_type.nav is not None:
            menu += [(page_type.nav, page.url) for page in built]
    return tuple(pages), tuple(url for _nav, url in sorted(menu, key=lambda item: item[0]))


def search_label(page_type: PageType, builder, campaign) -> SearchLabel | None:
    """What search results say of the pages of `page_type` in the site `builder` makes (of `campaign`,
    None for the portal); None for pages kept out of the index (widgets, the search pages)."""
    if not page_type.kind:
        return None
    name = campaign.title[builder.lang] if campaign is not None else ""
    return SearchLabel(builder._(page_type.kind), name, LIST_WEIGHT if page_type.lists else 1.0)
