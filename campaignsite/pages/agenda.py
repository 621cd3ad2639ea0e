"""The pages of a campaign site about time: the agenda, one page per event, news posts."""

from __future__ import annotations

import dataclasses

from babel import Locale

from campaignsite.core.i18n import Formatter
from campaignsite.core.languages import BABEL_LOCALES
from campaignsite.core.markup import render_markdown
from campaignsite.model.phases import ahead, happened, in_calendars, took_place
from campaignsite.model.records import Event, NewsPost
from campaignsite.pages import contexts, urls, views
from campaignsite.pages.builder import CampaignBuilder, Page, href
from campaignsite.pages.parts import (
    address_map_link,
    agenda_context,
    event_actions,
    event_description,
    event_summary,
    event_title,
    follow_up,
    news_summary,
    status_label,
    timeline,
    when,
)

SCHEMA_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed",
                 "moved-online": "EventMovedOnline"}


def agenda(b: CampaignBuilder) -> Page:
    _ = b._

    def context(url: str) -> contexts.AgendaContext:
        upcoming = [e for e in b.campaign.events if ahead(e, b.today)]
        past = [e for e in reversed(b.campaign.events) if not ahead(e, b.today)]
        return agenda_context(b, url, (event_summary(b, url, e) for e in upcoming),
                              (event_summary(b, url, e) for e in past), timeline(b))
    return b.page(urls.AGENDA, _("Agenda"),
                  _("Upcoming and past events of %(campaign)s", campaign=b.text(b.campaign.title)), context)


def event_pages(b: CampaignBuilder) -> list[Page]:
    return [event(b, item) for item in b.campaign.events]


def event(b: CampaignBuilder, event: Event) -> Page:
    _ = b._
    url = urls.event(event.slug)

    def context(url: str) -> contexts.EventContext:
        project = None
        if event.project:
            laureate = b.campaign.laureate(event.project)
            project = views.Link(b.text(laureate.title), href(url, urls.laureate(laureate.slug)))
        over = took_place(event, b.today)  # no registration nor meeting link once it is over
        done = happened(event, b.today)
        venue, address = event.place_in(b.lang)
        return contexts.EventContext(
            site=b.site, description=event_description(b, event),
            kind_label=b._(f"event:{event.kind}"), when=when(b, event), iso_start=event.start.isoformat(),
            status_label=status_label(b, event), venue=venue, address=address,
            map_link=address_map_link(b, address) if address else None,
            online=views.Link(_("Join online"), event.online_url) if event.online_url and not over else None,
            registration=views.Link(_("Register"), event.registration_url)
            if event.registration_url and not over else None,
            ics=views.Link(_("Add to my calendar (.ics)"), href(url, urls.event_calendar(event.slug)))
            if in_calendars(event, b.today) else None,
            project=project, agenda=views.Link(_("Agenda"), href(url, urls.AGENDA)),
            took_place=_("This event took place on %(date)s.", date=b.fmt.date(event.start.date())) if done else None,
            follow_up=follow_up(b, url, event) if done else (), actions=event_actions(b, url, event),
            participants=_.ngettext("%(count)s person took part.", "%(count)s people took part.",
                                    event.participants, count=b.fmt.number(event.participants))
            if done and event.participants is not None else None,
            outcome=b.text(event.outcome) if done and event.outcome else None)
    return b.page(url, event_title(b, event), event_description(b, event), context,
                  meta=b.social_meta(url, None, "website", event_json_ld(b, event)))


def event_json_ld(b: CampaignBuilder, event: Event) -> dict:
    """schema.org Event, with the fields search engines read."""
    if event.all_day:
        start, end = event.start.date().isoformat(), event.end.date().isoformat()
    else:
        start, end = event.start.isoformat(), event.end.isoformat()
    data = {"@context": "https://schema.org", "@type": "Event", "name": event_title(b, event),
            "description": event_description(b, event), "startDate": start, "endDate": end,
            "eventStatus": f"https://schema.org/{SCHEMA_STATUS[event.status]}",
            "url": b.absolute(urls.event(event.slug)), "inLanguage": b.lang,
            "organizer": {"@type": "Organization", "name": b.text(b.campaign.title), "url": b.absolute(urls.HOME)}}
    places = []
    venue, address = event.place_in(b.lang)
    if venue or address:
        places.append({"@type": "Place", "name": venue or address, "address": address or venue})
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    if not places:
        names = ", ".join(m.name[b.lang] for m in b.campaign.municipalities)
        places.append({"@type": "Place", "name": names, "address": names})
    if event.online_url and len(places) > 1:
        mode = "MixedEventAttendanceMode"
    elif event.online_url:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    data["location"] = places[0] if len(places) == 1 else places
    data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    return data


def news_index(b: CampaignBuilder) -> Page:
    _ = b._

    def context(url: str) -> contexts.NewsIndexContext:
        return contexts.NewsIndexContext(b.site, tuple(news_summary(b, url, post) for post in b.campaign.news),
                                         views.Link(_("News feed (Atom)"), href(url, urls.NEWS_FEED)))
    return b.page(urls.NEWS, _("News"),
                  _("News of %(campaign)s", campaign=b.text(b.campaign.title)), context)


def news_pages(b: CampaignBuilder) -> list[Page]:
    return [news_post(b, post) for post in b.campaign.news]


def news_post(b: CampaignBuilder, post: NewsPost) -> Page:
    """A post, on every site of the campaign: in the site's language where it has one, else in its
    first language with a note saying so (and `lang` on its title and text)."""
    url = urls.news_post(post.slug)
    lang = post.language_for(b.lang)
    other = lang if lang != b.lang else ""
    title = post.title[lang]

    def context(url: str) -> contexts.NewsPostContext:
        image = b.image(url, post.image, b._("Picture of the news item %(title)s", title=title))
        note = b._("This news item is only available in %(language)s.", language=Locale.parse(
            BABEL_LOCALES[lang]).get_language_name(BABEL_LOCALES[b.lang])) if other else ""
        return contexts.NewsPostContext(b.site, b.fmt.date(post.date), post.date.isoformat(), image,
                                        render_markdown(Formatter(lang).typography(post.body[lang])),
                                        views.Link(b._("All news"), href(url, urls.NEWS)), other, note)
    page = b.page(url, title, post.summary.get(lang) or title, context, meta=b.social_meta(url, post.image, "article"))
    return dataclasses.replace(page, lang=other)
