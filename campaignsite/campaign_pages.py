"""The pages of a campaign site: home, laureates, project pages, SDG pages, help, jury, call."""

from __future__ import annotations

from urllib.parse import quote

from . import contexts as cx
from .model import Laureate, get_sdgs, render_markdown
from .pages import FEATURED, STATUS_IDS, Page, PageBuilder, href


class CampaignPages(PageBuilder):
    """Home, showcase, laureates, jury and call of one campaign in one language."""

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

    def current_phase(self):
        """The phase going on today; when phases overlap, the one that started last."""
        going_on = [p for p in self.c.phases if p.start <= self.today <= p.last_day]
        return going_on[-1] if going_on else None  # phases are sorted by start

    def timeline(self) -> tuple[cx.PhaseView, ...]:
        views = []
        current = self.current_phase()
        for phase in self.c.phases:
            if phase is current:
                state = "current"
            elif phase.start > self.today:
                state = "future"
            else:
                state = "past" if phase.last_day < self.today else "ongoing"
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
                image=card.image, gallery=self.gallery(url, item), description_html=render_markdown(description)
                if description else "", badges=card.badges, facts=self.laureate_facts(item, card),
                payment=self.payment(item), updates=self.updates(item), needs=self.needs(url, item),
                video=self.video(item), map_link=self.map_link(item), website=item.website,
                share=self.share_links(f"laureates/{item.slug}/", card.title),
                showcase=cx.Link(self._("All laureates"), href(url, "laureates/")),
                help_page=cx.Link(self._("How can I help?"), href(url, "help/")))
        path = f"laureates/{item.slug}.md"
        return self.page(path, "laureate.html", self.t(item.title), self.t(item.summary), context,
                         meta=self.social_meta(path, item.image, "article", self.laureate_json_ld(item)))

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

    def payment(self, item: Laureate) -> str | None:
        """Where the grant's payment stands, from the status and the campaign's payment terms."""
        budget = self.c.budget
        if not budget or budget.upfront_percent is None:
            return None
        upfront = item.amount * budget.upfront_percent // 100
        if item.status == "completed":
            return self._("The grant of %(amount)s has been paid in full.", amount=self.fmt.money(item.amount))
        if item.status == "stopped":
            return self._("The project stopped; payments have ended.")
        return self._("%(percent)s%% of the grant (%(upfront)s) is paid; the remaining %(rest)s follow the final "
                      "report.", percent=budget.upfront_percent, upfront=self.fmt.money(upfront),
                      rest=self.fmt.money(item.amount - upfront))

    def updates(self, item: Laureate) -> tuple[cx.UpdateView, ...]:
        return tuple(cx.UpdateView(self.fmt.date(u.date), u.date.isoformat(), self._(f"status:{u.status}"),
                                   u.text[self.lang]) for u in reversed(item.updates))

    def money(self, url: str, item: Laureate) -> cx.Money | None:
        funding = item.crowdfunding
        if funding is None:
            return None
        label = self._("%(raised)s raised of %(goal)s (%(percent)s%%)", raised=self.fmt.money(funding.raised),
                       goal=self.fmt.money(funding.goal), percent=funding.percent)
        link = cx.Link(self._("Support %(title)s with a gift", title=self.t(item.title)), funding.url) \
            if funding.url else None
        return cx.Money(self.fmt.money(funding.goal), self.fmt.money(funding.raised), funding.percent, label, link)

    def needs(self, url: str, item: Laureate) -> cx.Needs:
        if item.status in ("completed", "stopped"):
            return cx.Needs(None, (), (), ())  # a finished or stopped project asks nothing any more
        money = self.money(url, item)
        if money and item.crowdfunding.raised >= item.crowdfunding.goal:
            money = None  # the goal is met: nothing more to ask
        return cx.Needs(money, *(item.needs[kind].get(self.lang, ()) for kind in ("materials", "skills", "volunteers")))

    def video(self, item: Laureate) -> cx.Video | None:
        """A facade for the video: the player is only loaded from its host after a click."""
        if not item.video_url:
            return None
        url = item.video_url
        if "vimeo.com/" in url:
            video_id, host = url.rstrip("/").rsplit("/", 1)[-1], "Vimeo"
            embed = f"https://player.vimeo.com/video/{video_id}?dnt=1&autoplay=1"
        else:
            video_id = url.split("v=", 1)[1][:11] if "v=" in url else url.rstrip("/").rsplit("/", 1)[-1][:11]
            host = "YouTube"
            embed = f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
        return cx.Video(embed, url, host, self._("Play the video of %(title)s", title=self.t(item.title)),
                        self._("The video is loaded from %(host)s only when you click; %(host)s may then set "
                               "cookies.", host=host))

    def map_link(self, item: Laureate) -> cx.Link | None:
        """A link to OpenStreetMap: no map tiles are loaded on our page."""
        if item.location:
            lat, lon = item.location
            return cx.Link(self._("See on OpenStreetMap"),
                           f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
        if item.address:
            return cx.Link(self._("See on OpenStreetMap"),
                           "https://www.openstreetmap.org/search?query=" + quote(item.address))
        return None

    def gallery(self, url: str, item: Laureate) -> tuple[cx.Image, ...]:
        title = self.t(item.title)
        return tuple(self.image(url, src, self._("Photo %(number)s of the project %(title)s", number=index,
                                                 title=title))
                     for index, src in enumerate(item.gallery, start=1))

    def share_links(self, url: str, title: str) -> tuple[cx.Link, ...]:
        """Plain share links: no script, no tracking parameter, nothing loaded before a click."""
        page = quote(self.absolute(url), safe="")
        text = quote(title, safe="")
        return (cx.Link(self._("E-mail"), f"mailto:?subject={text}&body={page}"),
                cx.Link("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={page}"),
                cx.Link("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={page}"),
                cx.Link("Bluesky", f"https://bsky.app/intent/compose?text={text}%20{page}"),
                cx.Link("WhatsApp", f"https://wa.me/?text={text}%20{page}"))

    def laureate_json_ld(self, item: Laureate) -> dict:
        data = {"@context": "https://schema.org", "@type": "Project", "name": self.t(item.title),
                "description": self.t(item.summary), "url": self.absolute(f"laureates/{item.slug}/"),
                "inLanguage": self.lang, "funder": {"@type": "Organization", "name": self.t(self.c.title)},
                "member": {"@type": "Organization", "name": item.holder}}
        if item.image:
            data["image"] = self.media_url(item.image)
        if item.address:
            data["location"] = {"@type": "Place", "address": item.address}
        return data

    def sdg_pages(self) -> list[Page]:
        """A page per goal used by the campaign, its laureates or its actions."""
        used = set(self.c.sdgs) | {n for item in self.c.laureates for n in item.sdgs} | \
            {n for action in self.c.actions for n in action.sdgs}
        return [self.sdg(number, sorted(used)) for number in sorted(used)]

    def sdg(self, number: int, used: list[int]) -> Page:
        sdg = get_sdgs()[number]

        def context(url: str) -> cx.SdgContext:
            projects = sorted((i for i in self.c.laureates if number in i.sdgs), key=lambda i: self.t(i.title))
            actions = tuple(cx.Link(self.t(a.title), href(url, f"actions/#{a.slug}"))
                            for a in self.c.actions if number in a.sdgs)
            intro = self._("%(count)s projects serve goal %(number)s.", count=len(projects), number=number) \
                if projects else self._("No laureate serves this goal yet.")
            return cx.SdgContext(self.site(url), self.badges(url, [number])[0], intro,
                                 tuple(self.card(url, i) for i in projects), actions,
                                 self.badges(url, [n for n in used if n != number]),
                                 cx.Link(self._("All laureates"), href(url, "laureates/")))
        title = self._("Goal %(number)s: %(title)s", number=number, title=sdg.title[self.lang])
        return self.page(f"sdg/{number}.md", "sdg.html", title, title, context)

    def help(self) -> Page:
        _ = self._

        def context(url: str) -> cx.HelpContext:
            ordered = sorted(self.c.laureates, key=lambda i: self.t(i.title))
            asks = [(i, cx.Link(self.t(i.title), href(url, f"laureates/{i.slug}/#help")), self.needs(url, i))
                    for i in ordered]
            groups = [cx.HelpGroup("money", _("Money"), _("Give to a crowdfunding."),
                                   tuple(cx.HelpItem(link, "", needs.money) for _i, link, needs in asks if needs.money))]
            for kind, title, intro in (("materials", _("Materials"), _("Lend or give what a project needs.")),
                                       ("skills", _("Skills"), _("Share what you know how to do.")),
                                       ("volunteers", _("Time"), _("Lend a hand."))):
                items = tuple(cx.HelpItem(link, need) for _i, link, needs in asks for need in getattr(needs, kind))
                groups.append(cx.HelpGroup(kind, title, intro, items))
            return cx.HelpContext(self.site(url), _("How can I help?"),
                                  _("The projects need more than money. Every open need, by kind:"),
                                  tuple(g for g in groups if g.items), _("No project needs help right now."))
        return self.page("help.md", "help.html", _("How can I help?"),
                         _("Money, materials, skills and time the projects need"), context, in_nav=True)

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
