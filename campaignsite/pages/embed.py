"""Widgets for the municipalities' own websites: chrome-less pages under embed/, their oEmbed
descriptions, and the "embed this" page (widgets/) with live previews and code to copy.

A widget is an ordinary page of the campaign site in the "embed" layout: the engine renders it
without header, menu or footer, its links open in the top window, and its script reports its
height to the host page (our message and WordPress's), so an iframe fits its content. Without
JavaScript the snippet's iframe keeps a fixed height and the widget scrolls inside it.
"""

from __future__ import annotations

import html
import json

from campaignsite.core.sitespec import Page
from campaignsite.model.phases import ahead, call_state, current_phase
from campaignsite.model.sdgs import get_sdgs
from campaignsite.pages import contexts, needs, urls, views
from campaignsite.pages.builder import CampaignBuilder, href
from campaignsite.pages.parts import (
    call_results,
    call_status,
    event_summary,
    key_figures,
    prize_options,
    status_options,
)

HEIGHT = 600  # the snippets' iframe height without JavaScript, in pixels
NEEDS_SHOWN = 6  # the needs widget's cards at most; the help page has them all
LOADER = "assets/javascripts/loader.js"


def stands_for(b: CampaignBuilder, url: str) -> dict:
    """A widget's canonical address: the page of the site it shows part of. Search engines index that
    page instead of the widget (made to be framed in a municipality's site), which stays out of the
    sitemap (theme/sitemap.xml) but is not `noindex`: a page that forbids indexing cannot hand its
    links and content over to the page it stands for."""
    return {"canonical": b.absolute(url)}


def cards_context(b: CampaignBuilder, url: str, heading: str, laureates, full: views.Link,
                  with_filter: bool = True) -> contexts.EmbedCardsContext:
    ordered = b.by_title(laureates)
    used = sorted({number for item in laureates for number in item.sdgs}) if with_filter else []
    statuses = status_options(b, laureates) if with_filter else ()
    return contexts.EmbedCardsContext(b.site, heading, tuple(b.card(url, item) for item in ordered),
                                      b.badges(url, used), statuses, full,
                                      prize_options(b, laureates) if with_filter else ())


def embed_laureates(b: CampaignBuilder) -> Page:
    title = b._("Laureates of %(campaign)s", campaign=b.text(b.campaign.title))
    return b.page(urls.EMBED_LAUREATES, title, title, lambda url: cards_context(
        b, url, title, b.campaign.laureates, views.Link(b._("All laureates"), href(url, urls.SHOWCASE))),
        stands_for(b, urls.SHOWCASE))


def embed_goals(b: CampaignBuilder) -> list[Page]:
    """The laureates widget for one goal, for each goal a laureate serves."""
    pages = []
    for number in sorted({n for item in b.campaign.laureates for n in item.sdgs}):
        title = b._("Laureates of %(campaign)s for goal %(number)s: %(goal)s", campaign=b.text(b.campaign.title),
                    number=number, goal=get_sdgs()[number].title[b.lang])
        serving = [item for item in b.campaign.laureates if number in item.sdgs]
        pages.append(b.page(urls.embed_goal(number), title, title, lambda url, title=title, serving=serving,
                            number=number: cards_context(b, url, title, serving, views.Link(
                                b._("All laureates"), href(url, urls.sdg(number))), with_filter=False),
                            stands_for(b, urls.sdg(number))))
    return pages


def embed_projects(b: CampaignBuilder) -> list[Page]:
    """One project card per laureate."""
    pages = []
    for item in b.campaign.laureates:
        title = b.text(item.title)
        pages.append(b.page(urls.embed_project(item.slug), title, b.text(item.summary),
                            lambda url, item=item, title=title: cards_context(
                                b, url, title, [item], views.Link(b._("About the project"),
                                                                     href(url, urls.laureate(item.slug))),
                                with_filter=False), stands_for(b, urls.laureate(item.slug))))
    return pages


def embed_agenda(b: CampaignBuilder) -> Page:
    _ = b._
    title = _("Agenda of %(campaign)s", campaign=b.text(b.campaign.title))

    def context(url: str) -> contexts.EmbedAgendaContext:
        upcoming = [event for event in b.campaign.events if ahead(event, b.today)]
        return contexts.EmbedAgendaContext(
            b.site, title, tuple(event_summary(b, url, event) for event in upcoming), _("No event planned for now."),
            views.Link(_("Agenda"), href(url, urls.AGENDA)),
            views.Link(_("Subscribe to the agenda (iCalendar)"), href(url, urls.CALENDAR)))
    return b.page(urls.EMBED_AGENDA, title, title, context, stands_for(b, urls.AGENDA))


def embed_figures(b: CampaignBuilder) -> Page:
    _ = b._
    title = b.text(b.campaign.title)

    def context(url: str) -> contexts.EmbedFiguresContext:
        phase = current_phase(b.campaign, b.today)
        now = _("Now: %(phase)s", phase=_(f"phase:{phase.id}")) if phase else None
        return contexts.EmbedFiguresContext(b.site, title, now, key_figures(b),
                                            views.Link(_("More about the campaign"), href(url, urls.HOME)))
    return b.page(urls.EMBED_FIGURES, title, b.text(b.campaign.tagline), context, stands_for(b, urls.HOME))


def embed_needs(b: CampaignBuilder) -> Page:
    """Some open needs of the projects, a project's first need before any project's second, linking to
    the help page with all of them."""
    _ = b._
    title = _("Projects of %(campaign)s looking for help", campaign=b.text(b.campaign.title))

    def context(url: str) -> contexts.EmbedNeedsContext:
        cards = needs.need_cards(b, url)
        shown = needs.spread(cards, NEEDS_SHOWN)
        if not cards:
            intro = _("No project needs help right now.")
        elif len(shown) < len(cards):
            intro = _.ngettext("%(shown)s of %(count)s open need.", "%(shown)s of %(count)s open needs.",
                               len(cards), shown=b.fmt.number(len(shown)), count=b.fmt.number(len(cards)))
        else:
            intro = _.ngettext("%(count)s open need.", "%(count)s open needs.", len(cards),
                               count=b.fmt.number(len(cards)))
        full = views.Link(_.ngettext("See the %(count)s need", "See all %(count)s needs", len(cards),
                                     count=b.fmt.number(len(cards))) if cards else _("How can I help?"),
                          href(url, urls.HELP))
        return contexts.EmbedNeedsContext(b.site, title, intro, shown, full)
    return b.page(urls.EMBED_NEEDS, title, title, context, stands_for(b, urls.HELP))


def embed_call(b: CampaignBuilder) -> Page:
    _ = b._
    title = _("Call for projects of %(campaign)s", campaign=b.text(b.campaign.title))

    def context(url: str) -> contexts.EmbedCallContext:
        call = b.campaign.call
        is_open = call_state(b.campaign, b.today) == "open"
        apply = views.Link(_("Apply"), call.apply_url) if is_open and call.apply_url else None
        return contexts.EmbedCallContext(b.site, title, call_status(b), apply,
                                         views.Link(_("Criteria, budget and deadline"), href(url, urls.CALL)),
                                         call_results(b, url))
    return b.page(urls.EMBED_CALL, title, title, context, stands_for(b, urls.CALL))


# --- The "embed this" page and oEmbed ------------------------------------------------------------

def snippet(address: str, title: str, loader: str) -> str:
    """The code a municipality pastes: a fixed-height iframe that the loader script resizes."""
    return (f'<iframe src="{html.escape(address)}" title="{html.escape(title)}" data-campaignsite-embed '
            f'style="width:100%;height:{HEIGHT}px;border:0" loading="lazy"></iframe>\n'
            f'<script src="{html.escape(loader)}" async></script>')


def widget_list(b: CampaignBuilder, url: str) -> tuple[views.Widget, ...]:
    """The widgets of this campaign site, each with what it shows and its code."""
    _, campaign = b._, b.campaign
    loader = b.absolute(LOADER)
    rows = []
    if campaign.laureates:
        goals = sorted({n for item in campaign.laureates for n in item.sdgs})
        rows.append(("laureates", _("Laureates"), _("Every laureate project as a card, with a filter by goal and "
                                                    "status."), urls.EMBED_LAUREATES, urls.SHOWCASE, _("Goal"),
                     ((href(url, urls.EMBED_LAUREATES), b.absolute(urls.EMBED_LAUREATES), _("All goals")),)
                     + tuple((href(url, urls.embed_goal(n)), b.absolute(urls.embed_goal(n)),
                              f"{n}. {get_sdgs()[n].title[b.lang]}") for n in goals)))
        first = b.by_title(campaign.laureates)
        rows.append(("project", _("One project"), _("The card of one project."),
                     urls.embed_project(first[0].slug), urls.laureate(first[0].slug), _("Project"),
                     tuple((href(url, urls.embed_project(item.slug)), b.absolute(urls.embed_project(item.slug)),
                            b.text(item.title)) for item in first)))
    if campaign.laureates:
        rows.append(("needs", _("Needs of the projects"), _.ngettext(
            "Up to %(count)s needs of the projects as cards, each with its 'I can help' button, and a link to "
            "all of them.", "Up to %(count)s needs of the projects as cards, each with its 'I can help' button, "
            "and a link to all of them.", NEEDS_SHOWN, count=NEEDS_SHOWN), urls.EMBED_NEEDS, urls.HELP, "", ()))
    rows.append(("agenda", _("Agenda"), _("The upcoming events, with a link to subscribe to the calendar."),
                 urls.EMBED_AGENDA, urls.AGENDA, "", ()))
    rows.append(("figures", _("Key figures"), _("The campaign's key figures and its current phase."),
                 urls.EMBED_FIGURES, urls.HOME, "", ()))
    if campaign.call:
        rows.append(("call", _("Call for projects"), _("Where the call stands, with the days left and how to "
                                                       "apply while it is open."), urls.EMBED_CALL, urls.CALL, "", ()))
    return tuple(views.Widget(key, title, description, href(url, path), b.absolute(path),
                                 f"{title} - {b.text(campaign.title)}",
                                 snippet(b.absolute(path), f"{title} - {b.text(campaign.title)}", loader),
                                 f'<a href="{html.escape(b.absolute(full))}">{html.escape(title)} - '
                                 f'{html.escape(b.text(campaign.title))}</a>', choice_label, choices)
                 for key, title, description, path, full, choice_label, choices in rows)


def widgets(b: CampaignBuilder) -> Page:
    _ = b._
    title = _("Widgets for your website")
    intro = _("Show the laureates, the needs of the projects, the agenda or the key figures of %(campaign)s on "
              "your own website: copy the code of a widget into a page of your site. The widget adapts its height "
              "to its content and its links open on this site.", campaign=b.text(b.campaign.title))
    return b.page(urls.WIDGETS, title, intro, lambda url: contexts.WidgetsContext(
        b.site, intro, widget_list(b, url), href(url, LOADER), b.absolute(LOADER), HEIGHT))


def oembed_files(b: CampaignBuilder, described) -> tuple[tuple[str, bytes], ...]:
    """oEmbed 1.0 descriptions (type "rich") of the pages that have a widget, so that pasting their
    address into a CMS that speaks oEmbed embeds the widget; `described` as registry.oembed_pages gives it."""
    return tuple((oembed_path(page_url), oembed_json(b, widget_url, title))
                 for page_url, widget_url, title in described)


def oembed_path(page_url: str) -> str:
    return f"oembed/{page_url.strip('/') or 'home'}.json"


def oembed_json(b: CampaignBuilder, widget_url: str, title: str) -> bytes:
    address = b.absolute(widget_url)
    # As WordPress accepts it from a provider it does not know: a link in a blockquote, then an
    # iframe sandboxed to scripts (it resizes through WordPress's own message protocol).
    markup = (f'<blockquote class="campaignsite-embed"><a href="{html.escape(address)}">{html.escape(title)}</a>'
              f'</blockquote><iframe src="{html.escape(address)}" title="{html.escape(title)}" width="{HEIGHT}" '
              f'height="{HEIGHT}" sandbox="allow-scripts allow-popups allow-top-navigation-by-user-activation" '
              'style="width:100%;border:0" loading="lazy"></iframe>')
    data = {"version": "1.0", "type": "rich", "title": title, "provider_name": b.text(b.campaign.title),
            "provider_url": b.absolute(urls.HOME), "html": markup, "width": HEIGHT, "height": HEIGHT}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
