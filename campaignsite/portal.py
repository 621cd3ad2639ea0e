"""Stage 4 for the network portal: its pages in one language, with totals computed from the data.

The portal lists every campaign (filterable by region, language, year and kind), every laureate by
SDG across campaigns, a combined agenda with its calendar feed, and a search across all campaigns.
"""

from __future__ import annotations

import posixpath

from . import contexts as cx
from .i18n import LANGUAGE_NAMES, Formatter, Translator
from .model import Campaign, Network, get_sdgs, render_markdown
from .pages import Page, href, url_for
from .press_pages import statement_page


class PortalPages:
    """Builds the pages of the portal in one language; `root` leads from its root to the site's."""

    def __init__(self, network: Network, lang: str, root: str, today, campaign_pages):
        self.n, self.lang, self.root, self.today = network, lang, root, today
        # campaign slug -> the page builder of that campaign in the language the portal shows it in
        self.campaign_pages = campaign_pages
        self._ = Translator(lang)
        self.fmt = Formatter(lang)

    def site(self, url: str) -> cx.Site:
        return cx.Site(self.lang, self._, self.fmt, self.n.title[self.lang], href(url, ""))

    def get_pages(self) -> list[Page]:
        statements = [statement_page(self, kind, self.n.title[self.lang], "", self.n.contact.email)
                      for kind in ("accessibility", "privacy")]
        return [self.home(), self.agenda(), self.search()] + [self.content(page) for page in self.n.pages] + \
            self.sdg_pages() + statements

    def shown_language(self, campaign: Campaign) -> str:
        """A campaign is shown in the visitor's language when it has it, else in its default one."""
        return self.lang if self.lang in campaign.languages else campaign.default_language

    def campaign_href(self, url: str, campaign: Campaign, path: str = "") -> str:
        return href(url, f"{self.root}{campaign.slug}/{self.shown_language(campaign)}/{path}")

    def totals(self) -> tuple[cx.Figure, ...]:
        n, fmt, _ = self.n, self.fmt, self._
        return (cx.Figure(fmt.number(len(n.campaigns)), _("campaigns")),
                cx.Figure(fmt.number(n.municipalities), _("municipalities")),
                cx.Figure(fmt.number(n.laureates), _("laureates")),
                cx.Figure(fmt.money(n.granted), _("granted to citizen projects")))

    def campaign_card(self, url: str, c: Campaign) -> cx.CampaignCard:
        lang = self.shown_language(c)
        names = ", ".join(m.name.get(self.lang, m.name[c.default_language]) for m in c.municipalities)
        regions = sorted({m.region for m in c.municipalities})
        figures = [cx.Figure(self.fmt.number(len(c.laureates)), self._("laureates"))] if c.laureates else []
        if c.laureates:
            figures.append(cx.Figure(self.fmt.money(c.granted), self._("granted")))
        return cx.CampaignCard(
            lang=lang, href=self.campaign_href(url, c), title=c.title[lang], tagline=c.tagline[lang],
            municipalities=names, region=" ".join(regions),
            region_label=", ".join(self._(f"region:{r}") for r in regions),
            languages=", ".join(LANGUAGE_NAMES[code] for code in c.languages), language_codes=" ".join(c.languages),
            year=c.edition, kind=c.kind, kind_label=self._(f"kind:{c.kind}"), figures=tuple(figures))

    def filters(self) -> tuple:
        campaigns, _ = self.n.campaigns, self._

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

    def used_sdgs(self) -> list[int]:
        return sorted({n for c in self.n.campaigns for item in c.laureates for n in item.sdgs})

    def badges(self, url: str, numbers) -> tuple[cx.SdgBadge, ...]:
        sdgs = get_sdgs()
        return tuple(cx.SdgBadge(n, sdgs[n].title[self.lang], sdgs[n].colour, sdgs[n].text_colour,
                                 href(url, f"sdg/{n}/")) for n in numbers)

    def home(self) -> Page:
        n = self.n

        def context(url: str) -> cx.PortalHomeContext:
            ordered = sorted(n.campaigns, key=lambda c: (-c.edition, c.slug))
            return cx.PortalHomeContext(
                site=self.site(url), title=n.title[self.lang], tagline=n.tagline[self.lang], totals=self.totals(),
                campaigns=tuple(self.campaign_card(url, c) for c in ordered), filters=self.filters(),
                sdg_links=self.badges(url, self.used_sdgs()),
                pages=tuple(cx.Link(p.title[self.lang], href(url, f"{p.slug}/")) for p in n.pages),
                agenda=cx.Link(self._("Agenda of all campaigns"), href(url, "agenda/")),
                search=cx.Link(self._("Search all campaigns"), href(url, "search/")))
        return Page("index.md", "", "portal_home.html", n.title[self.lang], n.tagline[self.lang], context(""),
                    in_nav=True)

    def content(self, page) -> Page:
        path = f"{page.slug}.md"
        url = url_for(path)
        context = cx.ContentContext(self.site(url), page.title[self.lang], render_markdown(page.body[self.lang]))
        return Page(path, url, "content.html", page.title[self.lang], page.title[self.lang], context, in_nav=True)

    def sdg_pages(self) -> list[Page]:
        used = self.used_sdgs()
        return [self.sdg(number, used) for number in used]

    def sdg(self, number: int, used: list[int]) -> Page:
        path = f"sdg/{number}.md"
        url = url_for(path)
        cards = []
        for campaign in sorted(self.n.campaigns, key=lambda c: c.slug):
            builder = self.campaign_pages[campaign.slug]
            for item in sorted(campaign.laureates, key=lambda i: i.slug):
                if number in item.sdgs:
                    # The card is made for the campaign's site, then its links re-rooted to this page.
                    card = builder.card("", item)
                    cards.append(_rebase_card(card, self.campaign_href(url, campaign), self.badges(url, item.sdgs)))
        title = self._("Goal %(number)s: %(title)s", number=number, title=get_sdgs()[number].title[self.lang])
        context = cx.SdgContext(
            self.site(url), self.badges(url, [number])[0],
            self._("%(count)s projects serve goal %(number)s.", count=len(cards), number=number), tuple(cards), (),
            self.badges(url, [n for n in used if n != number]), cx.Link(self._("All campaigns"), href(url, "")))
        return Page(path, url, "sdg.html", title, title, context)

    def agenda(self) -> Page:
        path = "agenda.md"
        url = url_for(path)
        events = sorted(((c, e) for c in self.n.campaigns for e in c.events), key=lambda ce: (ce[1].start, ce[1].slug))
        upcoming, past = [], []
        for campaign, event in events:
            builder = self.campaign_pages[campaign.slug]
            summary = builder.event_summary("", event)
            summary = cx.EventSummary(**{**summary.__dict__, "href": self.campaign_href(url, campaign, summary.href),
                                         "title": f"{summary.title} ({builder.t(campaign.title)})"})
            (upcoming if event.upcoming_on >= self.today else past).append(summary)
        context = cx.AgendaContext(
            self.site(url), self._("Agenda of all campaigns"), tuple(upcoming), tuple(reversed(past)),
            cx.Link(self._("Subscribe to the agenda (iCalendar)"), href(url, "agenda.ics")),
            self._("Add this address to your calendar app to see new events as they are announced."))
        return Page(path, url, "agenda.html", self._("Agenda"), self._("Agenda of all campaigns"), context,
                    in_nav=True)

    def search(self) -> Page:
        path = "search.md"
        url = url_for(path)
        context = cx.SearchContext(self.site(url), self._("Search"),
                                   self._("Search the pages of every campaign in this language."),
                                   href(url, f"{self.root}pagefind/"),
                                   self._("The search needs JavaScript. Every campaign is listed on the home page."))
        return Page(path, url, "search.html", self._("Search"), self._("Search all campaigns"), context,
                    in_nav=True)


def _rebase_card(card: cx.Card, prefix: str, badges: tuple[cx.SdgBadge, ...]) -> cx.Card:
    """A card made for a campaign site's root, its links re-rooted under `prefix`, with portal badges."""
    def rebase(link: str) -> str:
        return posixpath.normpath(prefix + link) + ("/" if link.endswith("/") else "")
    image = card.image and cx.Image(rebase(card.image.src), card.image.alt, card.image.credit)
    return cx.Card(**{**card.__dict__, "href": rebase(card.href), "image": image, "badges": badges})
