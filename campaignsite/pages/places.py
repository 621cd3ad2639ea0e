"""The network by place and by time, on the portal (issue 21): where each campaign stands on the
build day ("Call open until 30 April"), what is open now, calls and votes as periods, a page per
municipality (its campaigns across the years, its projects and money, its events) and a page per
programme (its editions, totals per year and per municipality).
"""

from __future__ import annotations

import dataclasses

from campaignsite.core.sitespec import Page
from campaignsite.model.records import Campaign, Programme
from campaignsite.model.towns import Totals, Town, editions, towns
from campaignsite.pages import contexts, urls, views
from campaignsite.pages.builder import PortalBuilder, href
from campaignsite.pages.network_cards import (
    campaign_card,
    campaign_href,
    network_events,
    now_items,
    project_cards,
    shown_language,
    standing,
)
from campaignsite.pages.parts import money_figures


def municipality_pages(b: PortalBuilder) -> list[Page]:
    return [municipality(b, town) for town in towns(b.network)]


# A municipality's page shows its projects' cards up to this many; past it (a town in dozens of
# campaigns), its table of campaigns leads to each campaign's projects in it (the showcase filtered).
MUNICIPALITY_CARDS = 48


def municipality(b: PortalBuilder, town: Town) -> Page:
    """A municipality: what is open now in it, its campaigns across the years with their projects and
    money in it (the figures are the sums of the rows, and of the cards below), its upcoming events."""
    _ = b._
    url = urls.municipality(town.slug)
    name = town.name(b.lang)
    campaigns = tuple(reversed(town.campaigns))

    def context(_url: str) -> contexts.MunicipalityContext:
        projects = town.projects
        figures = (views.Figure(b.fmt.number(len(campaigns)), _.ngettext("campaign", "campaigns", len(campaigns))),
                   views.Figure(b.fmt.number(len(projects)), _.ngettext("laureate", "laureates", len(projects))),
                   *money_figures(b, town.totals))
        rows = tuple(_row(b, _campaign_link(b, url, campaign, town), standing(b, campaign).text,
                          [item for owner, item in projects if owner is campaign]) for campaign in campaigns)
        shown = len(projects) <= MUNICIPALITY_CARDS
        upcoming, _past = network_events(b, url, campaigns)
        return contexts.MunicipalityContext(
            b.site, _("The campaigns that %(municipality)s takes part in, and the citizen projects carried out in it.",
                      municipality=name),
            figures, now_items(b, url, campaigns), rows, project_cards(b, url, projects) if shown else (),
            None if shown else _("Each campaign in the table above leads to its projects in %(municipality)s.",
                                 municipality=name),
            tuple(upcoming), views.Link(_("All municipalities"), href(url, urls.MUNICIPALITIES)),
            views.Link(_("Agenda of all campaigns"), href(url, urls.AGENDA)))
    # What the page shows comes from the municipality's campaigns alone (Town: their data about it), each
    # standing for its data by its fingerprint: an edit elsewhere leaves the page as it was.
    shown_keys = [(campaign.slug, b.campaign_key(campaign)) for campaign in campaigns]
    key = b.key("municipality", town.nis_code, shown_keys) if all(key for _slug, key in shown_keys) else ""
    return b.page(url, name, _("Citizen projects in %(municipality)s", municipality=name), context, key=key)


def _campaign_link(b: PortalBuilder, url: str, campaign: Campaign, town: Town) -> views.Link:
    """A campaign in a municipality's table: its projects there (its showcase, filtered to the
    municipality where it has several), else its home page."""
    title = b.shown[campaign.slug].text(campaign.title)
    if not any(item.municipality == town.nis_code for item in campaign.laureates):
        return views.Link(title, campaign_href(b, url, campaign))
    query = f"?municipality={town.nis_code}" if len(campaign.municipalities) > 1 else ""
    return views.Link(title, campaign_href(b, url, campaign, urls.SHOWCASE) + query)


def municipalities_page(b: PortalBuilder) -> Page:
    """Every municipality of the network, with its campaigns, projects and money."""
    _ = b._
    url = urls.MUNICIPALITIES
    rows = []
    for town in towns(b.network):
        rows.append((b.fmt.sort_key(town.name(b.lang)), views.PlaceRow(
            views.Link(town.name(b.lang), href(url, urls.municipality(town.slug))),
            _.ngettext("%(count)s campaign", "%(count)s campaigns", len(town.campaigns),
                       count=b.fmt.number(len(town.campaigns))),
            b.fmt.number(len(town.projects)), b.fmt.money(town.totals.granted), b.fmt.money(town.totals.paid))))
    context = contexts.MunicipalitiesContext(
        b.site, _("Every municipality that runs a campaign of the network, with its projects and the money granted "
                  "and paid to them."), tuple(row for _key, row in sorted(rows, key=lambda pair: pair[0])),
        views.Link(_("All campaigns"), href(url, urls.HOME)))
    return b.page(url, _("Municipalities"), _("The municipalities of the network"), lambda _url: context)


def programme_pages(b: PortalBuilder) -> list[Page]:
    return [programme(b, item) for item in b.network.programmes if editions(b.network, item)]


def programme(b: PortalBuilder, item: Programme) -> Page:
    """A programme: its editions (newest first), its totals per year and per municipality."""
    _ = b._
    url = urls.programme(item.id)
    ordered = editions(b.network, item)
    projects = [(campaign, laureate) for campaign in ordered for laureate in campaign.laureates]
    totals = Totals(tuple(laureate for _c, laureate in projects))
    figures = (views.Figure(b.fmt.number(len(ordered)), _.ngettext("edition", "editions", len(ordered))),
               views.Figure(b.fmt.number(len(projects)), _.ngettext("laureate", "laureates", len(projects))),
               *money_figures(b, totals))
    years = tuple(_row(b, views.Link(str(c.edition), href(url, _campaign_path(b, c))), standing(b, c).text,
                       c.laureates) for c in reversed(ordered))
    by_town = []
    for town in towns(dataclasses.replace(b.network, campaigns=ordered)):
        by_town.append((b.fmt.sort_key(town.name(b.lang)), _row(
            b, views.Link(town.name(b.lang), href(url, urls.municipality(town.slug))),
            _.ngettext("%(count)s edition", "%(count)s editions", len(town.campaigns),
                       count=b.fmt.number(len(town.campaigns))), [laureate for _c, laureate in town.projects])))
    description = item.description.get(b.lang, "")
    context = contexts.ProgrammeContext(
        b.site, description, figures, tuple(campaign_card(b, url, c) for c in reversed(ordered)), years,
        tuple(row for _key, row in sorted(by_town, key=lambda pair: pair[0])),
        views.Link(_("All campaigns"), href(url, urls.HOME)))
    name = item.name[b.lang]
    return b.page(url, name, description or name, lambda _url: context)


def _campaign_path(b: PortalBuilder, campaign: Campaign) -> str:
    return f"{b.root}{campaign.slug}/{shown_language(b, campaign)}/"


def _row(b: PortalBuilder, link: views.Link, detail: str, laureates) -> views.PlaceRow:
    totals = Totals(tuple(laureates))
    return views.PlaceRow(link, detail, b.fmt.number(len(totals.items)), b.fmt.money(totals.granted),
                          b.fmt.money(totals.paid))
