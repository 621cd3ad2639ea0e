"""Which sites exist (every campaign x language, the portal per language), where, and
with which pages (from the page-type registry) and files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import stat
from pathlib import Path, PurePosixPath

from campaignsite.core.errors import msg
from campaignsite.core.languages import LANGUAGE_NAMES
from campaignsite.core.sitespec import Alternate, FooterGroup, NotFound, Page, SearchBox, SiteJob, SiteSpec
from campaignsite.exports.media import MediaFile
from campaignsite.model.phases import in_calendars
from campaignsite.model.records import PORTAL_COLOUR, Campaign, Network
from campaignsite.model.sdgs import text_colour
from campaignsite.pages import embed, feeds, registry, search, share, urls
from campaignsite.model.towns import neighbours
from campaignsite.pages.builder import CampaignBuilder, NetworkLinks, PortalBuilder
from campaignsite.pages.campaign import call_to_action

CALENDAR = urls.CALENDAR
# The files a site holds beside its pages, at the top of the portal: no campaign may take their names.
PUBLISHED = {"agenda": msg("the combined calendar (agenda.ics)")}


def all_sites(network: Network, media: tuple[tuple[str, MediaFile], ...], today: dt.date) -> list[SiteSpec]:
    """Every site of the network, made now (see site_jobs)."""
    return [job.make() for job in site_jobs(network, media, today)]


def site_jobs(network: Network, media: tuple[tuple[str, MediaFile], ...], today: dt.date,
              skip: frozenset[str] = frozenset(), keys: dict[str, str] | None = None,
              output: Path | None = None) -> list[SiteJob]:
    """Every site of the network, to be made where it is built: the portal's (its root first, see
    engine.build), then the campaigns' but those in `skip`. `media` are the checked files of each
    campaign, the logo among them; `keys`, each campaign's fingerprint and under "" what all sites are
    made from besides (the pipeline's page_inputs), key the portal's pages that can say what they show;
    `output`, the previous build's, holds the sites of the campaigns in `skip` as they would be made."""
    published = {(slug, file.name): file.content for slug, file in media}
    made = kept_calendars(output, skip) if output is not None and skip else None
    jobs = [SiteJob(f"_portal/{lang}", functools.partial(portal_site, network, lang, today, keys, made))
            for lang in network.languages]
    for campaign in network.campaigns:
        if campaign.slug in skip:
            continue
        logo = published[campaign.slug, PurePosixPath(campaign.logo).name] if campaign.logo else None
        jobs += [SiteJob(f"{campaign.slug}/{lang}", functools.partial(
            campaign_site, campaign, lang, logo, today, network_links(network, campaign, lang))) for lang in campaign.languages]
    return jobs


def network_links(network: Network, campaign: Campaign, lang: str) -> NetworkLinks:
    """What the campaign's site in `lang` links of the network: the portal in that language (the
    validation made sure the portal has every campaign language), its programme and its neighbours."""
    before, after = neighbours(network, campaign)

    def site(edition: Campaign | None) -> tuple[int, str] | None:
        return edition and (edition.edition, f"{edition.slug}/{lang if lang in edition.languages else edition.default_language}/")
    programme = next((p for p in network.programmes if p.id == campaign.programme), None)
    return NetworkLinks(portal_root(network, lang), programme, site(before), site(after))


def campaign_out(slug: str, lang: str) -> str:
    """Where a campaign's site in `lang` is in the output."""
    return f"{slug}/{lang}"


# The largest calendar of a kept site read back (kept_calendars): far above any campaign's (its events
# are bounded by the limits on events.csv); a file above it is made again.
KEPT_CALENDAR_LIMIT = 64 * 1024 * 1024


def kept_calendars(output: Path, kept: frozenset[str]):
    """What feeds.combined_calendar takes a campaign's events from: the calendar of its site in the
    builder's language in `output`, where the campaign is in `kept` (its folder kept from the previous
    build, made from the same input). Read only as a file of its own inside `output`, through no link
    (and never waiting on a pipe put in its place)."""
    folder = os.path.realpath(output)

    def made(builder) -> bytes | None:
        if builder.campaign.slug not in kept:
            return None
        path = os.path.join(folder, campaign_out(builder.campaign.slug, builder.lang), CALENDAR)
        try:
            if os.path.realpath(path) != path or not stat.S_ISREG(os.lstat(path).st_mode):
                return None
            with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NOFOLLOW | os.O_NONBLOCK)) as file:
                if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                    return None
                data = file.read(KEPT_CALENDAR_LIMIT + 1)
        except OSError:
            return None
        return data if len(data) <= KEPT_CALENDAR_LIMIT else None
    return made


def links_key(network: Network) -> dict[str, str]:
    """What each campaign's sites show of other campaigns (network_links), as text, for its fingerprint."""
    return {campaign.slug: repr([network_links(network, campaign, lang) for lang in campaign.languages])
            for campaign in network.campaigns}


def campaign_site(campaign: Campaign, lang: str, logo: bytes | None, today: dt.date,
                  links: NetworkLinks = NetworkLinks()) -> SiteSpec:
    """The campaign's site in `lang`, under <slug>/<lang>/, whose search box leads to its own search
    page (the campaign's pages; all campaigns one tap away). Of the rest of the network only `links` go
    in (the portal, its programme's neighbouring editions: part of its fingerprint, see pipeline.py)."""
    on_colour = text_colour(campaign.colour)
    logo_path = f"assets/logo{PurePosixPath(campaign.logo).suffix}" if campaign.logo else None
    alternates = tuple(Alternate(other, LANGUAGE_NAMES[other], "./" if other == lang else f"../{other}/")
                       for other in campaign.languages)
    builder = CampaignBuilder(campaign, lang, today, links)
    pages, nav = registry.get_pages("campaign", builder, campaign)
    pages = with_now_strip(builder, search.with_menu(pages, nav))
    described = registry.oembed_pages(pages)
    pages = with_oembed_links(builder, pages, described)
    downloads = campaign_downloads(builder) + embed.oembed_files(builder, described) + \
        (((logo_path, logo),) if logo_path else ())
    return SiteSpec(
        id=f"{campaign.slug}/{lang}", out=campaign_out(campaign.slug, lang), lang=lang, title=campaign.title[lang],
        description=campaign.tagline[lang], url=f"{campaign.base_url}{lang}/", colour=campaign.colour,
        text_colour=on_colour, logo=logo_path, alternates=alternates, pages=pages, nav=nav,
        downloads=downloads, footer=footer_links(builder._), favicon=favicon_svg(campaign.colour, on_colour),
        not_found=not_found(builder._, campaign.title[lang], pages, nav),
        search=search_box(builder._("Search this campaign"), builder._), short_title=campaign.short_title[lang],
        footer_groups=campaign_footer(builder, links.to_portal("")))


def campaign_footer(b: CampaignBuilder, portal: str) -> tuple[FooterGroup, ...]:
    """What a visitor looks for at the bottom of any page of a campaign (issue 22, item 1): whom to
    write to, who runs and funds it, the way back to every campaign, and what the site offers."""
    _, campaign = b._, b.campaign
    contact = campaign.contact
    organisers = [(b.text(m.name), None) for m in campaign.municipalities]
    organisers += [(p.name, p.url) for p in campaign.partners if p.role == "organiser"]
    funders = [(b.text(source.name), None) for source in campaign.budget.sources] if campaign.budget else []
    named = {name for name, _link in funders}
    funders = [(name, next((p.url for p in campaign.partners if p.name == name and p.role == "sponsor"), None))
               for name, _link in funders]  # a sponsor among the budget's sources is named once, with its link
    funders += [(p.name, p.url) for p in campaign.partners if p.role == "sponsor" and p.name not in named]
    groups = [FooterGroup(_("Contact"), ((contact.name, None), (contact.email, f"mailto:{contact.email}"))
                          + (((contact.phone, None),) if contact.phone else ())),
              FooterGroup(_("Organised by"), tuple(organisers))]
    if funders:
        groups.append(FooterGroup(_("Funded by"), tuple(funders)))
    groups.append(FooterGroup(_("Part of the network"), (
        (_("All campaigns"), portal), (_("Widgets for your website"), urls.WIDGETS),
        (_("Open data package (Frictionless)"), "../data/datapackage.json"))))
    return tuple(groups)


def search_box(label: str, _) -> SearchBox:
    """The header's search box, leading to its site's search page, which searches what `label` says."""
    return SearchBox(urls.SEARCH, label, _("Search"))


def portal_root(network: Network, lang: str) -> str:
    """Where the portal in `lang` stands from the output's root: its first language at the root."""
    return "" if lang == network.languages[0] else f"{lang}/"


def with_now_strip(builder: CampaignBuilder, pages: tuple[Page, ...]) -> tuple[Page, ...]:
    """Every page of a campaign but its home (which has the full call to action) and its widgets says,
    under its title, what the campaign is at today and the one thing to do (issue 22, item 2)."""
    def strip(url: str) -> dict:
        action = call_to_action(builder, url)
        # On the page the action leads to (the help page during mobilisation), a button to itself.
        here = action.action.href in ("./", "")
        return {"heading": action.heading, "text": action.text or "", "action": "" if here else action.action.text,
                "href": "" if here else action.action.href}
    return tuple(dataclasses.replace(page, meta={**page.meta, "now": strip(page.url)})
                 if page.url != urls.HOME and page.layout == "page" else page for page in pages)


def with_oembed_links(builder: CampaignBuilder, pages: tuple[Page, ...], described) -> tuple[Page, ...]:
    """Pages that have a widget announce its oEmbed description in their head (oEmbed discovery)."""
    described = {page_url: title for page_url, _widget, title in described}
    return tuple(dataclasses.replace(page, meta={**page.meta, "oembed": {
        "href": builder.absolute(embed.oembed_path(page.url)), "title": described[page.url]}})
        if page.url in described else page for page in pages)


def campaign_downloads(builder: CampaignBuilder) -> tuple[tuple[str, bytes], ...]:
    """Files generated beside a campaign site's pages: calendars, the news feed and the share images. An
    event has a calendar file of its own only while its page offers it (still to come, neither cancelled
    nor postponed): the campaign's feed keeps every event, with its status, for those who subscribed."""
    events = builder.campaign.events
    files = [(CALENDAR, feeds.calendar(builder, events))]
    files += [(urls.event_calendar(event.slug), feeds.calendar(builder, (event,)))
              for event in events if in_calendars(event, builder.today)]
    files.append((urls.NEWS_FEED, feeds.atom(builder)))
    return tuple(files) + share.files(builder)


def not_found(_, site_title: str, pages, nav) -> NotFound:
    """The site's 404 page: what happened, in the site's language, and the ways on (home, the menu)."""
    titles = {page.url: page.title for page in pages}
    links = ((_("Home page of %(site)s", site=site_title), ""),) + \
        tuple((titles[url], url) for url in nav if url)
    return NotFound(_("Page not found"),
                    _("This address does not exist on this site, or no longer does. Search for what you "
                              "were looking for with the search box at the top, or go on from one of these pages:"),
                    links)


def footer_links(translate) -> tuple[tuple[str, str], ...]:
    """The statements every site links from its footer."""
    return ((translate("accessibility:title"), urls.ACCESSIBILITY), (translate("privacy:title"), urls.PRIVACY))


def portal_site(network: Network, lang: str, today: dt.date, keys: dict[str, str] | None = None,
                made=None) -> SiteSpec:
    """The portal in `lang`: its first language at the site's root, the others under <lang>/ (`keys`:
    see site_jobs; `made`, the kept campaigns' calendars: see feeds.combined_calendar)."""
    first = network.languages[0]
    on_colour = text_colour(PORTAL_COLOUR)
    back = "" if lang == first else "../"
    shown = {campaign.slug: CampaignBuilder(campaign, lang if lang in campaign.languages
                                            else campaign.default_language, today)
             for campaign in network.campaigns}
    builder = PortalBuilder(network, lang, today, back, shown, keys)
    pages, nav = registry.get_pages("portal", builder, network)
    pages = search.with_menu(pages, nav)
    events = sorted(((shown[campaign.slug], event) for campaign in network.campaigns
                     for event in campaign.events), key=lambda pair: (pair[1].start, pair[1].slug))
    alternates = tuple(Alternate(other, LANGUAGE_NAMES[other], (back + portal_root(network, other)) or "./")
                       for other in network.languages)
    return SiteSpec(
        id=f"_portal/{lang}", out=portal_root(network, lang).rstrip("/"), lang=lang, title=network.title[lang],
        short_title=network.short_title[lang],
        description=network.tagline[lang], url=network.base_url + portal_root(network, lang), colour=PORTAL_COLOUR,
        text_colour=on_colour, alternates=alternates, pages=pages, nav=nav,
        footer=footer_links(builder._), favicon=favicon_svg(PORTAL_COLOUR, on_colour),
        not_found=not_found(builder._, network.title[lang], pages, nav),
        search=search_box(builder._("Search all campaigns"), builder._),
        downloads=((CALENDAR, feeds.combined_calendar(network.title[lang], events, made)),))


def redirect_html(target: str, canonical: str, title: str, lang: str) -> str:
    """A page that sends visitors on to `target` (relative), without script."""
    return (f"<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n"
            f"<link rel=\"canonical\" href=\"{canonical}\">\n</head>\n<body>\n"
            f"<p><a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n")


def robots_txt(network: Network) -> str:
    """Everything may be indexed; every site's sitemap is listed (the portal's, then the campaigns')."""
    urls = [network.base_url + portal_root(network, lang) for lang in network.languages]
    urls += [f"{campaign.base_url}{lang}/" for campaign in network.campaigns for lang in campaign.languages]
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {url}sitemap.xml" for url in urls]
    return "\n".join(lines) + "\n"


def favicon_svg(colour: str, text_colour: str) -> bytes:
    """A small icon in the site's colours, so browsers never ask for a missing /favicon.ico."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" '
            f'fill="{colour}"/><circle cx="16" cy="16" r="7" fill="none" stroke="{text_colour}" '
            f'stroke-width="3"/></svg>\n').encode("utf-8")
