"""What the portal's pages show of each campaign: its card, its towns and language, where it comes from,
and links into its site re-rooted from the portal. Shared by the portal's home, agenda and goal pages
(portal.py) and its pages by municipality and programme (places.py)."""

from __future__ import annotations

import dataclasses
import posixpath

from campaignsite.core.languages import LANGUAGE_NAMES
from campaignsite.model import phases
from campaignsite.model.records import Campaign
from campaignsite.pages import urls, views
from campaignsite.pages.builder import PortalBuilder, SiteBuilder, href
from campaignsite.pages.parts import event_summary, language_note


def shown_language(b: PortalBuilder, campaign: Campaign) -> str:
    """A campaign is shown in the visitor's language when it has it, else in its default one."""
    return b.lang if b.lang in campaign.languages else campaign.default_language


def campaign_href(b: PortalBuilder, url: str, campaign: Campaign, path: str = "") -> str:
    return href(url, f"{b.root}{campaign.slug}/{shown_language(b, campaign)}/{path}")


def towns_text(b: PortalBuilder, campaign: Campaign) -> str:
    """The campaign's municipalities, named in the page's language where the campaign has it."""
    return ", ".join(m.name.get(b.lang, m.name[campaign.default_language]) for m in campaign.municipalities)


def note(b: PortalBuilder, campaign: Campaign) -> str:
    """'(in French)' for a campaign shown in another language than the page's, else nothing."""
    lang = shown_language(b, campaign)
    return language_note(b, lang) if lang != b.lang else ""


def origin(b: PortalBuilder, campaign: Campaign) -> views.Origin:
    """What a cross-campaign card says of where it comes from (issue 10): campaign, towns, language."""
    return views.Origin(b.lang, b.shown[campaign.slug].text(campaign.title), towns_text(b, campaign), note(b, campaign))


def campaign_image(b: PortalBuilder, url: str, campaign: Campaign) -> views.Image | None:
    """The campaign's logo, else the photo of its first laureate that has one; described in the card's language."""
    builder = b.shown[campaign.slug]
    if campaign.logo:
        image = builder.image("", campaign.logo, builder._("Logo of %(name)s", name=builder.text(campaign.title)))
    else:
        item = next((item for item in campaign.laureates if item.image), None)
        image = item and builder.image("", item.image, builder._("Photo of the project %(title)s",
                                                                 title=builder.text(item.title)), item.image_credit)
    return image and _rebase_image(image, campaign_href(b, url, campaign))


def campaign_card(b: PortalBuilder, url: str, campaign: Campaign) -> views.CampaignCard:
    lang = shown_language(b, campaign)
    names = towns_text(b, campaign)
    regions = sorted({m.region for m in campaign.municipalities})
    figures = []
    if campaign.laureates:
        figures.append(views.Figure(b.fmt.number(len(campaign.laureates)),
                                       b._.ngettext("laureate", "laureates", len(campaign.laureates))))
        figures.append(views.Figure(b.fmt.money(campaign.granted), b._("granted")))
    return views.CampaignCard(
        lang=lang, href=campaign_href(b, url, campaign), title=campaign.title[lang], tagline=campaign.tagline[lang],
        municipalities=names, region=" ".join(regions),
        region_label=", ".join(b._(f"region:{region}") for region in regions),
        languages=", ".join(LANGUAGE_NAMES[code] for code in campaign.languages),
        language_codes=" ".join(campaign.languages), year=campaign.edition, kind=campaign.kind,
        kind_label=b._(f"kind:{campaign.kind}"), figures=tuple(figures), page_lang=b.lang,
        language_note=note(b, campaign), image=campaign_image(b, url, campaign), colour=campaign.colour,
        standing=standing(b, campaign), towns=town_links(b, url, campaign),
        municipality_codes=" ".join(m.nis_code for m in campaign.municipalities),
        programme=programme_link(b, url, campaign))


def programme_link(b: PortalBuilder, url: str, campaign: Campaign) -> views.Link | None:
    """'Edition 2025 of Proximity Haute-Meuse', linked to the programme's page."""
    programme = next((p for p in b.network.programmes if p.id == campaign.programme), None)
    return programme and views.Link(b._("Edition %(year)s of %(programme)s", year=campaign.edition,
                                        programme=programme.name[b.lang]), href(url, urls.programme(programme.id)))


def network_events(b: PortalBuilder, url: str, campaigns) -> tuple[list, list]:
    """The events of `campaigns` for a portal page, each saying its campaign: (upcoming, past), in time order."""
    events = sorted(((campaign, event) for campaign in campaigns for event in campaign.events),
                    key=lambda pair: (pair[1].start, pair[1].slug))
    upcoming, past = [], []
    for campaign, event in events:
        # The event's own words in the language the campaign is shown in; dates and statuses in the
        # page's. Made once per portal site (the agenda, the home and each municipality show it).
        summary = b.memo(("event", campaign.slug, event.slug), lambda campaign=campaign, event=event: event_summary(
            b.memo(("speaking", campaign.slug), lambda: b.shown[campaign.slug].speaking(b.lang)), "", event))
        summary = views.EventSummary(**{**summary.__dict__,
                                        "href": campaign_href(b, url, campaign, summary.href),
                                        "origin": origin(b, campaign),
                                        "follow_up": tuple(views.Link(link.text, link.href if "://" in link.href
                                                                      else campaign_href(b, url, campaign, link.href))
                                                           for link in summary.follow_up)})
        (upcoming if phases.ahead(event, b.today) else past).append(summary)
    return upcoming, past


def project_cards(b: PortalBuilder, url: str, projects) -> tuple[views.Card, ...]:
    """Cards of (campaign, laureate) pairs for a portal page: made for the campaign's site, then re-rooted
    to this page, with portal badges and where each comes from. The project's own words stay in the
    campaign's language; its amount and status are said in the page's (a Dutch page never says
    "En cours")."""
    return tuple(_rebase_card(b.memo(("card", campaign.slug, item.slug),
                                     lambda campaign=campaign, item=item: b.shown[campaign.slug].card("", item)),
                              campaign_href(b, url, campaign),
                              b.badges(url, item.sdgs), origin(b, campaign), amount=b.fmt.money(item.amount),
                              status_label=b._(f"status:{item.status}")) for campaign, item in projects)


def standing(b: SiteBuilder, campaign: Campaign) -> views.Standing:
    """Where `campaign` stands on the build day, with the date that matters next, in the page's language."""
    _, day, today = b._, b.fmt.date, b.today
    moment = phases.phase_on(campaign, today)
    if moment == phases.CLIMATE_PLAN:
        return _climate_standing(b, campaign)
    call = phases.get_phase(campaign, "call")
    if moment == phases.ANNOUNCED:
        return views.Standing(_("Call for projects opens on %(date)s", date=day(call.start)), False, moment)
    if moment == phases.CALL:
        return views.Standing(_("Call for projects open until %(date)s", date=day(call.last_day)), True, moment)
    if moment == phases.PUBLIC_VOTE:
        stage = phases.vote_stage(campaign, today)
        end = stage.last_day if stage else phases.get_phase(campaign, "public_vote").last_day
        return views.Standing(_("Public vote until %(date)s", date=day(end)), True, moment)
    if moment == phases.SELECTION:
        return views.Standing(_("Results on %(date)s", date=day(phases.results_day(campaign))), False, moment)
    if moment == phases.MOBILISATION:
        end = phases.get_phase(campaign, "mobilisation").last_day
        return views.Standing(_("Projects looking for help until %(date)s", date=day(end)), True, moment)
    if moment == phases.CLOSING:
        event = phases.closing_event(campaign, today)
        when = event.start.date() if event else phases.get_phase(campaign, "closing_event").start
        return views.Standing(_("Closing event on %(date)s", date=day(when)), False, moment)
    if moment == phases.FOLLOW_UP:
        end = phases.get_phase(campaign, "follow_up").last_day
        return views.Standing(_("Projects followed up until %(date)s", date=day(end)), False, moment)
    if moment == phases.FINISHED:
        return views.Standing(_("Finished in %(year)s", year=phases.last_day(campaign).year), False, moment)
    return views.Standing(_("Laureates announced, projects under way"), False, moment)


def _climate_standing(b: SiteBuilder, campaign: Campaign) -> views.Standing:
    _, day, today = b._, b.fmt.date, b.today
    first = min(phase.start for phase in campaign.phases)
    if today < first:
        return views.Standing(_("Starts on %(date)s", date=day(first)), False, phases.CLIMATE_PLAN)
    if today > phases.last_day(campaign):
        return views.Standing(_("Finished in %(year)s", year=phases.last_day(campaign).year), False, phases.FINISHED)
    participation = phases.get_phase(campaign, "participation")
    if phases.covers(participation, today):
        return views.Standing(_("Participation open until %(date)s", date=day(participation.last_day)), True,
                              phases.CLIMATE_PLAN)
    return views.Standing(_("Actions under way until %(date)s", date=day(phases.last_day(campaign))), False,
                          phases.CLIMATE_PLAN)


def _closes(campaign: Campaign, today) -> object:
    """When what is open in `campaign` closes, to list the soonest first."""
    open_periods = [end for _kind, start, end in phases.periods(campaign) if start <= today <= end]
    return min(open_periods) if open_periods else phases.last_day(campaign)


def action(b: PortalBuilder, url: str, campaign: Campaign, moment: str) -> views.Link | None:
    """What to do now in `campaign`, and where: apply, vote, help a project or take part."""
    _ = b._
    if moment == phases.CALL:
        return views.Link(_("Submit a project"), campaign.call.apply_url or campaign_href(b, url, campaign, urls.CALL))
    if moment == phases.PUBLIC_VOTE:
        stage = phases.vote_stage(campaign, b.today)
        fallback = urls.CANDIDATES if campaign.candidates else ""
        return views.Link(_("Vote"), stage.url if stage and stage.url else campaign_href(b, url, campaign, fallback))
    if moment == phases.MOBILISATION:
        return views.Link(_("Help a project"), campaign_href(b, url, campaign, urls.HELP))
    return views.Link(_("Take part"), campaign_href(b, url, campaign, urls.AGENDA))


def now_items(b: PortalBuilder, url: str, campaigns) -> tuple[views.NowItem, ...]:
    """The campaigns where a citizen can do something today, the soonest to close first."""
    found = []
    for campaign in campaigns:
        state = standing(b, campaign)
        if state.open:
            found.append((_closes(campaign, b.today), campaign.slug, views.NowItem(
                views.Link(b.shown[campaign.slug].text(campaign.title), campaign_href(b, url, campaign)),
                shown_language(b, campaign), towns_text(b, campaign), state, action(b, url, campaign, state.moment))))
    return tuple(item for _day, _slug, item in sorted(found, key=lambda entry: entry[:2]))


def agenda_periods(b: PortalBuilder, url: str) -> tuple[views.Period, ...]:
    """Calls and votes open on the build day or to come, the soonest first: periods, not events."""
    labels = {phases.CALL_PERIOD: b._("Call for projects"), phases.VOTE_PERIOD: b._("Public vote")}
    found = []
    for campaign in b.network.campaigns:
        for kind, start, end in phases.periods(campaign):
            if end < b.today:
                continue
            target = urls.CALL if kind == phases.CALL_PERIOD else (urls.CANDIDATES if campaign.candidates else "")
            found.append(((start, campaign.slug, kind), views.Period(
                labels[kind], b._("%(start)s to %(end)s", start=b.fmt.date(start), end=b.fmt.date(end)), start.isoformat(),
                "open" if start <= b.today else "upcoming", campaign_href(b, url, campaign, target),
                origin(b, campaign), shown_language(b, campaign))))
    return tuple(period for _key, period in sorted(found, key=lambda entry: entry[0]))


def town_links(b: PortalBuilder, url: str, campaign: Campaign) -> tuple[views.Link, ...]:
    return tuple(views.Link(name_of(b, campaign, m.nis_code), href(url, urls.municipality(m.nis_code)))
                 for m in campaign.municipalities)


def name_of(b: SiteBuilder, campaign: Campaign, nis_code: str) -> str:
    """A municipality of `campaign` named in the page's language where the campaign has it."""
    name = campaign.municipality(nis_code).name
    return name.get(b.lang) or name[campaign.default_language]


def _rebase(link: str, prefix: str) -> str:
    """A link relative to a campaign site's root, made relative to the portal page `prefix` leads from."""
    return posixpath.normpath(prefix + link) + ("/" if link.endswith("/") else "")


def _rebase_image(image: views.Image, prefix: str) -> views.Image:
    return dataclasses.replace(image, src=_rebase(image.src, prefix))


def _rebase_card(card: views.Card, prefix: str, badges: tuple[views.SdgBadge, ...],
                 origin: views.Origin, **changes) -> views.Card:
    """A card made for a campaign site's root, its links re-rooted under `prefix`, with portal badges
    (in the page's language), its origin and other `changes`."""
    return dataclasses.replace(card, href=_rebase(card.href, prefix), badges=badges, origin=origin,
                               image=card.image and _rebase_image(card.image, prefix), **changes)
