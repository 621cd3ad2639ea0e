"""The pages of a campaign site for the press and the public record: press page, printable laureate
listing, climate-plan actions and communication kit, accessibility and privacy statements."""

from __future__ import annotations

from pathlib import PurePosixPath

from . import contexts as cx
from .agenda_pages import news_summary
from .campaign_pages import key_figures
from .pages import MEDIA_PREFIX, CampaignBuilder, SiteBuilder, href
from .site import Page

DATA_PREFIX = "../data/"  # open data are shared by a campaign's language sites, one level up


def data_downloads(b: CampaignBuilder, url: str) -> tuple[cx.Download, ...]:
    _ = b._
    files = []
    if "laureates" in b.c.public_tables:
        files.append(cx.Download(_("Laureates (CSV)"), href(url, DATA_PREFIX + "laureates.csv"), "CSV"))
    files += [cx.Download(_("Laureates (JSON)"), href(url, DATA_PREFIX + "laureates.json"), "JSON"),
              cx.Download(_("Open data package (Frictionless)"), href(url, DATA_PREFIX + "datapackage.json"),
                          "JSON")]
    return tuple(files)


def media_download(b: CampaignBuilder, url: str, src: str, title: str, credit: str | None) -> cx.Download:
    return cx.Download(title, href(url, MEDIA_PREFIX + src[len("media/"):]),
                       PurePosixPath(src).suffix.lstrip(".").upper(), credit)


def press(b: CampaignBuilder) -> Page:
    _ = b._
    c = b.c

    def context(url: str) -> cx.PressContext:
        kit = []
        if c.logo:
            kit.append(media_download(b, url, c.logo, _("Logo of %(name)s", name=b.t(c.title)), None))
        kit += [media_download(b, url, p.logo, _("Logo of %(name)s", name=p.name), None)
                for p in c.partners if p.logo]
        kit += [media_download(b, url, i.image, _("Photo of the project %(title)s", title=b.t(i.title)),
                               i.image_credit) for i in c.laureates if i.image]
        contact = c.press_contact
        lines = tuple(x for x in (contact.email, contact.phone) if x)
        return cx.PressContext(
            site=b.site(url), title=_("Press"),
            intro=_("Releases, figures, the list of laureates and pictures, free to use with credit."),
            releases=tuple(news_summary(b, url, post) for post in c.news), figures=key_figures(b),
            listing=cx.Link(_("List of laureates (printable)"), href(url, "press/listing/")),
            data=data_downloads(b, url), media_kit=tuple(kit),
            contact=cx.Fact(_("Press contact"), contact.name), contact_lines=lines)
    return b.page("press/", _("Press"),
                  _("Press releases, figures and media kit of %(campaign)s", campaign=b.t(c.title)),
                  context)


def listing(b: CampaignBuilder) -> Page:
    _ = b._
    c = b.c

    def context(url: str) -> cx.ListingContext:
        rows = []
        for item in sorted(c.laureates, key=lambda i: b.t(i.title)):
            card = b.card(url, item)
            rows.append(cx.ListingRow(card.href, card.title, item.holder, card.category_label, card.amount,
                                      ", ".join(str(n) for n in item.sdgs), _(f"selected:{item.selected_by}"),
                                      card.status_label))
        headings = (_("Project"), _("Project holder"), _("Category"), _("Grant"), _("Goals"),
                    _("Selected by"), _("Status"))
        return cx.ListingContext(b.site(url), _("List of laureates"),
                                 _("%(count)s laureates of %(campaign)s, %(year)s.", count=len(c.laureates),
                                   campaign=b.t(c.title), year=c.edition),
                                 headings, tuple(rows), b.fmt.money(c.granted), data_downloads(b, url))
    return b.page("press/listing/", _("List of laureates"),
                  _("The laureates of %(campaign)s", campaign=b.t(c.title)), context)


def actions_page(b: CampaignBuilder) -> Page:
    _ = b._

    def context(url: str) -> cx.ActionsContext:
        actions = tuple(cx.ActionView(
            a.slug, b.t(a.title), b.t(a.description), _(f"theme:{a.theme}"), a.responsible, a.status,
            _(f"action-status:{a.status}"), a.progress, _("%(percent)s%% done", percent=a.progress),
            b.badges(url, a.sdgs)) for a in b.c.actions)
        done = sum(1 for a in b.c.actions if a.status == "done")
        figures = (cx.Figure(b.fmt.number(len(actions)), _("actions")),
                   cx.Figure(b.fmt.number(done), _("done")))
        return cx.ActionsContext(b.site(url), _("Climate plan actions"),
                                 _("What the municipality and its residents do, and how far each action is."),
                                 actions, figures)
    return b.page("actions/", _("Climate plan actions"),
                  _("The actions of the climate plan and their progress"), context)


def kit_page(b: CampaignBuilder) -> Page:
    _ = b._

    def context(url: str) -> cx.KitContext:
        items = tuple(media_download(b, url, k.file, b.t(k.title), k.credit) for k in b.c.kit)
        return cx.KitContext(b.site(url), _("Communication kit"),
                             _("Templates, texts and images to spread the word. Free to use."), items)
    return b.page("kit/", _("Communication kit"),
                  _("Templates, recruitment texts and images to download"), context)


def statement(b: CampaignBuilder, kind: str) -> Page:
    """The accessibility statement (EU directive 2016/2102) or the privacy statement (GDPR)."""
    places = ", ".join(m.name[b.lang] for m in b.c.municipalities)
    return statement_page(b, kind, b.t(b.c.title), places, b.c.contact.email)


def statement_page(b: SiteBuilder, kind: str, owner: str, places: str, email: str) -> Page:
    """A statement page for a campaign or the portal: numbered catalogue paragraphs and a contact."""
    _ = b._

    def context(url: str) -> cx.StatementContext:
        paragraphs = tuple(_(f"{kind}:{n}", campaign=owner, municipalities=places, email=email)
                           for n in range(1, 5))
        return cx.StatementContext(b.site(url), _(f"{kind}:title"), paragraphs, cx.Link(email, f"mailto:{email}"),
                                   _("Statement updated on %(date)s.", date=b.fmt.date(b.today)))
    return b.page(f"{kind}/", _(f"{kind}:title"), _(f"{kind}:title"), context)
