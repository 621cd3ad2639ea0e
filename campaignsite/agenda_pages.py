"""The pages of a campaign site about time: the agenda, one page per event, news posts."""

from __future__ import annotations

from urllib.parse import quote

from . import contexts as cx
from .model import Event, NewsPost, render_markdown
from .pages import Page, CampaignBuilder, href

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
    parts = [p for p in (event.venue, event.address) if p]
    if not parts and event.online_url:
        return b._("Online")
    return ", ".join(parts)


def status_label(b: CampaignBuilder, event: Event) -> str | None:
    return b._(f"event-status:{event.status}") if event.status in STATUS_NOTICE else None


def event_summary(b: CampaignBuilder, url: str, event: Event) -> cx.EventSummary:
    return cx.EventSummary(b.lang, href(url, f"events/{event.slug}/"), event_title(b, event), when(b, event),
                           event.start.isoformat(), place(b, event), event.status, status_label(b, event))


def agenda(b: CampaignBuilder) -> Page:
    _ = b._

    def context(url: str) -> cx.AgendaContext:
        upcoming = [e for e in b.c.events if e.upcoming_on >= b.today]
        past = [e for e in reversed(b.c.events) if e.upcoming_on < b.today]
        return cx.AgendaContext(
            b.site(url), _("Agenda"), tuple(event_summary(b, url, e) for e in upcoming),
            tuple(event_summary(b, url, e) for e in past),
            cx.Link(_("Subscribe to the agenda (iCalendar)"), href(url, "agenda.ics")),
            _("Add this address to your calendar app to see new events as they are announced."))
    return b.page("agenda/", _("Agenda"),
                  _("Upcoming and past events of %(campaign)s", campaign=b.t(b.c.title)), context)


def event_pages(b: CampaignBuilder) -> list[Page]:
    return [event(b, item) for item in b.c.events]


def event(b: CampaignBuilder, event: Event) -> Page:
    _ = b._
    url = f"events/{event.slug}/"

    def context(url: str) -> cx.EventContext:
        project = None
        if event.project:
            laureate = b.c.laureate(event.project)
            project = cx.Link(b.t(laureate.title), href(url, f"laureates/{laureate.slug}/"))
        map_link = cx.Link(_("See on OpenStreetMap"), "https://www.openstreetmap.org/search?query="
                           + quote(event.address)) if event.address else None
        return cx.EventContext(
            site=b.site(url), title=event_title(b, event), description=event_description(b, event),
            kind_label=b._(f"event:{event.kind}"), when=when(b, event), iso_start=event.start.isoformat(),
            status_label=status_label(b, event), venue=event.venue, address=event.address, map_link=map_link,
            online=cx.Link(_("Join online"), event.online_url) if event.online_url else None,
            registration=cx.Link(_("Register"), event.registration_url) if event.registration_url else None,
            ics=cx.Link(_("Add to my calendar (.ics)"), href(url, f"events/{event.slug}.ics")),
            project=project, agenda=cx.Link(_("Agenda"), href(url, "agenda/")))
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
            "organizer": {"@type": "Organization", "name": b.t(b.c.title), "url": b.absolute("")}}
    places = []
    if event.venue or event.address:
        places.append({"@type": "Place", "name": event.venue or event.address,
                       "address": event.address or event.venue})
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    if not places:
        names = ", ".join(m.name[b.lang] for m in b.c.municipalities)
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

    def context(url: str) -> cx.NewsIndexContext:
        return cx.NewsIndexContext(b.site(url), _("News"),
                                   tuple(news_summary(b, url, post) for post in b.c.news),
                                   cx.Link(_("News feed (Atom)"), href(url, "news/feed.xml")))
    return b.page("news/", _("News"),
                  _("News of %(campaign)s", campaign=b.t(b.c.title)), context)


def news_summary(b: CampaignBuilder, url: str, post: NewsPost) -> cx.NewsSummary:
    return cx.NewsSummary(href(url, f"news/{post.slug}/"), post.title[b.lang], b.fmt.date(post.date),
                          post.date.isoformat(), post.summary.get(b.lang, ""))


def news_pages(b: CampaignBuilder) -> list[Page]:
    return [news_post(b, post) for post in b.c.news]


def news_post(b: CampaignBuilder, post: NewsPost) -> Page:
    url = f"news/{post.slug}/"

    def context(url: str) -> cx.NewsPostContext:
        return cx.NewsPostContext(b.site(url), post.title[b.lang], b.fmt.date(post.date),
                                  post.date.isoformat(), render_markdown(post.body[b.lang]),
                                  cx.Link(b._("All news"), href(url, "news/")))
    return b.page(url, post.title[b.lang], post.summary.get(b.lang) or post.title[b.lang], context,
                  meta=b.social_meta(url, None, "article"))
