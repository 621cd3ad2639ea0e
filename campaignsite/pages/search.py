"""The search pages (issue 22, item 4: search that stays home): a campaign site's searches that
campaign's pages in the site's language, with "all campaigns" one tap away; the portal's searches every
campaign and the portal itself. Pagefind runs in the browser on the bundles that write/search.py made
(core/searchindex.py says where); each result is labelled with its campaign and page type."""

from __future__ import annotations

import dataclasses

from campaignsite.core.i18n import NNBSP
from campaignsite.core.searchindex import BUNDLE, campaign_bundle
from campaignsite.core.sitespec import Page
from campaignsite.pages import contexts, urls, views
from campaignsite.pages.builder import CampaignBuilder, PortalBuilder, SiteBuilder, href


def campaign_search(b: CampaignBuilder) -> Page:
    """The campaign site's search page: its campaign's bundle, in the site's language."""
    url = urls.SEARCH
    # The campaign's bundle holds all its language sites, one level above this one (<slug>/pagefind/).
    bundle = href(url, "../" + BUNDLE)
    everywhere = views.Link(b._("All campaigns"), href(url, b.links.to_portal(urls.SEARCH)))
    context = contexts.SearchContext(
        b.site, b._("Search the pages of this campaign in this language."),
        bundle, (), b._("The search needs JavaScript. Every page of this campaign is in its menu."),
        texts(b, b._("Search this campaign")), labels(b), everywhere)
    return b.page(url, b._("Search"), b._("Search this campaign"), lambda _url: context)


def portal_search(b: PortalBuilder) -> Page:
    """The portal's search page: its own bundle merged with those of the campaigns in its language."""
    url = urls.SEARCH
    merged = tuple(href(url, b.root + campaign_bundle(campaign.slug)) for campaign in b.network.campaigns
                   if b.lang in campaign.languages)
    context = contexts.SearchContext(b.site, b._("Search the pages of every campaign in this language."),
                                     href(url, f"{b.root}{BUNDLE}"), merged,
                                     b._("The search needs JavaScript. Every campaign is listed on the home page."),
                                     texts(b, b._("Search all campaigns")), labels(b))
    return b.page(url, b._("Search"), b._("Search all campaigns"), lambda _url: context)


def texts(b: SiteBuilder, label: str) -> dict[str, str]:
    """Pagefind UI's texts we give ourselves: it picks its own by <html lang>, but leaves some in
    English ("Reset" in Dutch), says "this site" where we search a campaign or the network, or writes
    without French typography."""
    return {"clear_search": b._("Clear"), "search_label": label,
            "search_suggestion": b._("No results for [SEARCH_TERM]. Try one of the following searches:")}


def labels(b: SiteBuilder) -> dict[str, str]:
    """The names of the labels each result carries (write/search.py indexes them with every page), as
    Pagefind UI shows them: "<name>: <value>". French puts a narrow no-break space before the colon."""
    space = NNBSP if b.lang == "fr" else ""
    return {"campaign": b._("Campaign") + space, "kind": b._("Page type") + space}


def with_menu(pages: tuple[Page, ...], nav: tuple[str, ...]) -> tuple[Page, ...]:
    """The site's `pages` with its search page listing the menu's pages (`nav`, their addresses): what
    a visitor without JavaScript gets instead of results."""
    titles = {page.url: page.title for page in pages}
    menu = tuple(views.Link(titles[url], href(urls.SEARCH, url or "./")) for url in nav if url != urls.SEARCH)
    return tuple(dataclasses.replace(page, context=dataclasses.replace(page.context, menu=menu))
                 if page.url == urls.SEARCH and isinstance(page.context, contexts.SearchContext) else page
                 for page in pages)
