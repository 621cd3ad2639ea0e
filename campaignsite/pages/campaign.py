"""The pages of a campaign site: home, laureates, project pages, SDG pages, help, jury, call."""

from __future__ import annotations

from urllib.parse import quote

from campaignsite.core.markup import render_markdown
from campaignsite.model import phases
from campaignsite.model.ranking import is_weighted, ranking, ranks
from campaignsite.model.records import Laureate
from campaignsite.pages import contexts, needs, share, urls, views
from campaignsite.pages.builder import FEATURED, CampaignBuilder, Page, href
from campaignsite.pages.parts import (
    address_map_link,
    call_notice,
    call_phase,
    call_results,
    call_status,
    goal_figures,
    goal_title,
    key_figures,
    mailto,
    next_moment,
    official_title,
    plan_summary,
    prize_options,
    selected_by,
    stage_name,
    status_options,
    timeline,
    weighted_name,
)


def home(b: CampaignBuilder) -> Page:
    campaign = b.campaign

    def context(url: str) -> contexts.HomeContext:
        featured = sorted(campaign.laureates, key=lambda item: (-item.amount, item.slug))[:FEATURED]
        return contexts.HomeContext(
            site=b.site, tagline=b.text(campaign.tagline),
            introduction_html=render_markdown(b.text(campaign.introduction)), figures=key_figures(b),
            timeline=timeline(b), action=call_to_action(b, url),
            campaign_sdgs=b.badges(url, campaign.sdgs), featured=tuple(b.card(url, f) for f in featured),
            showcase=views.Link(b._.ngettext("See %(count)s laureate", "See all %(count)s laureates",
                                                len(campaign.laureates), count=b.fmt.number(len(campaign.laureates))),
                                   href(url, urls.SHOWCASE)),
            partners=tuple(views.PartnerView(p.name, b._(f"role:{p.role}"),
                                                b.image(url, p.logo, b._("Logo of %(name)s", name=p.name)),
                                                p.url) for p in campaign.partners),
            editions=edition_links(b, url),
            places=tuple(views.Link(b.municipality_name(m.nis_code),
                                    href(url, b.links.to_portal(urls.municipality(m.nis_code))))
                         for m in campaign.municipalities),
            plan=plan_summary(b, url))
    return b.page(urls.HOME, b.text(campaign.title), b.text(campaign.tagline), context,
                  meta=b.social_meta(urls.HOME, None, "website", share=share.meta(b)))


def edition_links(b: CampaignBuilder, url: str) -> tuple[views.Link, ...]:
    """'Edition 2026 of Proximity Haute-Meuse' (its programme's page), and the editions before and after."""
    links, _ = b.links, b._
    if links.programme is None:
        return ()
    found = [views.Link(_("Edition %(year)s of %(programme)s", year=b.campaign.edition,
                              programme=links.programme.name[b.lang]),
                        href(url, links.to_portal(urls.programme(links.programme.id))))]
    if links.previous:
        found.append(views.Link(_("Previous edition: %(year)s", year=links.previous[0]),
                                href(url, links.to_site(links.previous[1]))))
    if links.next:
        found.append(views.Link(_("Next edition: %(year)s", year=links.next[0]), href(url, links.to_site(links.next[1]))))
    return tuple(found)


def call_to_action(b: CampaignBuilder, url: str) -> views.CallToAction:
    """The home page's main call to action, after the moment the campaign is in today (phases.phase_on)."""
    campaign, _, fmt, today = b.campaign, b._, b.fmt, b.today
    moment = phases.phase_on(campaign, today)
    link = lambda text, to: views.Link(text, href(url, to))  # noqa: E731
    agenda = link(_("See the agenda"), urls.AGENDA)
    if moment == phases.ANNOUNCED:
        return views.CallToAction(moment, _("The call for projects opens soon"), call_status(b),
                                     link(_("Criteria, budget and deadline"), urls.CALL))
    if moment == phases.CALL:
        form = campaign.call.apply_url
        return views.CallToAction(
            moment, _("Submit your project"), call_notice(b),
            views.Link(_("Submit your project"), form) if form else link(_("How to apply"), urls.CALL + "#apply"),
            (link(_("Criteria, budget and deadline"), urls.CALL),) if form else ())
    if moment == phases.PUBLIC_VOTE:
        return vote_action(b, url, moment)
    if moment == phases.MOBILISATION and campaign.laureates:
        phase = phases.get_phase(campaign, "mobilisation")
        return views.CallToAction(
            moment, _("Help a project"),
            _("Until %(date)s, the projects are looking for money, materials, skills and time.",
              date=fmt.date(phase.last_day)), link(_("See what the projects need"), urls.HELP),
            (link(_("Discover the laureates"), urls.SHOWCASE),))
    if moment == phases.CLOSING:
        event = phases.closing_event(campaign, today)
        phase = phases.get_phase(campaign, "closing_event")
        return views.CallToAction(
            moment, _("Join us at the closing event"), fmt.date(event.start.date() if event else phase.start),
            link(agenda_event_title(b, event), urls.event(event.slug)) if event else agenda,
            (link(_("Discover the laureates"), urls.SHOWCASE),) if campaign.laureates else ())
    if moment in (phases.FOLLOW_UP, phases.FINISHED):
        more = tuple(link(_("Follow-up: %(title)s", title=post.title[b.lang]), urls.news_post(post.slug))
                     for post in campaign.news[:1] if b.lang in post.title)
        if not campaign.laureates:
            return views.CallToAction(moment, _("The campaign is over"),
                                         _("Its results have not been published on this site."), agenda, more)
        if moment == phases.FOLLOW_UP:
            phase = phases.get_phase(campaign, "follow_up")
            return views.CallToAction(
                moment, _("The projects are being followed up"),
                _("Until %(date)s, the laureates carry out their projects and report on them.",
                  date=fmt.date(phase.last_day)), link(_("See how the projects are doing"), urls.SHOWCASE), more)
        return views.CallToAction(moment, _("The campaign is over: see the results"), None,
                                     link(_("See the laureates"), urls.SHOWCASE), more)
    if moment == phases.CLIMATE_PLAN:
        # The next participation moment, with its registration as the main button where it has one.
        upcoming = next_moment(b, url)
        actions = (link(_("See the actions of the climate plan"), urls.ACTIONS),) if campaign.actions else ()
        if upcoming:
            register = upcoming.registration and views.Link(
                _("Register: %(event)s", event=upcoming.link.text), upcoming.registration.href)
            return views.CallToAction(moment, _("Take part in the climate plan"), upcoming.when,
                                      register or upcoming.link,
                                      ((upcoming.link,) if register else ()) + actions + (agenda,))
        return views.CallToAction(moment, _("Take part in the climate plan"), None,
                                     actions[0] if actions else agenda)
    # While the laureates are coached; between the deadline and the results.
    if campaign.laureates:
        return views.CallToAction(moment, _("Meet the laureates"), None,
                                     link(_("Discover the laureates"), urls.SHOWCASE))
    return selection_action(b, url, moment)


def candidates_link(b: CampaignBuilder, url: str) -> views.Link | None:
    """A link to the candidates page, where the campaign shows them."""
    count = len(b.campaign.candidates)
    return views.Link(b._.ngettext("See the %(count)s project in the running", "See the %(count)s projects in the "
                                   "running", count, count=b.fmt.number(count)),
                      href(url, urls.CANDIDATES)) if count else None


def vote_action(b: CampaignBuilder, url: str, moment: str) -> views.CallToAction:
    """During the public vote: where to vote (the stage's own address, else the vote event's), until when,
    and the projects to vote for."""
    campaign, _ = b.campaign, b._
    stage = phases.vote_stage(campaign, b.today)
    event = phases.vote_event(campaign, b.today)
    last = stage.last_day if stage else phases.get_phase(campaign, "public_vote").last_day
    target = (stage and stage.url) or (event and (event.online_url or event.registration_url))
    projects = candidates_link(b, url)
    if target:
        action = views.Link(_("Vote"), target)
    elif event:
        action = views.Link(_("Vote"), href(url, urls.event(event.slug)))
    else:
        action = projects or views.Link(_("See the agenda"), href(url, urls.AGENDA))
    days = (last - b.today).days
    text = _("The public vote is open until %(date)s.", date=b.fmt.date(last)) if days else \
        _("Last day to vote: the vote closes tonight at midnight.")
    return views.CallToAction(moment, _("Vote for your favourite project"), text, action,
                                 (projects,) if projects and projects is not action else ())


def selection_action(b: CampaignBuilder, url: str, moment: str) -> views.CallToAction:
    """Between the deadline and the results: what comes next (a jury, a vote) and when the results are out."""
    campaign, _, fmt = b.campaign, b._, b.fmt
    results = phases.results_day(campaign)
    stage, more = phases.next_stage(campaign, b.today), candidates_link(b, url)
    action = more or views.Link(_("See the agenda"), href(url, urls.AGENDA))
    if stage and stage.is_vote:
        title = _("The public vote opens on %(date)s", date=fmt.date(stage.start))
    elif stage:
        title = _("The jury meets on %(date)s", date=fmt.date(stage.start))
    else:
        title = _("The results will be published on %(date)s", date=fmt.date(results))
    text = _("Results on %(date)s.", date=fmt.date(results)) if stage else call_status(b)
    return views.CallToAction(moment, title, text, action)


def agenda_event_title(b: CampaignBuilder, event) -> str:
    """An event's title; a phase's day that became an event has none of its own (see model.assembly._phase_events)."""
    return b.text(event.title) if event.title else b._(f"event:{event.kind}")


def showcase_order(b: CampaignBuilder) -> tuple[tuple[Laureate, int | None], ...]:
    """The laureates in the showcase's order, each with its rank: by final score where the selection
    weighs its stages and scores are published (title, collated for the page's language, breaks a tie),
    else by title, without ranks."""
    laureates = b.campaign.laureates
    if not is_weighted(b.campaign) or all(item.score is None for item in laureates):
        return tuple((item, None) for item in b.by_title(laureates))
    placed = ranks(b.campaign)
    ordered = sorted(laureates, key=lambda i: (i.score is None, -(i.score or 0), b.fmt.sort_key(b.text(i.title))))
    return tuple((item, placed.get(item.slug)) for item in ordered)


def showcase(b: CampaignBuilder) -> Page:
    campaign = b.campaign
    laureates = campaign.laureates

    def context(url: str) -> contexts.ShowcaseContext:
        used = sorted({number for item in laureates for number in item.sdgs})
        statuses = status_options(b, laureates)
        categories = tuple(views.FilterOption(cat.id, b.text(cat.name),
                                                 sum(1 for item in laureates if item.category == cat.id))
                           for cat in (campaign.budget.categories if campaign.budget else ()))
        return contexts.ShowcaseContext(
            site=b.site,
            intro=b._.ngettext("%(count)s citizen project chosen in %(year)s.",
                               "%(count)s citizen projects chosen in %(year)s.", len(laureates),
                               count=b.fmt.number(len(laureates)), year=campaign.edition),
            cards=tuple(b.card(url, item, rank) for item, rank in showcase_order(b)),
            sdg_links=b.badges(url, used), statuses=statuses, categories=categories,
            goals=views.Link(b._("All goals"), href(url, urls.SDG_INDEX)), prizes=prize_options(b, laureates),
            municipalities=municipality_options(b, laureates))
    return b.page(urls.SHOWCASE, b._("Laureates"),
                  b._("The laureate projects of %(campaign)s", campaign=b.text(campaign.title)), context)


def municipality_options(b: CampaignBuilder, projects) -> tuple[views.FilterOption, ...]:
    """The campaign's municipalities to filter its projects by, where it has several, in collation order."""
    if len(b.campaign.municipalities) < 2:
        return ()
    options = (views.FilterOption(m.nis_code, b.municipality_name(m.nis_code),
                                  sum(1 for item in projects if item.municipality == m.nis_code))
               for m in b.campaign.municipalities)
    return tuple(sorted(options, key=lambda option: b.fmt.sort_key(option.label)))


def laureates(b: CampaignBuilder) -> list[Page]:
    """A page per laureate project."""
    return [laureate(b, item) for item in b.campaign.laureates]


def mobilising(b: CampaignBuilder) -> bool:
    """Whether the campaign is in its mobilisation on the build day: when helping a project comes first."""
    phase = phases.current_phase(b.campaign, b.today)
    return bool(phase) and phase.id == "mobilisation"


def laureate(b: CampaignBuilder, item: Laureate) -> Page:
    url = urls.laureate(item.slug)

    def context(url: str) -> contexts.LaureateContext:
        card = b.card(url, item)
        description = b.fmt.typography(item.description.get(b.lang) or "")
        wanted = needs.needs(b, item)
        return contexts.LaureateContext(
            site=b.site, summary=card.summary,
            image=card.image, gallery=gallery(b, url, item), description_html=render_markdown(description)
            if description else "", badges=card.badges, facts=laureate_facts(b, url, item, card),
            payment=payment(b, item), payments=payments(b, item), updates=updates(b, item), needs=wanted,
            video=video(b, item), map_link=map_link(b, item), website=item.website,
            share=share_links(b, url, card.title),
            showcase=views.Link(b._("All laureates"), href(url, urls.SHOWCASE)),
            help_page=views.Link(b._("How can I help?"), href(url, urls.HELP)),
            reason=b.fmt.typography(item.reason[b.lang]) if item.reason.get(b.lang) else None,
            stopped=stopped(b, item), asks_help=item.goes_on,
            help_first=item.goes_on and mobilising(b) and wanted.any)
    return b.page(url, b.text(item.title), b.text(item.summary), context,
                  meta=b.social_meta(url, item.image, "article", laureate_json_ld(b, item), share.meta(b, item)))


def laureate_facts(b: CampaignBuilder, url: str, item: Laureate, card: views.Card) -> tuple[views.Fact, ...]:
    _ = b._
    facts = [views.Fact(_("Project holder"), b.text(item.holder)), views.Fact(_("Grant"), card.amount)]
    if card.category_label:
        facts.append(views.Fact(_("Category"), card.category_label))
    facts.append(views.Fact(_("Selected by"), selected_by(b, item)))
    if item.score is not None:
        facts.append(views.Fact(_("Score"), _("%(score)s out of 100", score=b.fmt.number(item.score))))
    for prize in (b.campaign.prize(prize_id) for prize_id in item.prizes):
        name = b.text(prize.name)
        facts.append(views.Fact(_("Prize"), name if prize.amount is None else _(
            "%(prize)s: %(amount)s", prize=name, amount=b.fmt.money(prize.amount))))
    facts.append(views.Fact(_("Status"), card.status_label))
    facts.append(views.Fact(_("Municipality"), b.municipality_name(item.municipality),
                            href(url, b.links.to_portal(urls.municipality(item.municipality)))))
    if item.address:
        facts.append(views.Fact(_("Where"), b.text(item.address)))
    return tuple(facts)


def payments(b: CampaignBuilder, item: Laureate) -> tuple[views.Fact, ...]:
    """The payments as made (payments.csv), dated, with repayments: 'Advance, 12 June 2023: 6 000 €'."""
    return tuple(views.Fact(b._("%(kind)s, %(date)s", kind=b._(f"payment:{p.kind}"), date=b.fmt.date(p.date)),
                               b.fmt.money(p.amount)) for p in item.payments)


def stopped(b: CampaignBuilder, item: Laureate) -> str | None:
    """'This project stopped on 12 June 2025.', for a project stopped on the build day."""
    if item.goes_on:
        return None
    if item.stopped_on:
        return b._("This project stopped on %(date)s.", date=b.fmt.date(item.stopped_on))
    return b._("This project stopped.")


def payment(b: CampaignBuilder, item: Laureate) -> str | None:
    """Where the grant's payment stands: from the payments made where payments.csv lists them (what was
    paid and what was paid back, apart), else from the status and the campaign's payment terms."""
    if item.repaid:
        return b._("Of its grant of %(amount)s, %(paid)s was paid and %(repaid)s repaid.",
                   amount=b.fmt.money(item.amount), paid=b.fmt.money(item.paid_out), repaid=b.fmt.money(item.repaid))
    if item.payments:
        return b._("%(paid)s of the grant of %(amount)s has been paid.",
                   paid=b.fmt.money(item.paid), amount=b.fmt.money(item.amount))
    budget = b.campaign.budget
    if not budget or budget.upfront_percent is None:
        return None
    upfront = item.amount * budget.upfront_percent // 100
    if item.status == "completed":
        return b._("The grant of %(amount)s has been paid in full.", amount=b.fmt.money(item.amount))
    if item.status == "stopped":
        return b._("The project stopped; payments have ended.")
    return b._("%(percent)s of the grant (%(upfront)s) is paid; the remaining %(rest)s follow the final "
               "report.", percent=b.fmt.percent(budget.upfront_percent), upfront=b.fmt.money(upfront),
               rest=b.fmt.money(item.amount - upfront))


def updates(b: CampaignBuilder, item: Laureate) -> tuple[views.UpdateView, ...]:
    return tuple(views.UpdateView(b.fmt.date(update.date), update.date.isoformat(),
                                     b._(f"status:{update.status}"), b.text(update.text))
                 for update in reversed(item.updates))


def video(b: CampaignBuilder, item: Laureate) -> views.Video | None:
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
    title = b.text(item.title)
    poster = b.image(urls.laureate(item.slug), item.image, "") if item.image else None
    return views.Video(embed, url, host, b._("Play the video of %(title)s", title=title),
                          b._("The video is loaded from %(host)s only when you click; %(host)s may then set "
                              "cookies.", host=host), title, poster)


def map_link(b: CampaignBuilder, item: Laureate) -> views.Link | None:
    """A link to OpenStreetMap: no map tiles are loaded on our page."""
    if item.location:
        lat, lon = item.location
        return views.Link(b._("See on OpenStreetMap"),
                             f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
    if item.address:
        return address_map_link(b, b.text(item.address))
    return None


def gallery(b: CampaignBuilder, url: str, item: Laureate) -> tuple[views.Image, ...]:
    title = b.text(item.title)
    return tuple(b.image(url, src, b._("Photo %(number)s of the project %(title)s", number=index,
                                       title=title))
                 for index, src in enumerate(item.gallery, start=1))


def share_links(b: CampaignBuilder, url: str, title: str) -> tuple[views.Link, ...]:
    """Plain share links: no script, no tracking parameter, nothing loaded before a click."""
    page = quote(b.absolute(url), safe="")
    text = quote(title, safe="")
    return (views.Link(b._("E-mail"), mailto("", title, b.absolute(url))),
            views.Link("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={page}"),
            views.Link("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={page}"),
            views.Link("Bluesky", f"https://bsky.app/intent/compose?text={text}%20{page}"),
            views.Link("WhatsApp", f"https://wa.me/?text={text}%20{page}"))


def laureate_json_ld(b: CampaignBuilder, item: Laureate) -> dict:
    data = {"@context": "https://schema.org", "@type": "Project", "name": b.text(item.title),
            "description": b.text(item.summary), "url": b.absolute(urls.laureate(item.slug)),
            "inLanguage": b.lang, "funder": {"@type": "Organization", "name": b.text(b.campaign.title)},
            "member": {"@type": "Organization", "name": b.text(item.holder)}}
    if item.image:
        data["image"] = b.media_url(item.image)
    if item.address:
        data["location"] = {"@type": "Place", "address": b.text(item.address)}
    return data


def used_sdgs(campaign) -> list[int]:
    """The goals of the campaign, its laureates, its candidates and its actions."""
    return sorted(set(campaign.sdgs) | {n for item in campaign.laureates for n in item.sdgs}
                  | {n for item in campaign.candidates for n in item.sdgs}
                  | {n for action in campaign.actions for n in action.sdgs})


def sdg_pages(b: CampaignBuilder) -> list[Page]:
    """A page per goal used by the campaign, its laureates or its actions."""
    used = used_sdgs(b.campaign)
    return [sdg(b, number, used) for number in used]


def sdg_index(b: CampaignBuilder) -> Page:
    """Every goal of the campaign with how many projects (and actions) serve it and the money they got."""
    _ = b._
    campaign = b.campaign
    title = _("Sustainable Development Goals")
    intro = _("The goals that the projects of %(campaign)s serve, with how many projects and how much money "
              "go to each.", campaign=b.text(campaign.title))

    def context(url: str) -> contexts.SdgIndexContext:
        rows = []
        for number in used_sdgs(campaign):
            projects = [item for item in campaign.laureates if number in item.sdgs]
            actions = [action for action in campaign.actions if number in action.sdgs]
            rows.append(views.SdgRow(b.badges(url, [number])[0], b.fmt.number(len(projects)),
                                        b.fmt.money(sum(item.granted for item in projects)),
                                        b.fmt.number(len(actions)) if campaign.actions else None,
                                        official_title(b, number)))
        showcase = views.Link(_("All laureates"), href(url, urls.SHOWCASE)) if campaign.laureates else None
        return contexts.SdgIndexContext(b.site, title, intro, tuple(rows), bool(campaign.actions),
                                        _("A project that serves several goals counts for each of them."), showcase)
    return b.page(urls.SDG_INDEX, title, intro, context)


def sdg(b: CampaignBuilder, number: int, used: list[int]) -> Page:
    def context(url: str) -> contexts.SdgContext:
        projects = b.by_title(i for i in b.campaign.laureates if number in i.sdgs)
        actions = tuple(views.Link(b.text(a.title), href(url, urls.ACTIONS + f"#{a.slug}"))
                        for a in b.campaign.actions if number in a.sdgs)
        # The figures say how many projects; the money they show needs this said.
        intro = b._("A project that serves several goals counts for each of them.") \
            if projects else b._("No laureate serves this goal yet.")
        return contexts.SdgContext(b.site, b.badges(url, [number])[0], intro,
                                   tuple(b.card(url, i) for i in projects), actions,
                                   b.badges(url, [other for other in used if other != number]),
                                   views.Link(b._("All laureates"), href(url, urls.SHOWCASE))
                                   if b.campaign.laureates else
                                   views.Link(b._("Projects in the running"), href(url, urls.CANDIDATES))
                                   if b.campaign.candidates else None,
                                   views.Link(b._("All goals"), href(url, urls.SDG_INDEX)),
                                   official_title(b, number), goal_figures(b, projects) if projects else ())
    title = goal_title(b, number)
    return b.page(urls.sdg(number), title, title, context)


def help(b: CampaignBuilder) -> Page:
    """Every open need of the projects as a card (issue 22, item 3), with how many of each kind and a
    filter by kind, goal and municipality (campaign.js, as the showcase's); without JavaScript, all of them."""
    _ = b._

    def context(url: str) -> contexts.HelpContext:
        cards = needs.need_cards(b, url)
        intro = _.ngettext("%(count)s open need: choose one and offer your help.",
                           "%(count)s open needs: choose one and offer your help.", len(cards),
                           count=b.fmt.number(len(cards))) if cards else _("No project needs help right now.")
        return contexts.HelpContext(b.site, intro, cards, needs.counts(b, cards), needs.kind_options(b, cards),
                                    needs.goals(b, url, cards), municipality_options(b, cards))
    return b.page(urls.HELP, _("How can I help?"),
                  _("Money, materials, skills and time the projects need"), context)


def jury(b: CampaignBuilder) -> Page:
    """How the laureates were chosen: each jury and vote with its dates, weight and members; the prizes."""
    campaign, _ = b.campaign, b._

    def context(url: str) -> contexts.JuryContext:
        stages = tuple(stage_view(b, url, stage) for stage in campaign.selection)
        prizes = tuple(prize_view(b, url, prize) for prize in campaign.prizes)
        weighted = [stage for stage in campaign.selection if stage.weight]
        ends = [stage.end or stage.start for stage in campaign.selection if stage.end or stage.start]
        if ends and b.today <= max(ends):  # the selection is still to come or going on
            intro = _("How the laureates of %(campaign)s will be chosen, stage by stage.",
                      campaign=b.text(campaign.title))
        else:
            intro = _("How the laureates of %(campaign)s were chosen, stage by stage.", campaign=b.text(campaign.title))
        if weighted:
            intro += " " + _("The final decision weighs %(stages)s.",
                             stages=b.fmt.list([weighted_name(b, stage) for stage in weighted]))
        criteria = tuple(b.fmt.typography(line) for line in campaign.call.criteria[b.lang]) if campaign.call else ()
        return contexts.JuryContext(b.site, intro, stages, prizes, funnel(b), criteria, ranking_table(b, url))
    return b.page(urls.JURY, _("Jury"), _("The jury of %(campaign)s", campaign=b.text(campaign.title)), context)


def funnel(b: CampaignBuilder) -> tuple[views.Figure, ...]:
    """From the call to the laureates, the steps the campaign gives a number for: projects submitted,
    eligible, candidates, laureates (none, or one step alone, says nothing of a selection)."""
    campaign, _ = b.campaign, b._
    call = campaign.call
    counts = ((call.submitted if call else None, lambda n: _.ngettext("project submitted", "projects submitted", n)),
              (call.eligible if call else None, lambda n: _.ngettext("eligible", "eligible", n)),
              (len(campaign.candidates) or None, lambda n: _.ngettext("candidate", "candidates", n)),
              (len(campaign.laureates) or None, lambda n: _.ngettext("laureate", "laureates", n)))
    steps = tuple(views.Figure(b.fmt.number(n), label(n)) for n, label in counts if n is not None)
    return steps if len(steps) > 1 else ()


def project_ref(b: CampaignBuilder, url: str, slug: str, title) -> views.ProjectRef:
    """A project named on a page, linked to its page where it is a laureate."""
    is_laureate = any(item.slug == slug for item in b.campaign.laureates)
    return views.ProjectRef(b.text(title), href(url, urls.laureate(slug)) if is_laureate else None)


def ranking_table(b: CampaignBuilder, url: str) -> views.RankingTable | None:
    """The final ranking (model/ranking.py), ties in the order of the titles in the page's language: rank,
    project, votes, each stage's mark, final score, selected or not, prizes; a column only where some
    project has a value in it."""
    _, fmt, campaign = b._, b.fmt, b.campaign
    entries = sorted(ranking(campaign), key=lambda e: (e.rank is None, e.rank or 0, -(e.score or 0),
                                                       fmt.sort_key(b.text(e.title))))
    if not entries:
        return None
    number = lambda value: views.Cell(fmt.number(value) if value is not None else "", numeric=True)  # noqa: E731
    columns = []  # (heading, the cell of an entry under it)
    if any(e.votes is not None for e in entries):
        columns.append((views.Cell(_("Votes"), True), lambda e: number(e.votes)))
    columns += [(views.Cell(weighted_name(b, stage), True), lambda e, stage=stage: number(e.marks.get(stage.id)))
                for stage in campaign.selection if any(stage.id in e.marks for e in entries)]
    if any(e.score is not None for e in entries):
        columns.append((views.Cell(_("Final score"), True), lambda e: number(e.score)))
    columns.append((views.Cell(_("Selected")), lambda e: views.Cell(_("yes") if e.selected else _("no"))))
    if any(e.prizes for e in entries):
        columns.append((views.Cell(_("Prize")), lambda e: views.Cell(
            fmt.list([b.text(campaign.prize(p).name) for p in e.prizes]))))
    rows = tuple(views.RankingRow(e.slug, number(e.rank).text, project_ref(b, url, e.slug, e.title),
                                  tuple(cell(e) for _heading, cell in columns), e.selected) for e in entries)
    caption = _.ngettext("%(count)s project in the ranking", "%(count)s projects in the ranking", len(rows),
                         count=fmt.number(len(rows)))
    headings = (views.Cell(_("Rank"), True), views.Cell(_("Project"))) + tuple(heading for heading, _cell in columns)
    return views.RankingTable(caption, headings, rows)


def stage_view(b: CampaignBuilder, url: str, stage) -> views.StageView:
    _ = b._
    when = None
    if stage.start:
        when = b.fmt.date_range(stage.start, stage.end or stage.start)
    groups = []
    for kind, label in ((None, ""), ("expert", _("Experts")), ("citizen", _("Citizens"))):
        members = tuple(views.JurorView(juror.name, _(f"juror:{juror.kind}") if juror.kind else "",
                                           b.text(juror.affiliation) if juror.affiliation else None,
                                           b.text(juror.role) if juror.role else None)
                        for juror in stage.members if juror.kind == kind)
        if members:
            groups.append((label, members))
    chosen = tuple(views.Link(b.text(item.title), href(url, urls.laureate(item.slug)))
                   for item in b.campaign.laureates if stage.id in item.selected_by)
    return views.StageView(
        id=stage.id, name=stage_name(b, stage), kind_label=_(f"stage:{stage.kind}"), when=when,
        weight=_("Counts for %(weight)s of the decision.", weight=b.fmt.percent(stage.weight)) if stage.weight else None,
        description=b.text(stage.description) if stage.description else None, groups=tuple(groups), chosen=chosen)


def prize_view(b: CampaignBuilder, url: str, prize) -> views.PrizeView:
    """A prize, its amount and whether the budget pays it, and who won it (a candidate the jury did not
    keep among them)."""
    _, campaign = b._, b.campaign
    stage = campaign.stage(prize.stage) if prize.stage else None
    won = {item.slug: item.title for item in campaign.laureates if prize.id in item.prizes}
    won.update({item.slug: item.title for item in campaign.candidates if prize.id in item.results.prizes})
    funding = None
    if prize.amount:
        funding = _("paid from the campaign's budget, on top of the grant") if prize.from_budget else \
            _("not paid from the campaign's budget")
    return views.PrizeView(prize.id, b.text(prize.name), stage_name(b, stage) if stage else None,
                           b.fmt.money(prize.amount) if prize.amount is not None else None,
                           tuple(project_ref(b, url, slug, title) for slug, title in won.items()), funding)


def call(b: CampaignBuilder) -> Page:
    campaign, fmt, _ = b.campaign, b.fmt, b._

    def context(_url: str) -> contexts.CallContext:
        phase = call_phase(b)
        status = call_status(b)
        budget, call = campaign.budget, campaign.call
        figures = []
        if call.submitted is not None:
            figures.append(views.Figure(fmt.number(call.submitted),
                                           _.ngettext("project submitted", "projects submitted", call.submitted)))
        if call.eligible is not None:
            figures.append(views.Figure(fmt.number(call.eligible), _.ngettext("eligible", "eligible", call.eligible)))
        if campaign.laureates:
            figures.append(views.Figure(fmt.number(len(campaign.laureates)),
                                           _.ngettext("funded", "funded", len(campaign.laureates))))
        terms = None
        if budget and budget.upfront_percent is not None:
            terms = _("%(upfront)s of the grant is paid when the project is selected, the remaining "
                      "%(rest)s after its final report.", upfront=fmt.percent(budget.upfront_percent),
                      rest=fmt.percent(100 - budget.upfront_percent))
        is_open = phases.call_state(campaign, b.today) == "open"
        return contexts.CallContext(
            site=b.site, status=status, results=call_results(b, _url),
            deadline=fmt.date(phase.end) if phase and phase.end else None,
            criteria=tuple(b.fmt.typography(line) for line in call.criteria[b.lang]), how_to_apply_html=render_markdown(b.text(call.how_to_apply)),
            apply=views.Link(_("Apply"), call.apply_url) if call.apply_url and is_open else None,
            budget_total=fmt.money(budget.total) if budget else None,
            sources=tuple(views.Fact(b.text(source.name), fmt.money(source.amount))
                          for source in budget.sources) if budget else (),
            caps=tuple(views.Fact(b.text(cat.name), _("up to %(amount)s", amount=fmt.money(cat.cap)))
                       for cat in budget.categories) if budget else (),
            payment_terms=terms, figures=tuple(figures))
    return b.page(urls.CALL, _("Call for projects"),
                  _("Criteria, budget and deadline of the call for projects"), context)


def candidates_page(b: CampaignBuilder) -> Page:
    """The projects in the running: the ones to vote for during a public vote, without any result (the
    model holds results back until the results day); once they are public, the laureates are linked."""
    campaign, _ = b.campaign, b._
    count = len(campaign.candidates)

    def context(url: str) -> contexts.CandidatesContext:
        stage = phases.vote_stage(campaign, b.today)
        vote = None
        if stage:
            action = vote_action(b, url, phases.PUBLIC_VOTE)
            vote = views.VoteBox(_("Vote for your favourite project"), action.text,
                                 b.text(stage.how_to_vote) if stage.how_to_vote.get(b.lang) else None,
                                 action.action if action.action.href != href(url, urls.CANDIDATES) else None)
        laureates = {item.slug for item in campaign.laureates}
        cards = tuple(views.CandidateCard(
            item.slug, b.lang, b.text(item.title), b.text(item.summary),
            b.image(url, item.image, _("Photo of the project %(title)s", title=b.text(item.title)), item.image_credit),
            b.badges(url, item.sdgs), b.text(item.holder), b.text(item.address) if item.address else None,
            views.Link(_("Laureate: see the project"), href(url, urls.laureate(item.slug)))
            if item.slug in laureates else None, item.municipality,
            b.municipality_name(item.municipality) if len(campaign.municipalities) > 1 else "")
            for item in b.by_title(campaign.candidates))
        intro = _.ngettext("%(count)s project is in the running for %(campaign)s.",
                           "%(count)s projects are in the running for %(campaign)s.", count,
                           count=b.fmt.number(count), campaign=b.text(campaign.title))
        return contexts.CandidatesContext(b.site, intro, vote, cards, municipality_options(b, campaign.candidates))
    return b.page(urls.CANDIDATES, _("Projects in the running"),
                  _.ngettext("The %(count)s project in the running", "The %(count)s projects in the running", count,
                             count=b.fmt.number(count)), context)
