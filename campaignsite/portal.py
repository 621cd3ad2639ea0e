"""Stage 4 for the network portal: its pages in one language, with totals computed from the data."""

from __future__ import annotations

from . import contexts as cx
from .i18n import LANGUAGE_NAMES, Formatter, Translator
from .model import Campaign, Network, render_markdown
from .pages import Page, href, url_for


class PortalPages:
    """Builds the pages of the portal in one language; `root` leads from its root to the site's."""

    def __init__(self, network: Network, lang: str, root: str):
        self.n, self.lang, self.root = network, lang, root
        self._ = Translator(lang)
        self.fmt = Formatter(lang)

    def site(self, url: str) -> cx.Site:
        return cx.Site(self.lang, self._, self.fmt, self.n.title[self.lang], href(url, ""))

    def get_pages(self) -> list[Page]:
        return [self.home()] + [self.content(page) for page in self.n.pages]

    def totals(self) -> tuple[cx.Figure, ...]:
        n, fmt, _ = self.n, self.fmt, self._
        return (cx.Figure(fmt.number(len(n.campaigns)), _("campaigns")),
                cx.Figure(fmt.number(n.municipalities), _("municipalities")),
                cx.Figure(fmt.number(n.laureates), _("laureates")),
                cx.Figure(fmt.money(n.granted), _("granted to citizen projects")))

    def campaign_card(self, url: str, c: Campaign) -> cx.CampaignCard:
        # Show the campaign in the visitor's language when it has it, else in its default one.
        lang = self.lang if self.lang in c.languages else c.default_language
        names = ", ".join(m.name.get(self.lang, m.name[c.default_language]) for m in c.municipalities)
        regions = sorted({m.region for m in c.municipalities})
        figures = [cx.Figure(self.fmt.number(len(c.laureates)), self._("laureates"))] if c.laureates else []
        if c.laureates:
            figures.append(cx.Figure(self.fmt.money(c.granted), self._("granted")))
        return cx.CampaignCard(
            href=href(url, f"{self.root}{c.slug}/{lang}/"), title=c.title[lang], tagline=c.tagline[lang],
            municipalities=names, region=" ".join(regions),
            region_label=", ".join(self._(f"region:{r}") for r in regions),
            languages=", ".join(LANGUAGE_NAMES[code] for code in c.languages), language_codes=" ".join(c.languages),
            year=c.edition, kind=c.kind, kind_label=self._(f"kind:{c.kind}"), figures=tuple(figures))

    def home(self) -> Page:
        n = self.n

        def context(url: str) -> cx.PortalHomeContext:
            ordered = sorted(n.campaigns, key=lambda c: (-c.edition, c.slug))
            return cx.PortalHomeContext(
                site=self.site(url), title=n.title[self.lang], tagline=n.tagline[self.lang], totals=self.totals(),
                campaigns=tuple(self.campaign_card(url, c) for c in ordered),
                pages=tuple(cx.Link(p.title[self.lang], href(url, f"{p.slug}/")) for p in n.pages))
        return Page("index.md", "", "portal_home.html", n.title[self.lang], n.tagline[self.lang], context(""),
                    in_nav=True)

    def content(self, page) -> Page:
        path = f"{page.slug}.md"
        url = url_for(path)
        context = cx.ContentContext(self.site(url), page.title[self.lang], render_markdown(page.body[self.lang]))
        return Page(path, url, "content.html", page.title[self.lang], page.title[self.lang], context, in_nav=True)
