"""Stage 4, pages: the list of pages of one campaign site in one language, each with its context.

A `Page` knows its source path, its URL, its template and its typed context. Which pages exist,
their order and every cross-link are decided here; templates only format.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field

from . import contexts as cx
from .i18n import Formatter, Translator
from .model import Campaign, Laureate, get_sdgs, render_markdown

MEDIA_PREFIX = "../media/"  # campaign media are shared by its language sites, one level up
FEATURED = 6
STATUS_IDS = ("selected", "in-progress", "completed", "stopped")


@dataclass(frozen=True)
class Page:
    """One page of a site: where it goes, which template renders it, with what."""

    path: str            # source path in the docs folder, e.g. "laureates/repair-cafe.md"
    url: str             # address relative to the site root, e.g. "laureates/repair-cafe/"
    template: str        # template under campaignsite/templates/
    title: str
    description: str
    context: object
    in_nav: bool = False
    meta: dict = field(default_factory=dict)


def url_for(path: str) -> str:
    """Directory-style URL of a Markdown source path, as MkDocs makes it."""
    stem = path[:-3]
    if stem == "index":
        return ""
    return (stem[:-len("index")] if stem.endswith("/index") else stem + "/")


def href(from_url: str, to: str) -> str:
    """Relative link from the page at `from_url` to a site-relative `to` (keeps a #fragment)."""
    target, _, fragment = to.partition("#")
    rel = posixpath.relpath(target or ".", from_url or ".") if target else ""
    if target.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + (f"#{fragment}" if fragment else "")


class SitePages:
    """Builds the pages of one campaign in one language."""

    def __init__(self, campaign: Campaign, lang: str, today: dt.date):
        self.c, self.lang, self.today = campaign, lang, today
        self._ = Translator(lang)
        self.fmt = Formatter(lang)

    # -- shared pieces ---------------------------------------------------------------------------

    def t(self, text) -> str:
        """The page language's version of a per-language text."""
        return text[self.lang]

    def site(self, url: str) -> cx.Site:
        return cx.Site(self.lang, self._, self.fmt, self.t(self.c.title), href(url, ""))

    def image(self, url: str, src: str | None, alt: str, credit: str | None = None) -> cx.Image | None:
        return cx.Image(href(url, MEDIA_PREFIX + src[len("media/"):]), alt, credit) if src else None

    def badges(self, url: str, numbers) -> tuple[cx.SdgBadge, ...]:
        sdgs = get_sdgs()
        return tuple(cx.SdgBadge(n, sdgs[n].title[self.lang], sdgs[n].colour, sdgs[n].text_colour,
                                 href(url, f"sdg/{n}/")) for n in numbers)

    def card(self, url: str, laureate: Laureate) -> cx.Card:
        title = self.t(laureate.title)
        category = next((c for c in self.c.budget.categories if c.id == laureate.category), None) \
            if self.c.budget else None
        return cx.Card(
            slug=laureate.slug, href=href(url, f"laureates/{laureate.slug}/"), title=title,
            summary=self.t(laureate.summary), holder=laureate.holder,
            image=self.image(url, laureate.image, self._("Photo of the project %(title)s", title=title),
                             laureate.image_credit),
            badges=self.badges(url, laureate.sdgs), amount=self.fmt.money(laureate.amount),
            status=laureate.status, status_label=self._(f"status:{laureate.status}"),
            category=laureate.category or "", category_label=self.t(category.name) if category else "")

    def page(self, path: str, template: str, title: str, description: str, make_context, **kwargs) -> Page:
        url = url_for(path)
        return Page(path, url, template, title, description, make_context(url), **kwargs)

    # -- the pages -------------------------------------------------------------------------------

    def get_pages(self) -> list[Page]:
        """Every page of this site, navigation pages first."""
        pages = [self.home(), self.showcase(), self.jury()]
        if self.c.call:
            pages.append(self.call())
        pages += [self.laureate(item) for item in self.c.laureates]
        return pages

    def home(self) -> Page:
        c = self.c

        def context(url: str) -> cx.HomeContext:
            featured = sorted(c.laureates, key=lambda item: (-item.amount, item.slug))[:FEATURED]
            return cx.HomeContext(
                site=self.site(url), title=self.t(c.title), tagline=self.t(c.tagline),
                introduction_html=render_markdown(self.t(c.introduction)), figures=self.key_figures(),
                timeline=self.timeline(), call_notice=self.call_notice(),
                campaign_sdgs=self.badges(url, c.sdgs), featured=tuple(self.card(url, f) for f in featured),
                showcase=cx.Link(self._("See all %(count)s laureates", count=len(c.laureates)),
                                 href(url, "laureates/")),
                partners=tuple(cx.PartnerView(p.name, self._(f"role:{p.role}"),
                                              self.image(url, p.logo, self._("Logo of %(name)s", name=p.name)),
                                              p.url) for p in c.partners),
                logo=self.image(url, c.logo, self._("Logo of %(name)s", name=self.t(c.title))))
        return self.page("index.md", "home.html", self.t(c.title), self.t(c.tagline), context, in_nav=True)

    def key_figures(self) -> tuple[cx.Figure, ...]:
        c, fmt, _ = self.c, self.fmt, self._
        figures = []
        if c.call and c.call.submitted is not None:
            figures.append(cx.Figure(fmt.number(c.call.submitted), _("projects submitted")))
        if c.laureates:
            figures.append(cx.Figure(fmt.number(len(c.laureates)), _("laureates")))
            figures.append(cx.Figure(fmt.money(c.granted), _("granted to citizen projects")))
        if c.budget:
            figures.append(cx.Figure(fmt.money(c.budget.total), _("total budget")))
        figures.append(cx.Figure(fmt.number(len(c.municipalities)),
                                 _("municipality") if len(c.municipalities) == 1 else _("municipalities")))
        return tuple(figures)

    def timeline(self) -> tuple[cx.PhaseView, ...]:
        views = []
        for phase in self.c.phases:
            if phase.last_day < self.today:
                state = "past"
            elif phase.start <= self.today:
                state = "current"
            else:
                state = "future"
            dates = self.fmt.date(phase.start) if not phase.end or phase.end == phase.start else \
                self._("%(start)s to %(end)s", start=self.fmt.date(phase.start), end=self.fmt.date(phase.end))
            views.append(cx.PhaseView(self._(f"phase:{phase.id}"), dates, state, phase.start.isoformat()))
        return tuple(views)

    def call_phase(self):
        return next((p for p in self.c.phases if p.id == "call"), None)

    def call_notice(self) -> str | None:
        """During the call: the deadline and how many days remain."""
        phase = self.call_phase()
        if not phase or not phase.end or not (phase.start <= self.today <= phase.end):
            return None
        days = (phase.end - self.today).days
        return self._("The call is open until %(date)s: %(days)s days left.", date=self.fmt.date(phase.end),
                      days=days) if days != 1 else self._("The call closes tomorrow, %(date)s.",
                                                          date=self.fmt.date(phase.end))

    def showcase(self) -> Page:
        c = self.c

        def context(url: str) -> cx.ShowcaseContext:
            used = sorted({n for item in c.laureates for n in item.sdgs})
            statuses = tuple(cx.FilterOption(s, self._(f"status:{s}"),
                                             sum(1 for item in c.laureates if item.status == s))
                             for s in STATUS_IDS if any(item.status == s for item in c.laureates))
            categories = tuple(cx.FilterOption(cat.id, self.t(cat.name),
                                               sum(1 for item in c.laureates if item.category == cat.id))
                               for cat in (c.budget.categories if c.budget else ()))
            return cx.ShowcaseContext(
                site=self.site(url), title=self._("Laureates"),
                intro=self._("%(count)s citizen projects chosen in %(year)s.", count=len(c.laureates),
                             year=c.edition),
                cards=tuple(self.card(url, item) for item in sorted(c.laureates, key=lambda i: self.t(i.title))),
                sdg_links=self.badges(url, used), statuses=statuses, categories=categories)
        return self.page("laureates/index.md", "showcase.html", self._("Laureates"),
                         self._("The laureate projects of %(campaign)s", campaign=self.t(c.title)), context,
                         in_nav=True)

    def laureate(self, item: Laureate) -> Page:
        def context(url: str) -> cx.LaureateContext:
            card = self.card(url, item)
            description = item.description.get(self.lang)
            return cx.LaureateContext(
                site=self.site(url), title=card.title, summary=card.summary, holder=item.holder,
                image=card.image, description_html=render_markdown(description) if description else "",
                badges=card.badges, facts=self.laureate_facts(item, card), website=item.website,
                showcase=cx.Link(self._("All laureates"), href(url, "laureates/")))
        return self.page(f"laureates/{item.slug}.md", "laureate.html", self.t(item.title), self.t(item.summary),
                         context, meta={"image": item.image})

    def laureate_facts(self, item: Laureate, card: cx.Card) -> tuple[cx.Fact, ...]:
        _ = self._
        facts = [cx.Fact(_("Project holder"), item.holder), cx.Fact(_("Grant"), card.amount)]
        if card.category_label:
            facts.append(cx.Fact(_("Category"), card.category_label))
        selected = _(f"selected:{item.selected_by}")
        if item.votes is not None and item.selected_by != "jury":
            selected = _("%(how)s (%(votes)s votes)", how=selected, votes=self.fmt.number(item.votes))
        facts.append(cx.Fact(_("Selected by"), selected))
        facts.append(cx.Fact(_("Status"), card.status_label))
        if item.address:
            facts.append(cx.Fact(_("Where"), item.address))
        return tuple(facts)

    def jury(self) -> Page:
        c = self.c

        def context(url: str) -> cx.JuryContext:
            groups = []
            for kind, label in (("expert", self._("Experts")), ("citizen", self._("Citizens"))):
                members = tuple(cx.JurorView(j.name, self._(f"juror:{j.kind}"),
                                             self.t(j.affiliation) if j.affiliation else None)
                                for j in c.jury if j.kind == kind)
                if members:
                    groups.append((label, members))
            return cx.JuryContext(self.site(url), self._("Jury"),
                                  self._("A participatory jury of experts and citizens chose the laureates."),
                                  tuple(groups))
        return self.page("jury.md", "jury.html", self._("Jury"),
                         self._("The jury of %(campaign)s", campaign=self.t(c.title)), context, in_nav=True)

    def call(self) -> Page:
        c, fmt, _ = self.c, self.fmt, self._

        def context(url: str) -> cx.CallContext:
            phase = self.call_phase()
            if phase is None or phase.end is None:
                status = _("The dates of the call will be announced.")
            elif self.today < phase.start:
                status = _("The call opens on %(date)s.", date=fmt.date(phase.start))
            elif self.today <= phase.end:
                status = self.call_notice()
            else:
                status = _("The call closed on %(date)s.", date=fmt.date(phase.end))
            budget = c.budget
            figures = []
            if c.call.submitted is not None:
                figures.append(cx.Figure(fmt.number(c.call.submitted), _("projects submitted")))
            if c.call.eligible is not None:
                figures.append(cx.Figure(fmt.number(c.call.eligible), _("eligible")))
            if c.laureates:
                figures.append(cx.Figure(fmt.number(len(c.laureates)), _("funded")))
            terms = None
            if budget and budget.upfront_percent is not None:
                terms = _("%(upfront)s%% of the grant is paid when the project is selected, the remaining "
                          "%(rest)s%% after its final report.", upfront=budget.upfront_percent,
                          rest=100 - budget.upfront_percent)
            return cx.CallContext(
                site=self.site(url), title=_("Call for projects"), status=status,
                deadline=fmt.date(phase.end) if phase and phase.end else None,
                criteria=c.call.criteria[self.lang], how_to_apply_html=render_markdown(self.t(c.call.how_to_apply)),
                apply=cx.Link(_("Apply"), c.call.apply_url) if c.call.apply_url else None,
                budget_total=fmt.money(budget.total) if budget else None,
                sources=tuple(cx.Fact(self.t(s.name), fmt.money(s.amount)) for s in budget.sources) if budget else (),
                caps=tuple(cx.Fact(self.t(cat.name), _("up to %(amount)s", amount=fmt.money(cat.cap)))
                           for cat in budget.categories) if budget else (),
                payment_terms=terms, figures=tuple(figures))
        return self.page("call.md", "call.html", _("Call for projects"),
                         _("Criteria, budget and deadline of the call for projects"), context, in_nav=True)
