"""The pages of a campaign site: home, laureates, project pages, SDG pages, help, jury, call."""

from __future__ import annotations

from urllib.parse import quote

from . import contexts as cx
from .model import Laureate, get_sdgs, render_markdown
from .pages import FEATURED, STATUS_IDS, Page, CampaignBuilder, href


def home(b: CampaignBuilder) -> Page:
    c = b.c

    def context(url: str) -> cx.HomeContext:
        featured = sorted(c.laureates, key=lambda item: (-item.amount, item.slug))[:FEATURED]
        return cx.HomeContext(
            site=b.site(url), title=b.t(c.title), tagline=b.t(c.tagline),
            introduction_html=render_markdown(b.t(c.introduction)), figures=key_figures(b),
            timeline=timeline(b), call_notice=call_notice(b),
            campaign_sdgs=b.badges(url, c.sdgs), featured=tuple(b.card(url, f) for f in featured),
            showcase=cx.Link(b._("See all %(count)s laureates", count=len(c.laureates)),
                             href(url, "laureates/")),
            partners=tuple(cx.PartnerView(p.name, b._(f"role:{p.role}"),
                                          b.image(url, p.logo, b._("Logo of %(name)s", name=p.name)),
                                          p.url) for p in c.partners),
            logo=b.image(url, c.logo, b._("Logo of %(name)s", name=b.t(c.title))))
    return b.page("", b.t(c.title), b.t(c.tagline), context)


def key_figures(b: CampaignBuilder) -> tuple[cx.Figure, ...]:
    c, fmt, _ = b.c, b.fmt, b._
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


def current_phase(b: CampaignBuilder):
    """The phase going on today; when phases overlap, the one that started last."""
    going_on = [p for p in b.c.phases if p.start <= b.today <= p.last_day]
    return going_on[-1] if going_on else None  # phases are sorted by start


def timeline(b: CampaignBuilder) -> tuple[cx.PhaseView, ...]:
    views = []
    current = current_phase(b)
    for phase in b.c.phases:
        if phase is current:
            state = "current"
        elif phase.start > b.today:
            state = "future"
        else:
            state = "past" if phase.last_day < b.today else "ongoing"
        dates = b.fmt.date(phase.start) if not phase.end or phase.end == phase.start else \
            b._("%(start)s to %(end)s", start=b.fmt.date(phase.start), end=b.fmt.date(phase.end))
        views.append(cx.PhaseView(b._(f"phase:{phase.id}"), dates, state, phase.start.isoformat()))
    return tuple(views)


def call_phase(b: CampaignBuilder):
    return next((p for p in b.c.phases if p.id == "call"), None)


def call_notice(b: CampaignBuilder) -> str | None:
    """During the call: the deadline and how many days remain."""
    phase = call_phase(b)
    if not phase or not phase.end or not (phase.start <= b.today <= phase.end):
        return None
    days = (phase.end - b.today).days
    return b._("The call is open until %(date)s: %(days)s days left.", date=b.fmt.date(phase.end),
               days=days) if days != 1 else b._("The call closes tomorrow, %(date)s.",
                                                date=b.fmt.date(phase.end))


def showcase(b: CampaignBuilder) -> Page:
    c = b.c

    def context(url: str) -> cx.ShowcaseContext:
        used = sorted({n for item in c.laureates for n in item.sdgs})
        statuses = tuple(cx.FilterOption(s, b._(f"status:{s}"),
                                         sum(1 for item in c.laureates if item.status == s))
                         for s in STATUS_IDS if any(item.status == s for item in c.laureates))
        categories = tuple(cx.FilterOption(cat.id, b.t(cat.name),
                                           sum(1 for item in c.laureates if item.category == cat.id))
                           for cat in (c.budget.categories if c.budget else ()))
        return cx.ShowcaseContext(
            site=b.site(url), title=b._("Laureates"),
            intro=b._("%(count)s citizen projects chosen in %(year)s.", count=len(c.laureates),
                      year=c.edition),
            cards=tuple(b.card(url, item) for item in sorted(c.laureates, key=lambda i: b.t(i.title))),
            sdg_links=b.badges(url, used), statuses=statuses, categories=categories,
            goals=cx.Link(b._("All goals"), href(url, "sdg/")))
    return b.page("laureates/", b._("Laureates"),
                  b._("The laureate projects of %(campaign)s", campaign=b.t(c.title)), context)


def laureates(b: CampaignBuilder) -> list[Page]:
    """A page per laureate project."""
    return [laureate(b, item) for item in b.c.laureates]


def laureate(b: CampaignBuilder, item: Laureate) -> Page:
    def context(url: str) -> cx.LaureateContext:
        card = b.card(url, item)
        description = item.description.get(b.lang)
        return cx.LaureateContext(
            site=b.site(url), title=card.title, summary=card.summary, holder=item.holder,
            image=card.image, gallery=gallery(b, url, item), description_html=render_markdown(description)
            if description else "", badges=card.badges, facts=laureate_facts(b, item, card),
            payment=payment(b, item), updates=updates(b, item), needs=needs(b, url, item),
            video=video(b, item), map_link=map_link(b, item), website=item.website,
            share=share_links(b, f"laureates/{item.slug}/", card.title),
            showcase=cx.Link(b._("All laureates"), href(url, "laureates/")),
            help_page=cx.Link(b._("How can I help?"), href(url, "help/")))
    url = f"laureates/{item.slug}/"
    return b.page(url, b.t(item.title), b.t(item.summary), context,
                  meta=b.social_meta(url, item.image, "article", laureate_json_ld(b, item)))


def laureate_facts(b: CampaignBuilder, item: Laureate, card: cx.Card) -> tuple[cx.Fact, ...]:
    _ = b._
    facts = [cx.Fact(_("Project holder"), item.holder), cx.Fact(_("Grant"), card.amount)]
    if card.category_label:
        facts.append(cx.Fact(_("Category"), card.category_label))
    selected = _(f"selected:{item.selected_by}")
    if item.votes is not None and item.selected_by != "jury":
        selected = _("%(how)s (%(votes)s votes)", how=selected, votes=b.fmt.number(item.votes))
    facts.append(cx.Fact(_("Selected by"), selected))
    facts.append(cx.Fact(_("Status"), card.status_label))
    if item.address:
        facts.append(cx.Fact(_("Where"), item.address))
    return tuple(facts)


def payment(b: CampaignBuilder, item: Laureate) -> str | None:
    """Where the grant's payment stands, from the status and the campaign's payment terms."""
    budget = b.c.budget
    if not budget or budget.upfront_percent is None:
        return None
    upfront = item.amount * budget.upfront_percent // 100
    if item.status == "completed":
        return b._("The grant of %(amount)s has been paid in full.", amount=b.fmt.money(item.amount))
    if item.status == "stopped":
        return b._("The project stopped; payments have ended.")
    return b._("%(percent)s%% of the grant (%(upfront)s) is paid; the remaining %(rest)s follow the final "
               "report.", percent=budget.upfront_percent, upfront=b.fmt.money(upfront),
               rest=b.fmt.money(item.amount - upfront))


def updates(b: CampaignBuilder, item: Laureate) -> tuple[cx.UpdateView, ...]:
    return tuple(cx.UpdateView(b.fmt.date(u.date), u.date.isoformat(), b._(f"status:{u.status}"),
                               u.text[b.lang]) for u in reversed(item.updates))


def money_need(b: CampaignBuilder, url: str, item: Laureate) -> cx.Money | None:
    funding = item.crowdfunding
    if funding is None:
        return None
    label = b._("%(raised)s raised of %(goal)s (%(percent)s%%)", raised=b.fmt.money(funding.raised),
                goal=b.fmt.money(funding.goal), percent=funding.percent)
    link = cx.Link(b._("Support %(title)s with a gift", title=b.t(item.title)), funding.url) \
        if funding.url else None
    return cx.Money(b.fmt.money(funding.goal), b.fmt.money(funding.raised), funding.percent, label, link)


def needs(b: CampaignBuilder, url: str, item: Laureate) -> cx.Needs:
    if item.status in ("completed", "stopped"):
        return cx.Needs(None, (), (), ())  # a finished or stopped project asks nothing any more
    money = money_need(b, url, item)
    if money and item.crowdfunding.raised >= item.crowdfunding.goal:
        money = None  # the goal is met: nothing more to ask
    return cx.Needs(money, *(item.needs[kind].get(b.lang, ()) for kind in ("materials", "skills", "volunteers")))


def video(b: CampaignBuilder, item: Laureate) -> cx.Video | None:
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
    return cx.Video(embed, url, host, b._("Play the video of %(title)s", title=b.t(item.title)),
                    b._("The video is loaded from %(host)s only when you click; %(host)s may then set "
                        "cookies.", host=host))


def map_link(b: CampaignBuilder, item: Laureate) -> cx.Link | None:
    """A link to OpenStreetMap: no map tiles are loaded on our page."""
    if item.location:
        lat, lon = item.location
        return cx.Link(b._("See on OpenStreetMap"),
                       f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
    if item.address:
        return cx.Link(b._("See on OpenStreetMap"),
                       "https://www.openstreetmap.org/search?query=" + quote(item.address))
    return None


def gallery(b: CampaignBuilder, url: str, item: Laureate) -> tuple[cx.Image, ...]:
    title = b.t(item.title)
    return tuple(b.image(url, src, b._("Photo %(number)s of the project %(title)s", number=index,
                                       title=title))
                 for index, src in enumerate(item.gallery, start=1))


def share_links(b: CampaignBuilder, url: str, title: str) -> tuple[cx.Link, ...]:
    """Plain share links: no script, no tracking parameter, nothing loaded before a click."""
    page = quote(b.absolute(url), safe="")
    text = quote(title, safe="")
    return (cx.Link(b._("E-mail"), f"mailto:?subject={text}&body={page}"),
            cx.Link("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={page}"),
            cx.Link("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={page}"),
            cx.Link("Bluesky", f"https://bsky.app/intent/compose?text={text}%20{page}"),
            cx.Link("WhatsApp", f"https://wa.me/?text={text}%20{page}"))


def laureate_json_ld(b: CampaignBuilder, item: Laureate) -> dict:
    data = {"@context": "https://schema.org", "@type": "Project", "name": b.t(item.title),
            "description": b.t(item.summary), "url": b.absolute(f"laureates/{item.slug}/"),
            "inLanguage": b.lang, "funder": {"@type": "Organization", "name": b.t(b.c.title)},
            "member": {"@type": "Organization", "name": item.holder}}
    if item.image:
        data["image"] = b.media_url(item.image)
    if item.address:
        data["location"] = {"@type": "Place", "address": item.address}
    return data


def used_sdgs(campaign) -> list[int]:
    """The goals of the campaign, its laureates and its actions."""
    return sorted(set(campaign.sdgs) | {n for item in campaign.laureates for n in item.sdgs}
                  | {n for action in campaign.actions for n in action.sdgs})


def sdg_pages(b: CampaignBuilder) -> list[Page]:
    """A page per goal used by the campaign, its laureates or its actions."""
    used = used_sdgs(b.c)
    return [sdg(b, number, used) for number in used]


def sdg_index(b: CampaignBuilder) -> Page:
    """Every goal of the campaign with how many projects (and actions) serve it and the money they got."""
    _ = b._
    title = _("Sustainable Development Goals")
    intro = _("The goals that the projects of %(campaign)s serve, with how many projects and how much money "
              "go to each.", campaign=b.t(b.c.title))

    def context(url: str) -> cx.SdgIndexContext:
        rows = []
        for number in used_sdgs(b.c):
            projects = [item for item in b.c.laureates if number in item.sdgs]
            actions = [action for action in b.c.actions if number in action.sdgs]
            rows.append(cx.SdgRow(b.badges(url, [number])[0], b.fmt.number(len(projects)),
                                  b.fmt.money(sum(item.amount for item in projects)),
                                  b.fmt.number(len(actions)) if b.c.actions else None))
        return cx.SdgIndexContext(b.site(url), title, intro, tuple(rows), bool(b.c.actions),
                                  _("A project that serves several goals counts for each of them."),
                                  cx.Link(_("All laureates"), href(url, "laureates/")) if b.c.laureates else None)
    return b.page("sdg/", title, intro, context)


def sdg(b: CampaignBuilder, number: int, used: list[int]) -> Page:
    sdg = get_sdgs()[number]

    def context(url: str) -> cx.SdgContext:
        projects = sorted((i for i in b.c.laureates if number in i.sdgs), key=lambda i: b.t(i.title))
        actions = tuple(cx.Link(b.t(a.title), href(url, f"actions/#{a.slug}"))
                        for a in b.c.actions if number in a.sdgs)
        intro = b._("%(count)s projects serve goal %(number)s.", count=len(projects), number=number) \
            if projects else b._("No laureate serves this goal yet.")
        return cx.SdgContext(b.site(url), b.badges(url, [number])[0], intro,
                             tuple(b.card(url, i) for i in projects), actions,
                             b.badges(url, [n for n in used if n != number]),
                             cx.Link(b._("All laureates"), href(url, "laureates/")),
                             cx.Link(b._("All goals"), href(url, "sdg/")))
    title = b._("Goal %(number)s: %(title)s", number=number, title=sdg.title[b.lang])
    return b.page(f"sdg/{number}/", title, title, context)


def help(b: CampaignBuilder) -> Page:
    _ = b._

    def context(url: str) -> cx.HelpContext:
        ordered = sorted(b.c.laureates, key=lambda i: b.t(i.title))
        asks = [(i, cx.Link(b.t(i.title), href(url, f"laureates/{i.slug}/#help")), needs(b, url, i))
                for i in ordered]
        groups = [cx.HelpGroup("money", _("Money"), _("Give to a crowdfunding."),
                               tuple(cx.HelpItem(link, "", needs.money) for _i, link, needs in asks if needs.money))]
        for kind, title, intro in (("materials", _("Materials"), _("Lend or give what a project needs.")),
                                   ("skills", _("Skills"), _("Share what you know how to do.")),
                                   ("volunteers", _("Time"), _("Lend a hand."))):
            items = tuple(cx.HelpItem(link, need) for _i, link, needs in asks for need in getattr(needs, kind))
            groups.append(cx.HelpGroup(kind, title, intro, items))
        return cx.HelpContext(b.site(url), _("How can I help?"),
                              _("The projects need more than money. Every open need, by kind:"),
                              tuple(g for g in groups if g.items), _("No project needs help right now."))
    return b.page("help/", _("How can I help?"),
                  _("Money, materials, skills and time the projects need"), context)


def jury(b: CampaignBuilder) -> Page:
    c = b.c

    def context(url: str) -> cx.JuryContext:
        groups = []
        for kind, label in (("expert", b._("Experts")), ("citizen", b._("Citizens"))):
            members = tuple(cx.JurorView(j.name, b._(f"juror:{j.kind}"),
                                         b.t(j.affiliation) if j.affiliation else None)
                            for j in c.jury if j.kind == kind)
            if members:
                groups.append((label, members))
        return cx.JuryContext(b.site(url), b._("Jury"),
                              b._("A participatory jury of experts and citizens chose the laureates."),
                              tuple(groups))
    return b.page("jury/", b._("Jury"),
                  b._("The jury of %(campaign)s", campaign=b.t(c.title)), context)


def call(b: CampaignBuilder) -> Page:
    c, fmt, _ = b.c, b.fmt, b._

    def context(url: str) -> cx.CallContext:
        phase = call_phase(b)
        if phase is None or phase.end is None:
            status = _("The dates of the call will be announced.")
        elif b.today < phase.start:
            status = _("The call opens on %(date)s.", date=fmt.date(phase.start))
        elif b.today <= phase.end:
            status = call_notice(b)
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
            site=b.site(url), title=_("Call for projects"), status=status,
            deadline=fmt.date(phase.end) if phase and phase.end else None,
            criteria=c.call.criteria[b.lang], how_to_apply_html=render_markdown(b.t(c.call.how_to_apply)),
            apply=cx.Link(_("Apply"), c.call.apply_url) if c.call.apply_url else None,
            budget_total=fmt.money(budget.total) if budget else None,
            sources=tuple(cx.Fact(b.t(s.name), fmt.money(s.amount)) for s in budget.sources) if budget else (),
            caps=tuple(cx.Fact(b.t(cat.name), _("up to %(amount)s", amount=fmt.money(cat.cap)))
                       for cat in budget.categories) if budget else (),
            payment_terms=terms, figures=tuple(figures))
    return b.page("call/", _("Call for projects"),
                  _("Criteria, budget and deadline of the call for projects"), context)
