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
from campaignsite.core.sitespec import Page
from campaignsite.pages import agenda, campaign, contexts, embed, portal, press


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


PAGE_TYPES = (
    # Campaign sites: the menu first, in menu order, then the pages reached through it.
    PageType("home", "campaign", "", contexts.HomeContext, campaign.home, nav=1),
    PageType("showcase", "campaign", "laureates/", contexts.ShowcaseContext, campaign.showcase, nav=2,
             when=lambda c: bool(c.laureates)),
    PageType("actions", "campaign", "actions/", contexts.ActionsContext, press.actions_page, nav=3,
             when=lambda c: bool(c.actions)),
    PageType("call", "campaign", "call/", contexts.CallContext, campaign.call, nav=4,
             when=lambda c: bool(c.call)),
    PageType("jury", "campaign", "jury/", contexts.JuryContext, campaign.jury, nav=5,
             when=lambda c: bool(c.selection)),
    PageType("help", "campaign", "help/", contexts.HelpContext, campaign.help, nav=6,
             when=lambda c: bool(c.laureates)),
    PageType("agenda", "campaign", "agenda/", contexts.AgendaContext, agenda.agenda, nav=7),
    PageType("news", "campaign", "news/", contexts.NewsIndexContext, agenda.news_index, nav=8,
             when=lambda c: bool(c.news)),
    PageType("press", "campaign", "press/", contexts.PressContext, press.press, nav=9),
    PageType("kit", "campaign", "kit/", contexts.KitContext, press.kit_page, nav=10, when=lambda c: bool(c.kit)),
    PageType("laureate", "campaign", "laureates/{slug}/", contexts.LaureateContext, campaign.laureates,
             when=lambda c: bool(c.laureates)),
    PageType("sdg", "campaign", "sdg/{number}/", contexts.SdgContext, campaign.sdg_pages),
    PageType("event", "campaign", "events/{slug}/", contexts.EventContext, agenda.event_pages,
             when=lambda c: bool(c.events)),
    PageType("news-post", "campaign", "news/{slug}/", contexts.NewsPostContext, agenda.news_pages,
             when=lambda c: bool(c.news)),
    PageType("listing", "campaign", "press/listing/", contexts.ListingContext, press.listing),
    PageType("accessibility", "campaign", "accessibility/", contexts.StatementContext,
             partial(press.statement, kind="accessibility")),
    PageType("privacy", "campaign", "privacy/", contexts.StatementContext,
             partial(press.statement, kind="privacy")),
    PageType("sdg-index", "campaign", "sdg/", contexts.SdgIndexContext, campaign.sdg_index),
    PageType("widgets", "campaign", "widgets/", contexts.WidgetsContext, embed.widgets),
    # Widgets that municipalities put on their own websites (see embed.py).
    PageType("embed-laureates", "campaign", "embed/laureates/", contexts.EmbedCardsContext,
             embed.embed_laureates, when=lambda c: bool(c.laureates), layout="embed"),
    PageType("embed-goal", "campaign", "embed/sdg/{number}/", contexts.EmbedCardsContext, embed.embed_goals,
             when=lambda c: bool(c.laureates), layout="embed"),
    PageType("embed-project", "campaign", "embed/laureates/{slug}/", contexts.EmbedCardsContext,
             embed.embed_projects, when=lambda c: bool(c.laureates), layout="embed"),
    PageType("embed-agenda", "campaign", "embed/agenda/", contexts.EmbedAgendaContext, embed.embed_agenda,
             layout="embed"),
    PageType("embed-figures", "campaign", "embed/figures/", contexts.EmbedFiguresContext,
             embed.embed_figures, layout="embed"),
    PageType("embed-call", "campaign", "embed/call/", contexts.EmbedCallContext, embed.embed_call,
             when=lambda c: bool(c.call), layout="embed"),
    # The portal, in each of its languages.
    PageType("portal-home", "portal", "", contexts.PortalHomeContext, portal.home, nav=1),
    PageType("portal-agenda", "portal", "agenda/", contexts.AgendaContext, portal.agenda, nav=2),
    PageType("portal-search", "portal", "search/", contexts.SearchContext, portal.search, nav=3),
    PageType("portal-page", "portal", "{slug}/", contexts.ContentContext, portal.content_pages, nav=4,
             when=lambda network: bool(network.pages)),
    PageType("portal-sdg", "portal", "sdg/{number}/", contexts.SdgContext, portal.sdg_pages),
    PageType("portal-sdg-index", "portal", "sdg/", contexts.SdgIndexContext, portal.sdg_index),
    PageType("portal-accessibility", "portal", "accessibility/", contexts.StatementContext,
             partial(portal.statement, kind="accessibility")),
    PageType("portal-privacy", "portal", "privacy/", contexts.StatementContext,
             partial(portal.statement, kind="privacy")),
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


def get_pages(site: str, builder, source) -> tuple[tuple[Page, ...], tuple[str, ...]]:
    """Every page of one site in registry order, and the URLs of its menu in menu order."""
    pages, menu = [], []
    for page_type in PAGE_TYPES:
        if page_type.site != site or not page_type.when(source):
            continue
        built = page_type.build(builder)
        built = [dataclasses.replace(page, layout=page_type.layout)
                 for page in (built if isinstance(built, list) else [built])]
        pages += built
        if page_type.nav is not None:
            menu += [(page_type.nav, page.url) for page in built]
    return tuple(pages), tuple(url for _nav, url in sorted(menu, key=lambda item: item[0]))
