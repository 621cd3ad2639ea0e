"""View pieces that several page families show (figures, the timeline, event and news summaries, goal
titles, statements...): each family imports them from here, never from another family.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from babel import Locale

from campaignsite.core.i18n import Formatter
from campaignsite.core.languages import BABEL_LOCALES
from campaignsite.core.sitespec import Page
from campaignsite.model import phases
from campaignsite.model.phases import happened
from campaignsite.model.records import Action, Campaign, Event, Laureate, Network, NewsPost
from campaignsite.model.sdgs import get_sdgs
from campaignsite.pages import contexts, urls, views
from campaignsite.pages.builder import STATUS_IDS, CampaignBuilder, SiteBuilder, href


def key_figures(b: CampaignBuilder) -> tuple[views.Figure, ...]:
    campaign, fmt, _ = b.campaign, b.fmt, b._
    figures = []
    if campaign.call and campaign.call.submitted is not None:
        figures.append(views.Figure(fmt.number(campaign.call.submitted),
                                       _.ngettext("project submitted", "projects submitted", campaign.call.submitted)))
    if campaign.laureates:
        figures.append(views.Figure(fmt.number(len(campaign.laureates)),
                                       _.ngettext("laureate", "laureates", len(campaign.laureates))))
        figures += money_figures(b, campaign)
    if campaign.budget:
        figures.append(views.Figure(fmt.money(campaign.budget.total), _("total budget")))
    municipalities = len(campaign.municipalities)
    figures.append(views.Figure(fmt.number(municipalities),
                                   _.ngettext("municipality", "municipalities", municipalities)))
    return tuple(figures)


def money_figures(b: SiteBuilder, source: Campaign | Network) -> tuple[views.Figure, ...]:
    """What a campaign or the network granted to projects (stopped ones count what they kept) and, where
    payments are given, what was paid out net of repayments and what was paid back, apart."""
    figures = [views.Figure(b.fmt.money(source.granted), b._("granted to citizen projects"))]
    if source.has_payments:
        figures.append(views.Figure(b.fmt.money(source.paid), b._("paid out, net of repayments")))
        if source.repaid:
            figures.append(views.Figure(b.fmt.money(source.repaid), b._("paid back by projects")))
    return tuple(figures)


def timeline(b: CampaignBuilder) -> tuple[views.PhaseView, ...]:
    steps = []
    current = phases.current_phase(b.campaign, b.today)
    for phase in b.campaign.phases:
        if phase is current:
            state = "current"
        elif phase.start > b.today:
            state = "future"
        else:
            state = "past" if phase.last_day < b.today else "ongoing"
        dates = b.fmt.date_range(phase.start, phase.end or phase.start)
        steps.append(views.PhaseView(b._(f"phase:{phase.id}"), dates, state, phase.start.isoformat()))
    return tuple(steps)


def call_phase(b: CampaignBuilder):
    return phases.get_phase(b.campaign, "call")


def call_status(b: CampaignBuilder) -> str:
    """Where the call stands today: announced, opening on, open until (with the days left), closed on."""
    phase, _, fmt = call_phase(b), b._, b.fmt
    state = phases.call_state(b.campaign, b.today)
    if state == "unknown":
        return _("The dates of the call will be announced.")
    if state == "announced":
        return _("The call opens on %(date)s.", date=fmt.date(phase.start))
    if state == "open":
        return call_notice(b)
    return _("The call closed on %(date)s.", date=fmt.date(phase.end))


def call_results(b: CampaignBuilder, url: str) -> views.Link | None:
    """Once the call has closed: where its results are (the laureates), instead of the form."""
    if phases.call_state(b.campaign, b.today) != "closed" or not b.campaign.laureates:
        return None
    return views.Link(b._("See the laureates"), href(url, urls.SHOWCASE))


def call_notice(b: CampaignBuilder) -> str | None:
    """During the call: the deadline and how many days remain."""
    phase = call_phase(b)
    if phases.call_state(b.campaign, b.today) != "open":
        return None
    days = (phase.end - b.today).days
    if days == 0:
        return b._("Last day: the call closes tonight at midnight (%(date)s).", date=b.fmt.date(phase.end))
    return b._.ngettext("The call is open until %(date)s: %(days)s day left.",
                        "The call is open until %(date)s: %(days)s days left.", days, date=b.fmt.date(phase.end),
                        days=b.fmt.number(days)) if days != 1 else b._("The call closes tomorrow, %(date)s.",
                                                date=b.fmt.date(phase.end))


def prize_options(b: CampaignBuilder, laureates) -> tuple[views.FilterOption, ...]:
    """The prizes the filter offers: those some laureate received, each with how many received it."""
    return tuple(views.FilterOption(prize.id, b.text(prize.name), sum(1 for item in laureates if prize.id in item.prizes))
                 for prize in b.campaign.prizes if any(prize.id in item.prizes for item in laureates))


def status_options(b: CampaignBuilder, laureates) -> tuple[views.FilterOption, ...]:
    """The statuses the filter offers: those some laureate has, each with how many have it."""
    return tuple(views.FilterOption(status, b._(f"status:{status}"),
                                       sum(1 for item in laureates if item.status == status))
                 for status in STATUS_IDS if any(item.status == status for item in laureates))


def stage_name(b: CampaignBuilder, stage) -> str:
    """A jury's or vote's own name, else its kind's name in the page's language."""
    return b.text(stage.name) if stage.name else b._(f"stage:{stage.kind}")


def weighted_name(b: CampaignBuilder, stage) -> str:
    """'Citizen jury (50 %)': the stage with its share of the decision, where the campaign gives one."""
    name = stage_name(b, stage)
    return b._("%(stage)s (%(weight)s)", stage=name, weight=b.fmt.percent(stage.weight)) if stage.weight else name


def selected_by(b: CampaignBuilder, item: Laureate) -> str:
    """How the project was chosen, in one line: its stages with their weights, and its votes."""
    stages = [b.campaign.stage(stage_id) for stage_id in item.selected_by]
    text = b.fmt.list([weighted_name(b, stage) for stage in stages])
    if item.votes is not None and any(stage.is_vote for stage in stages):
        text = b._.ngettext("%(how)s (%(votes)s vote)", "%(how)s (%(votes)s votes)", item.votes, how=text,
                            votes=b.fmt.number(item.votes))
    return text


def address_map_link(b: SiteBuilder, address: str) -> views.Link:
    """A link to OpenStreetMap's search for a postal address."""
    return views.Link(b._("See on OpenStreetMap"), "https://www.openstreetmap.org/search?query=" + quote(address))


def goal_title(b: SiteBuilder, number: int) -> str:
    """The title of a goal's page, on a campaign site or the portal."""
    return b._("Goal %(number)s: %(title)s", number=number, title=get_sdgs()[number].title[b.lang])


def official_title(b: SiteBuilder, number: int) -> str:
    """The goal as the UN words it ("Take urgent action to combat climate change and its impacts")."""
    return get_sdgs()[number].official_title[b.lang]


def goal_figures(b: SiteBuilder, projects) -> tuple[views.Figure, ...]:
    """How many projects serve a goal and the money granted to them."""
    return (views.Figure(b.fmt.number(len(projects)), b._.ngettext("project", "projects", len(projects))),
            views.Figure(b.fmt.money(sum(item.granted for item in projects)), b._("granted")))


STATUS_NOTICE = ("cancelled", "postponed", "moved-online")


def event_title(b: CampaignBuilder, event: Event) -> str:
    """Events made from phases have no title of their own: they are named after the phase."""
    return event.title[b.lang] if event.title else b._(f"event:{event.kind}")


def event_description(b: CampaignBuilder, event: Event) -> str:
    return event.description[b.lang] if event.description else b._(f"event-about:{event.kind}")


def when(b: CampaignBuilder, event: Event) -> str:
    fmt = b.fmt
    if event.status == "postponed":  # its date no longer stands: said as a past plan, never as the date
        return b._("first planned for %(date)s", date=fmt.date(event.start.date()))
    if event.all_day:
        last = (event.end - event.start).days > 1
        return fmt.date_range(event.start.date(), event.end.date() - dt.timedelta(days=1)) \
            if last else fmt.weekday_date(event.start.date())
    if event.start.date() == event.end.date():
        return b._("%(date)s, %(start)s to %(end)s", date=fmt.weekday_date(event.start.date()),
                   start=fmt.time(event.start), end=fmt.time(event.end))
    return b._("%(start)s to %(end)s", start=f"{fmt.weekday_date(event.start.date())} {fmt.time(event.start)}",
               end=f"{fmt.weekday_date(event.end.date())} {fmt.time(event.end)}")


def place(b: CampaignBuilder, event: Event) -> str:
    parts = [p for p in event.place_in(b.lang) if p]
    if not parts and event.online_url:
        return b._("Online")
    return ", ".join(parts)


def status_label(b: CampaignBuilder, event: Event) -> str | None:
    return b._(f"event-status:{event.status}") if event.status in STATUS_NOTICE else None


def event_summary(b: CampaignBuilder, url: str, event: Event) -> views.EventSummary:
    done = happened(event, b.today)
    return views.EventSummary(b.lang, href(url, urls.event(event.slug)), event_title(b, event), when(b, event),
                                 event.start.isoformat(), place(b, event), event.status, status_label(b, event),
                                 b._("took place") if done else None, follow_up(b, url, event) if done else ())


def follow_up(b: CampaignBuilder, url: str, event: Event) -> tuple[views.Link, ...]:
    """What there is to read or see about an event that took place: its news post and its photos."""
    links = []
    post = next((p for p in b.campaign.news if p.slug == event.news), None)
    if post and b.lang in post.title:  # a post in some languages only is linked from those sites
        links.append(views.Link(b._("News: %(title)s", title=post.title[b.lang]), href(url, urls.news_post(post.slug))))
    if event.photos_url:
        links.append(views.Link(b._("Photos of %(event)s", event=event_title(b, event)), event.photos_url))
    return tuple(links)


def agenda_context(b: SiteBuilder, url: str, upcoming, past, phases=()) -> contexts.AgendaContext:
    """A campaign's or the portal's agenda: its upcoming and past events, its phases and its calendar feed."""
    _ = b._
    return contexts.AgendaContext(
        b.site, tuple(upcoming), tuple(past),
        views.Link(_("Subscribe to the agenda (iCalendar)"), href(url, urls.CALENDAR)),
        _("Add this address to your calendar app to see new events as they are announced."), tuple(phases))


def news_summary(b: CampaignBuilder, url: str, post: NewsPost) -> views.NewsSummary:
    lang = post.language_for(b.lang)
    other = lang if lang != b.lang else ""
    return views.NewsSummary(href(url, urls.news_post(post.slug)), post.title[lang], b.fmt.date(post.date),
                                post.date.isoformat(), b.fmt.typography(post.summary.get(b.lang, ""))
                                if not other else Formatter(lang).typography(post.summary.get(lang, "")), other,
                                language_note(b, other) if other else "")


def language_note(b: CampaignBuilder, lang: str) -> str:
    """'(in French)': said, in the page's language, of a post written in another language only."""
    return b._("(in %(language)s)", language=Locale.parse(BABEL_LOCALES[lang]).get_language_name(BABEL_LOCALES[b.lang]))


def statement_page(b: SiteBuilder, kind: str, owner: str, places: str, email: str,
                   address: str | None = None) -> Page:
    """A statement page for a campaign or the portal: numbered catalogue paragraphs and a contact."""
    _ = b._

    def context(_url: str) -> contexts.StatementContext:
        paragraphs = tuple(_(f"{kind}:{number}", campaign=owner, municipalities=places, email=email)
                           for number in range(1, 5))
        return contexts.StatementContext(b.site, paragraphs, views.Link(email, mailto(email)), address,
                                         _("Statement updated on %(date)s.", date=b.fmt.date(b.today)))
    return b.page(urls.STATEMENTS[kind], _(f"{kind}:title"), _(f"{kind}:title"), context)


def mailto(address: str, subject: str | None = None, body: str | None = None) -> str:
    """A mailto: link (RFC 6068) made here, never taken from the data as it is: the address is a plain
    one (validation refuses '?', '&', '%'...) and is percent-encoded all the same; the subject and body
    are always encoded, so no data can add a header field or a recipient."""
    fields = [f"{name}={quote(value, safe='')}" for name, value in (("subject", subject), ("body", body))
              if value is not None]
    return f"mailto:{quote(address, safe='@')}" + ("?" + "&".join(fields) if fields else "")


def phone_link(number: str) -> str:
    """A tel: link: the number without its spaces, anything but digits and '+' percent-encoded (RFC 3966)."""
    return "tel:" + quote(number.replace(" ", ""), safe="+")


# --- The climate plan: pieces the home, the event pages and the plan's own pages show ------------------

ACTION_STATUSES = ("done", "in-progress", "delayed", "planned")


def indicator_view(b: CampaignBuilder, action: Action) -> views.IndicatorView | None:
    """The action's indicator as of the build day: "640 of 1,500 renovations supported", or its target."""
    indicator = action.indicator
    if indicator is None:
        return None
    unit = f"\u00a0{indicator.unit}" if indicator.unit else ""
    label, target = b.text(indicator.label), b.fmt.number(indicator.target) + unit
    measured = [step for step in action.history if step.value is not None]
    if indicator.current is None or not measured:
        return views.IndicatorView(label, b._("Target: %(target)s %(label)s", target=target, label=label), None, None)
    span = indicator.target - indicator.baseline
    percent = 100 if span <= 0 else max(0, min(100, round(100 * (indicator.current - indicator.baseline) / span)))
    return views.IndicatorView(
        label, b._("%(value)s of %(target)s %(label)s", value=b.fmt.number(indicator.current) + unit, target=target,
                   label=label), percent, b._("as of %(date)s", date=b.fmt.date(measured[-1].date)))


def action_view(b: CampaignBuilder, url: str, action: Action) -> views.ActionView:
    """An action as its card shows it, with a link to its page."""
    _ = b._
    target = _("To be done by %(date)s", date=b.fmt.date(action.target_date)) if action.target_date else None
    return views.ActionView(
        action.slug, b.text(action.title), b.text(action.description), _(f"theme:{action.theme}"), action.responsible,
        action.status, _(f"action-status:{action.status}"), action.progress,
        _("%(percent)s done", percent=b.fmt.percent(action.progress)), b.badges(url, action.sdgs),
        href(url, urls.action(action.slug)), target, indicator_view(b, action))


def action_figures(b: CampaignBuilder, actions) -> tuple[views.Figure, ...]:
    """How many actions there are, and how many are done, running, delayed and planned on the build day."""
    _ = b._
    figures = [views.Figure(b.fmt.number(len(actions)), _.ngettext("action", "actions", len(actions)))]
    for status in ACTION_STATUSES:
        count = sum(1 for action in actions if action.status == status)
        figures.append(views.Figure(b.fmt.number(count), _(f"actions-{status}")))
    return tuple(figures)


def next_moment(b: CampaignBuilder, url: str) -> views.NextMoment | None:
    """The next participation moment still to come (not cancelled), with where to register."""
    upcoming = [event for event in b.campaign.events
                if not phases.took_place(event, b.today) and event.status != "cancelled"]
    if not upcoming:
        return None
    event = upcoming[0]
    register = views.Link(b._("Register"), event.registration_url) if event.registration_url else None
    return views.NextMoment(views.Link(event_title(b, event), href(url, urls.event(event.slug))), when(b, event),
                            register)


def plan_summary(b: CampaignBuilder, url: str) -> views.PlanSummary | None:
    """The plan on its home page: its actions by status, up to three measured indicators, the next moment."""
    actions = b.campaign.actions
    if not actions:
        return None
    measured = [action for action in actions if action.indicator and action.indicator.current is not None]
    return views.PlanSummary(action_figures(b, actions), tuple(action_view(b, url, a) for a in measured[:3]),
                             next_moment(b, url),
                             views.Link(b._("See the actions of the climate plan"), href(url, urls.ACTIONS)))


def event_actions(b: CampaignBuilder, url: str, event: Event) -> tuple[views.Link, ...]:
    """The climate-plan actions an event serves, as links to their pages."""
    by_slug = {action.slug: action for action in b.campaign.actions}
    return tuple(views.Link(b.text(by_slug[slug].title), href(url, urls.action(slug)))
                 for slug in event.actions if slug in by_slug)


def file_size(b: CampaignBuilder, size: int) -> str:
    """A file's size as people read it: '12 kB', '1.4 MB' (in the page's language)."""
    if size < 1_000_000:
        return b._("%(size)s kB", size=b.fmt.number(max(1, round(size / 1000))))
    return b._("%(size)s MB", size=b.fmt.number(round(size / 1_000_000, 1)))
