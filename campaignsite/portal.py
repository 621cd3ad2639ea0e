"""Stage 4 for the network portal: its pages in one language, with totals computed from the data.

The portal lists every campaign (filterable by region, language, year and kind), every laureate by
SDG across campaigns, a combined agenda with its calendar feed, and a search across all campaigns.
"""

from __future__ import annotations

import posixpath

from . import contexts as cx
from .agenda_pages import event_summary
from .i18n import LANGUAGE_NAMES
from .model import Campaign, get_sdgs, render_markdown
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


def totals(b: PortalBuilder) -> tuple[cx.Figure, ...]:
    n, fmt, _ = b.network, b.fmt, b._
    return (cx.Figure(fmt.number(len(n.campaigns)), _("campaigns")),
            cx.Figure(fmt.number(n.municipalities), _("municipalities")),
            cx.Figure(fmt.number(n.laureates), _("laureates")),
            cx.Figure(fmt.money(n.granted), _("granted to citizen projects")))


def campaign_card(b: PortalBuilder, url: str, c: Campaign) -> cx.CampaignCard:
    lang = shown_language(b, c)
    names = ", ".join(m.name.get(b.lang, m.name[c.default_language]) for m in c.municipalities)
    regions = sorted({m.region for m in c.municipalities})
    figures = [cx.Figure(b.fmt.number(len(c.laureates)), b._("laureates"))] if c.laureates else []
    if c.laureates:
        figures.append(cx.Figure(b.fmt.money(c.granted), b._("granted")))
    return cx.CampaignCard(
        lang=lang, href=campaign_href(b, url, c), title=c.title[lang], tagline=c.tagline[lang],
        municipalities=names, region=" ".join(regions),
        region_label=", ".join(b._(f"region:{r}") for r in regions),
        languages=", ".join(LANGUAGE_NAMES[code] for code in c.languages), language_codes=" ".join(c.languages),
        year=c.edition, kind=c.kind, kind_label=b._(f"kind:{c.kind}"), figures=tuple(figures))


def filters(b: PortalBuilder) -> tuple:
    campaigns, _ = b.network.campaigns, b._

    def options(values, label) -> tuple[cx.FilterOption, ...]:
        counts: dict[str, int] = {}
        for value_set in values:
            for value in value_set:
                counts[value] = counts.get(value, 0) + 1
        return tuple(cx.FilterOption(v, label(v), counts[v]) for v in sorted(counts))
    return (
        ("region", _("Region"), options([{m.region for m in c.municipalities} for c in campaigns],
                                        lambda v: _(f"region:{v}"))),
        ("language", _("Language"), options([set(c.languages) for c in campaigns], LANGUAGE_NAMES.get)),
        ("year", _("Year"), options([{str(c.edition)} for c in campaigns], str)),
        ("kind", _("Kind"), options([{c.kind} for c in campaigns], lambda v: _(f"kind:{v}"))))


def used_sdgs(b: PortalBuilder) -> list[int]:
    return sorted({n for c in b.network.campaigns for item in c.laureates for n in item.sdgs})


def home(b: PortalBuilder) -> Page:
    n = b.network

    def context(url: str) -> cx.PortalHomeContext:
        ordered = sorted(n.campaigns, key=lambda c: (-c.edition, c.slug))
        return cx.PortalHomeContext(
            site=b.site(url), title=n.title[b.lang], tagline=n.tagline[b.lang], totals=totals(b),
            campaigns=tuple(campaign_card(b, url, c) for c in ordered), filters=filters(b),
            sdg_links=b.badges(url, used_sdgs(b)),
            pages=tuple(cx.Link(p.title[b.lang], href(url, f"{p.slug}/")) for p in n.pages),
            agenda=cx.Link(b._("Agenda of all campaigns"), href(url, "agenda/")),
            search=cx.Link(b._("Search all campaigns"), href(url, "search/")))
    return b.page("", n.title[b.lang], n.tagline[b.lang], context)


def content_pages(b: PortalBuilder) -> list[Page]:
    """The network's editorial pages (content/<lang>/<page>.md)."""
    return [content(b, page) for page in b.network.pages]


def content(b: PortalBuilder, page) -> Page:
    title = page.title[b.lang]
    return b.page(f"{page.slug}/", title, title,
                  lambda url: cx.ContentContext(b.site(url), title, render_markdown(page.body[b.lang])))


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
    title = b._("Goal %(number)s: %(title)s", number=number, title=get_sdgs()[number].title[b.lang])
    context = cx.SdgContext(
        b.site(url), b.badges(url, [number])[0],
        b._("%(count)s projects serve goal %(number)s.", count=len(cards), number=number), tuple(cards), (),
        b.badges(url, [n for n in used if n != number]), cx.Link(b._("All campaigns"), href(url, "")), None)
    return b.page(url, title, title, lambda _url: context)


def agenda(b: PortalBuilder) -> Page:
    url = "agenda/"
    events = sorted(((c, e) for c in b.network.campaigns for e in c.events), key=lambda ce: (ce[1].start, ce[1].slug))
    upcoming, past = [], []
    for campaign, event in events:
        builder = b.shown[campaign.slug]
        summary = event_summary(builder, "", event)
        summary = cx.EventSummary(**{**summary.__dict__, "href": campaign_href(b, url, campaign, summary.href),
                                     "title": f"{summary.title} ({builder.t(campaign.title)})"})
        (upcoming if event.upcoming_on >= b.today else past).append(summary)
    context = cx.AgendaContext(
        b.site(url), b._("Agenda of all campaigns"), tuple(upcoming), tuple(reversed(past)),
        cx.Link(b._("Subscribe to the agenda (iCalendar)"), href(url, "agenda.ics")),
        b._("Add this address to your calendar app to see new events as they are announced."))
    return b.page(url, b._("Agenda"), b._("Agenda of all campaigns"), lambda _url: context)


def search(b: PortalBuilder) -> Page:
    url = "search/"
    context = cx.SearchContext(b.site(url), b._("Search"),
                               b._("Search the pages of every campaign in this language."),
                               href(url, f"{b.root}pagefind/"),
                               b._("The search needs JavaScript. Every campaign is listed on the home page."))
    return b.page(url, b._("Search"), b._("Search all campaigns"), lambda _url: context)


def _rebase_card(card: cx.Card, prefix: str, badges: tuple[cx.SdgBadge, ...]) -> cx.Card:
    """A card made for a campaign site's root, its links re-rooted under `prefix`, with portal badges."""
    def rebase(link: str) -> str:
        return posixpath.normpath(prefix + link) + ("/" if link.endswith("/") else "")
    image = card.image and cx.Image(rebase(card.image.src), card.image.alt, card.image.credit)
    return cx.Card(**{**card.__dict__, "href": rebase(card.href), "image": image, "badges": badges})
