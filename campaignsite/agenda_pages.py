"""The pages of a campaign site about time: the agenda, one page per event, news posts."""

from __future__ import annotations

import dataclasses

from babel import Locale

from . import contexts
from .campaign_pages import address_map_link, timeline
from .phases import happened, took_place
from .languages import BABEL_LOCALES
from .i18n import Formatter
from .model import Event, NewsPost, render_markdown
from .pages import CampaignBuilder, Page, SiteBuilder, href

STATUS_NOTICE = ("cancelled", "postponed", "moved-online")
SCHEMA_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed",
                 "moved-online": "EventMovedOnline"}


def event_title(b: CampaignBuilder, event: Event) -> str:
    """Events made from phases have no title of their own: they are named after the phase."""
    return event.title[b.lang] if event.title else b._(f"event:{event.kind}")


def event_description(b: CampaignBuilder, event: Event) -> str:
    return event.description[b.lang] if event.description else b._(f"event-about:{event.kind}")


def when(b: CampaignBuilder, event: Event) -> str:
    fmt = b.fmt
    if event.all_day:
        last = (event.end - event.start).days > 1
        return b._("%(start)s to %(end)s", start=fmt.date(event.start.date()),
                   end=fmt.date((event.end.date().fromordinal(event.end.date().toordinal() - 1)))) \
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


def event_summary(b: CampaignBuilder, url: str, event: Event) -> contexts.EventSummary:
    done = happened(event, b.today)
    return contexts.EventSummary(b.lang, href(url, f"events/{event.slug}/"), event_title(b, event), when(b, event),
                                 event.start.isoformat(), place(b, event), event.status, status_label(b, event),
                                 b._("took place") if done else None, follow_up(b, url, event) if done else ())


def follow_up(b: CampaignBuilder, url: str, event: Event) -> tuple[contexts.Link, ...]:
    """What there is to read or see about an event that took place: its news post and its photos."""
    links = []
    post = next((p for p in b.campaign.news if p.slug == event.news), None)
    if post and b.lang in post.title:  # a post in some languages only is linked from those sites
        links.append(contexts.Link(b._("News: %(title)s", title=post.title[b.lang]), href(url, f"news/{post.slug}/")))
    if event.photos_url:
        links.append(contexts.Link(b._("Photos of %(event)s", event=event_title(b, event)), event.photos_url))
    return tuple(links)


def agenda_context(b: SiteBuilder, url: str, upcoming, past, phases=()) -> contexts.AgendaContext:
    """A campaign's or the portal's agenda: its upcoming and past events, its phases and its calendar feed."""
    _ = b._
    return contexts.AgendaContext(
        b.site, tuple(upcoming), tuple(past),
        contexts.Link(_("Subscribe to the agenda (iCalendar)"), href(url, "agenda.ics")),
        _("Add this address to your calendar app to see new events as they are announced."), tuple(phases))


def agenda(b: CampaignBuilder) -> Page:
    _ = b._

    def context(url: str) -> contexts.AgendaContext:
        upcoming = [e for e in b.campaign.events if not took_place(e, b.today)]
        past = [e for e in reversed(b.campaign.events) if took_place(e, b.today)]
        return agenda_context(b, url, (event_summary(b, url, e) for e in upcoming),
                              (event_summary(b, url, e) for e in past), timeline(b))
    return b.page("agenda/", _("Agenda"),
                  _("Upcoming and past events of %(campaign)s", campaign=b.text(b.campaign.title)), context)


def event_pages(b: CampaignBuilder) -> list[Page]:
    return [event(b, item) for item in b.campaign.events]


def event(b: CampaignBuilder, event: Event) -> Page:
    _ = b._
    url = f"events/{event.slug}/"

    def context(url: str) -> contexts.EventContext:
        project = None
        if event.project:
            laureate = b.campaign.laureate(event.project)
            project = contexts.Link(b.text(laureate.title), href(url, f"laureates/{laureate.slug}/"))
        over = took_place(event, b.today)  # no registration nor meeting link once it is over
        done = happened(event, b.today)
        venue, address = event.place_in(b.lang)
        return contexts.EventContext(
            site=b.site, description=event_description(b, event),
            kind_label=b._(f"event:{event.kind}"), when=when(b, event), iso_start=event.start.isoformat(),
            status_label=status_label(b, event), venue=venue, address=address,
            map_link=address_map_link(b, address) if address else None,
            online=contexts.Link(_("Join online"), event.online_url) if event.online_url and not over else None,
            registration=contexts.Link(_("Register"), event.registration_url)
            if event.registration_url and not over else None,
            ics=contexts.Link(_("Add to my calendar (.ics)"), href(url, f"events/{event.slug}.ics")),
            project=project, agenda=contexts.Link(_("Agenda"), href(url, "agenda/")),
            took_place=_("This event took place on %(date)s.", date=b.fmt.date(event.start.date())) if done else None,
            follow_up=follow_up(b, url, event) if done else ())
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
            "url": b.absolute(f"events/{event.slug}/"), "inLanguage": b.lang,
            "organizer": {"@type": "Organization", "name": b.text(b.campaign.title), "url": b.absolute("")}}
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
                                         contexts.Link(_("News feed (Atom)"), href(url, "news/feed.xml")))
    return b.page("news/", _("News"),
                  _("News of %(campaign)s", campaign=b.text(b.campaign.title)), context)


def news_summary(b: CampaignBuilder, url: str, post: NewsPost) -> contexts.NewsSummary:
    lang = post.language_for(b.lang)
    other = lang if lang != b.lang else ""
    return contexts.NewsSummary(href(url, f"news/{post.slug}/"), post.title[lang], b.fmt.date(post.date),
                                post.date.isoformat(), b.fmt.typography(post.summary.get(b.lang, ""))
                                if not other else Formatter(lang).typography(post.summary.get(lang, "")), other,
                                language_note(b, other) if other else "")


def language_note(b: CampaignBuilder, lang: str) -> str:
    """'(in French)': said, in the page's language, of a post written in another language only."""
    return b._("(in %(language)s)", language=Locale.parse(BABEL_LOCALES[lang]).get_language_name(BABEL_LOCALES[b.lang]))


def news_pages(b: CampaignBuilder) -> list[Page]:
    return [news_post(b, post) for post in b.campaign.news]


def news_post(b: CampaignBuilder, post: NewsPost) -> Page:
    """A post, on every site of the campaign: in the site's language where it has one, else in its
    first language with a note saying so (and `lang` on its title and text)."""
    url = f"news/{post.slug}/"
    lang = post.language_for(b.lang)
    other = lang if lang != b.lang else ""
    title = post.title[lang]

    def context(url: str) -> contexts.NewsPostContext:
        image = b.image(url, post.image, b._("Picture of the news item %(title)s", title=title))
        note = b._("This news item is only available in %(language)s.", language=Locale.parse(
            BABEL_LOCALES[lang]).get_language_name(BABEL_LOCALES[b.lang])) if other else ""
        return contexts.NewsPostContext(b.site, b.fmt.date(post.date), post.date.isoformat(), image,
                                        render_markdown(Formatter(lang).typography(post.body[lang])),
                                        contexts.Link(b._("All news"), href(url, "news/")), other, note)
    page = b.page(url, title, post.summary.get(lang) or title, context, meta=b.social_meta(url, post.image, "article"))
    return dataclasses.replace(page, lang=other)
