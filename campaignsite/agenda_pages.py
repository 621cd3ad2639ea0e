"""The pages of a campaign site about time: the agenda, one page per event, news posts."""

from __future__ import annotations

from urllib.parse import quote

from . import contexts as cx
from .model import Event, NewsPost, render_markdown
from .pages import Page, PageBuilder, href

STATUS_NOTICE = ("cancelled", "postponed", "moved-online")
SCHEMA_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed",
                 "moved-online": "EventMovedOnline"}


class AgendaPages(PageBuilder):
    """Agenda, events and news of one campaign in one language."""

    def event_title(self, event: Event) -> str:
        """Events made from phases have no title of their own: they are named after the phase."""
        return event.title[self.lang] if event.title else self._(f"event:{event.kind}")

    def event_description(self, event: Event) -> str:
        return event.description[self.lang] if event.description else self._(f"event-about:{event.kind}")

    def when(self, event: Event) -> str:
        fmt = self.fmt
        if event.all_day:
            last = (event.end - event.start).days > 1
            return self._("%(start)s to %(end)s", start=fmt.date(event.start.date()),
                          end=fmt.date((event.end.date().fromordinal(event.end.date().toordinal() - 1)))) \
                if last else fmt.weekday_date(event.start.date())
        if event.start.date() == event.end.date():
            return self._("%(date)s, %(start)s to %(end)s", date=fmt.weekday_date(event.start.date()),
                          start=fmt.time(event.start), end=fmt.time(event.end))
        return self._("%(start)s to %(end)s", start=f"{fmt.weekday_date(event.start.date())} {fmt.time(event.start)}",
                      end=f"{fmt.weekday_date(event.end.date())} {fmt.time(event.end)}")

    def place(self, event: Event) -> str:
        parts = [p for p in (event.venue, event.address) if p]
        if not parts and event.online_url:
            return self._("Online")
        return ", ".join(parts)

    def status_label(self, event: Event) -> str | None:
        return self._(f"event-status:{event.status}") if event.status in STATUS_NOTICE else None

    def event_summary(self, url: str, event: Event) -> cx.EventSummary:
        return cx.EventSummary(self.lang, href(url, f"events/{event.slug}/"), self.event_title(event), self.when(event),
                               event.start.isoformat(), self.place(event), event.status, self.status_label(event))

    def agenda(self) -> Page:
        _ = self._

        def context(url: str) -> cx.AgendaContext:
            upcoming = [e for e in self.c.events if e.upcoming_on >= self.today]
            past = [e for e in reversed(self.c.events) if e.upcoming_on < self.today]
            return cx.AgendaContext(
                self.site(url), _("Agenda"), tuple(self.event_summary(url, e) for e in upcoming),
                tuple(self.event_summary(url, e) for e in past),
                cx.Link(_("Subscribe to the agenda (iCalendar)"), href(url, "agenda.ics")),
                _("Add this address to your calendar app to see new events as they are announced."))
        return self.page("agenda.md", "agenda.html", _("Agenda"),
                         _("Upcoming and past events of %(campaign)s", campaign=self.t(self.c.title)), context,
                         in_nav=True)

    def event_pages(self) -> list[Page]:
        return [self.event(event) for event in self.c.events]

    def event(self, event: Event) -> Page:
        _ = self._
        path = f"events/{event.slug}.md"

        def context(url: str) -> cx.EventContext:
            project = None
            if event.project:
                laureate = self.c.laureate(event.project)
                project = cx.Link(self.t(laureate.title), href(url, f"laureates/{laureate.slug}/"))
            map_link = cx.Link(_("See on OpenStreetMap"), "https://www.openstreetmap.org/search?query="
                               + quote(event.address)) if event.address else None
            return cx.EventContext(
                site=self.site(url), title=self.event_title(event), description=self.event_description(event),
                kind_label=self._(f"event:{event.kind}"), when=self.when(event), iso_start=event.start.isoformat(),
                status_label=self.status_label(event), venue=event.venue, address=event.address, map_link=map_link,
                online=cx.Link(_("Join online"), event.online_url) if event.online_url else None,
                registration=cx.Link(_("Register"), event.registration_url) if event.registration_url else None,
                ics=cx.Link(_("Add to my calendar (.ics)"), href(url, f"events/{event.slug}.ics")),
                project=project, agenda=cx.Link(_("Agenda"), href(url, "agenda/")))
        return self.page(path, "event.html", self.event_title(event), self.event_description(event), context,
                         meta=self.social_meta(path, None, "website", self.event_json_ld(event)))

    def event_json_ld(self, event: Event) -> dict:
        """schema.org Event, with the fields search engines read."""
        if event.all_day:
            start, end = event.start.date().isoformat(), event.end.date().isoformat()
        else:
            start, end = event.start.isoformat(), event.end.isoformat()
        data = {"@context": "https://schema.org", "@type": "Event", "name": self.event_title(event),
                "description": self.event_description(event), "startDate": start, "endDate": end,
                "eventStatus": f"https://schema.org/{SCHEMA_STATUS[event.status]}",
                "url": self.absolute(f"events/{event.slug}/"), "inLanguage": self.lang,
                "organizer": {"@type": "Organization", "name": self.t(self.c.title), "url": self.absolute("")}}
        places = []
        if event.venue or event.address:
            places.append({"@type": "Place", "name": event.venue or event.address,
                           "address": event.address or event.venue})
        if event.online_url:
            places.append({"@type": "VirtualLocation", "url": event.online_url})
        if not places:
            names = ", ".join(m.name[self.lang] for m in self.c.municipalities)
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

    def news_index(self) -> Page:
        _ = self._

        def context(url: str) -> cx.NewsIndexContext:
            return cx.NewsIndexContext(self.site(url), _("News"),
                                       tuple(self.news_summary(url, post) for post in self.c.news),
                                       cx.Link(_("News feed (Atom)"), href(url, "news/feed.xml")))
        return self.page("news/index.md", "news_index.html", _("News"),
                         _("News of %(campaign)s", campaign=self.t(self.c.title)), context, in_nav=True)

    def news_summary(self, url: str, post: NewsPost) -> cx.NewsSummary:
        return cx.NewsSummary(href(url, f"news/{post.slug}/"), post.title[self.lang], self.fmt.date(post.date),
                              post.date.isoformat(), post.summary.get(self.lang, ""))

    def news_pages(self) -> list[Page]:
        return [self.news_post(post) for post in self.c.news]

    def news_post(self, post: NewsPost) -> Page:
        path = f"news/{post.slug}.md"

        def context(url: str) -> cx.NewsPostContext:
            return cx.NewsPostContext(self.site(url), post.title[self.lang], self.fmt.date(post.date),
                                      post.date.isoformat(), render_markdown(post.body[self.lang]),
                                      cx.Link(self._("All news"), href(url, "news/")))
        return self.page(path, "news_post.html", post.title[self.lang],
                         post.summary.get(self.lang) or post.title[self.lang], context,
                         meta=self.social_meta(path, None, "article"))
