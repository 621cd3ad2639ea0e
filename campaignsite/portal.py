"""Stage 4 for the network portal: its pages in one language, with totals computed from the data.

The portal lists every campaign (filterable by region, language, year and kind), every laureate by
SDG across campaigns, a combined agenda with its calendar feed, and a search across all campaigns.
"""

from __future__ import annotations

import posixpath

from . import contexts
from .agenda_pages import agenda_context, event_summary
from .campaign_pages import goal_title
from .languages import LANGUAGE_NAMES
from .model import Campaign, render_markdown
from .pages import PortalBuilder, href
from .press_pages import statement_page
from .site import Page


def statement(b: PortalBuilder, kind: str) -> Page:
    """The portal's accessibility or privacy statement."""
    return statement_page(b, kind, b.network.title[b.lang], "", b.network.contact.email)


def shown_language(b: PortalBuilder, campaign: Campaign) -> str:
    """A campaign is shown in the visitor's language when it has it, else in its default one."""
    return b.lang if b.lang in campaign.languages else campaign.default_language


def campaign_href(b: PortalBuilder, url: str, campaign: Campaign, path: str = "") -> str:
    return href(url, f"{b.root}{campaign.slug}/{shown_language(b, campaign)}/{path}")


def totals(b: PortalBuilder) -> tuple[contexts.Figure, ...]:
    network, fmt, _ = b.network, b.fmt, b._
    return (contexts.Figure(fmt.number(len(network.campaigns)), _.ngettext("campaign", "campaigns", len(network.campaigns))),
            contexts.Figure(fmt.number(network.municipalities),
                            _.ngettext("municipality", "municipalities", network.municipalities)),
            contexts.Figure(fmt.number(network.laureates), _.ngettext("laureate", "laureates", network.laureates)),
            contexts.Figure(fmt.money(network.granted), _("granted to citizen projects")))


def campaign_card(b: PortalBuilder, url: str, campaign: Campaign) -> contexts.CampaignCard:
    lang = shown_language(b, campaign)
    names = ", ".join(m.name.get(b.lang, m.name[campaign.default_language]) for m in campaign.municipalities)
    regions = sorted({m.region for m in campaign.municipalities})
    figures = []
    if campaign.laureates:
        figures.append(contexts.Figure(b.fmt.number(len(campaign.laureates)),
                                       b._.ngettext("laureate", "laureates", len(campaign.laureates))))
        figures.append(contexts.Figure(b.fmt.money(campaign.granted), b._("granted")))
    return contexts.CampaignCard(
        lang=lang, href=campaign_href(b, url, campaign), title=campaign.title[lang], tagline=campaign.tagline[lang],
        municipalities=names, region=" ".join(regions),
        region_label=", ".join(b._(f"region:{region}") for region in regions),
        languages=", ".join(LANGUAGE_NAMES[code] for code in campaign.languages),
        language_codes=" ".join(campaign.languages), year=campaign.edition, kind=campaign.kind,
        kind_label=b._(f"kind:{campaign.kind}"), figures=tuple(figures))


def filters(b: PortalBuilder) -> tuple:
    campaigns, _ = b.network.campaigns, b._

    def options(values, label) -> tuple[contexts.FilterOption, ...]:
        counts: dict[str, int] = {}
        for value_set in values:
            for value in value_set:
                counts[value] = counts.get(value, 0) + 1
        return tuple(contexts.FilterOption(value, label(value), counts[value]) for value in sorted(counts))
    return (
        ("region", _("Region"), options([{m.region for m in c.municipalities} for c in campaigns],
                                        lambda v: _(f"region:{v}"))),
        ("language", _("Language"), options([set(c.languages) for c in campaigns], LANGUAGE_NAMES.get)),
        ("year", _("Year"), options([{str(c.edition)} for c in campaigns], str)),
        ("kind", _("Kind"), options([{c.kind} for c in campaigns], lambda v: _(f"kind:{v}"))))


def used_sdgs(b: PortalBuilder) -> list[int]:
    return sorted({number for campaign in b.network.campaigns for item in campaign.laureates
                   for number in item.sdgs})


def home(b: PortalBuilder) -> Page:
    network = b.network

    def context(url: str) -> contexts.PortalHomeContext:
        ordered = sorted(network.campaigns, key=lambda c: (-c.edition, c.slug))
        return contexts.PortalHomeContext(
            site=b.site, tagline=network.tagline[b.lang], totals=totals(b),
            campaigns=tuple(campaign_card(b, url, campaign) for campaign in ordered), filters=filters(b),
            sdg_links=b.badges(url, used_sdgs(b)),
            pages=tuple(contexts.Link(p.title[b.lang], href(url, f"{p.slug}/")) for p in network.pages),
            agenda=contexts.Link(b._("Agenda of all campaigns"), href(url, "agenda/")),
            search=contexts.Link(b._("Search all campaigns"), href(url, "search/")))
    return b.page("", network.title[b.lang], network.tagline[b.lang], context)


def content_pages(b: PortalBuilder) -> list[Page]:
    """The network's editorial pages (content/<lang>/<page>.md)."""
    return [content(b, page) for page in b.network.pages]


def content(b: PortalBuilder, page) -> Page:
    title = page.title[b.lang]
    return b.page(f"{page.slug}/", title, title,
                  lambda _url: contexts.ContentContext(b.site, render_markdown(b.fmt.typography(page.body[b.lang]))))


def sdg_pages(b: PortalBuilder) -> list[Page]:
    used = used_sdgs(b)
    return [sdg(b, number, used) for number in used]


def sdg(b: PortalBuilder, number: int, used: list[int]) -> Page:
    url = f"sdg/{number}/"
    cards = []
    for campaign in sorted(b.network.campaigns, key=lambda c: c.slug):
        builder = b.shown[campaign.slug]
        for item in sorted(campaign.laureates, key=lambda i: i.slug):
            if number in item.sdgs:
                # The card is made for the campaign's site, then its links re-rooted to this page.
                card = builder.card("", item)
                cards.append(_rebase_card(card, campaign_href(b, url, campaign), b.badges(url, item.sdgs)))
    title = goal_title(b, number)
    context = contexts.SdgContext(
        b.site, b.badges(url, [number])[0],
        b._.ngettext("%(count)s project serves goal %(number)s.", "%(count)s projects serve goal %(number)s.",
                     len(cards), count=b.fmt.number(len(cards)), number=number), tuple(cards), (),
        b.badges(url, [other for other in used if other != number]),
        contexts.Link(b._("All campaigns"), href(url, "")), None)
    return b.page(url, title, title, lambda _url: context)


def agenda(b: PortalBuilder) -> Page:
    url = "agenda/"
    events = sorted(((campaign, event) for campaign in b.network.campaigns for event in campaign.events),
                    key=lambda pair: (pair[1].start, pair[1].slug))
    upcoming, past = [], []
    for campaign, event in events:
        builder = b.shown[campaign.slug]
        summary = event_summary(builder, "", event)
        summary = contexts.EventSummary(**{**summary.__dict__,
                                           "href": campaign_href(b, url, campaign, summary.href),
                                           "title": f"{summary.title} ({builder.text(campaign.title)})",
                                           "follow_up": tuple(contexts.Link(link.text, link.href if "://" in link.href
                                                                            else campaign_href(b, url, campaign, link.href))
                                                              for link in summary.follow_up)})
        (upcoming if event.upcoming_on >= b.today else past).append(summary)
    context = agenda_context(b, url, upcoming, reversed(past))
    return b.page(url, b._("Agenda"), b._("Agenda of all campaigns"), lambda _url: context)


def search(b: PortalBuilder) -> Page:
    url = "search/"
    context = contexts.SearchContext(b.site, b._("Search the pages of every campaign in this language."),
                                     href(url, f"{b.root}pagefind/"),
                                     b._("The search needs JavaScript. Every campaign is listed on the home page."))
    return b.page(url, b._("Search"), b._("Search all campaigns"), lambda _url: context)


def _rebase_card(card: contexts.Card, prefix: str, badges: tuple[contexts.SdgBadge, ...]) -> contexts.Card:
    """A card made for a campaign site's root, its links re-rooted under `prefix`, with portal badges."""
    def rebase(link: str) -> str:
        return posixpath.normpath(prefix + link) + ("/" if link.endswith("/") else "")
    image = card.image and contexts.Image(rebase(card.image.src), card.image.alt, card.image.credit)
    return contexts.Card(**{**card.__dict__, "href": rebase(card.href), "image": image, "badges": badges})
