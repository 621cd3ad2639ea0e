"""The pages of a campaign site for the press and the public record: press page, printable laureate
listing, climate-plan actions and communication kit, accessibility and privacy statements."""

from __future__ import annotations

from pathlib import PurePosixPath

from . import contexts as cx
from .pages import MEDIA_PREFIX, Page, PageBuilder, href, url_for

DATA_PREFIX = "../data/"  # open data are shared by a campaign's language sites, one level up


class PressPages(PageBuilder):
    """Press, listing, actions, kit and statements of one campaign in one language."""

    def data_downloads(self, url: str) -> tuple[cx.Download, ...]:
        _ = self._
        files = []
        if "laureates" in self.c.public_tables:
            files.append(cx.Download(_("Laureates (CSV)"), href(url, DATA_PREFIX + "laureates.csv"), "CSV"))
        files += [cx.Download(_("Laureates (JSON)"), href(url, DATA_PREFIX + "laureates.json"), "JSON"),
                  cx.Download(_("Open data package (Frictionless)"), href(url, DATA_PREFIX + "datapackage.json"),
                              "JSON")]
        return tuple(files)

    def media_download(self, url: str, src: str, title: str, credit: str | None) -> cx.Download:
        return cx.Download(title, href(url, MEDIA_PREFIX + src[len("media/"):]),
                           PurePosixPath(src).suffix.lstrip(".").upper(), credit)

    def press(self) -> Page:
        _ = self._
        c = self.c

        def context(url: str) -> cx.PressContext:
            kit = []
            if c.logo:
                kit.append(self.media_download(url, c.logo, _("Logo of %(name)s", name=self.t(c.title)), None))
            kit += [self.media_download(url, p.logo, _("Logo of %(name)s", name=p.name), None)
                    for p in c.partners if p.logo]
            kit += [self.media_download(url, i.image, _("Photo of the project %(title)s", title=self.t(i.title)),
                                        i.image_credit) for i in c.laureates if i.image]
            contact = c.press_contact
            lines = tuple(x for x in (contact.email, contact.phone) if x)
            return cx.PressContext(
                site=self.site(url), title=_("Press"),
                intro=_("Releases, figures, the list of laureates and pictures, free to use with credit."),
                releases=tuple(self.news_summary(url, post) for post in c.news), figures=self.key_figures(),
                listing=cx.Link(_("List of laureates (printable)"), href(url, "press/listing/")),
                data=self.data_downloads(url), media_kit=tuple(kit),
                contact=cx.Fact(_("Press contact"), contact.name), contact_lines=lines)
        return self.page("press/index.md", "press.html", _("Press"),
                         _("Press releases, figures and media kit of %(campaign)s", campaign=self.t(c.title)),
                         context, in_nav=True)

    def listing(self) -> Page:
        _ = self._
        c = self.c

        def context(url: str) -> cx.ListingContext:
            rows = []
            for item in sorted(c.laureates, key=lambda i: self.t(i.title)):
                card = self.card(url, item)
                rows.append(cx.ListingRow(card.href, card.title, item.holder, card.category_label, card.amount,
                                          ", ".join(str(n) for n in item.sdgs), _(f"selected:{item.selected_by}"),
                                          card.status_label))
            headings = (_("Project"), _("Project holder"), _("Category"), _("Grant"), _("Goals"),
                        _("Selected by"), _("Status"))
            return cx.ListingContext(self.site(url), _("List of laureates"),
                                     _("%(count)s laureates of %(campaign)s, %(year)s.", count=len(c.laureates),
                                       campaign=self.t(c.title), year=c.edition),
                                     headings, tuple(rows), self.fmt.money(c.granted), self.data_downloads(url))
        return self.page("press/listing.md", "listing.html", _("List of laureates"),
                         _("The laureates of %(campaign)s", campaign=self.t(c.title)), context)

    def actions_page(self) -> Page:
        _ = self._

        def context(url: str) -> cx.ActionsContext:
            actions = tuple(cx.ActionView(
                a.slug, self.t(a.title), self.t(a.description), _(f"theme:{a.theme}"), a.responsible, a.status,
                _(f"action-status:{a.status}"), a.progress, _("%(percent)s%% done", percent=a.progress),
                self.badges(url, a.sdgs)) for a in self.c.actions)
            done = sum(1 for a in self.c.actions if a.status == "done")
            figures = (cx.Figure(self.fmt.number(len(actions)), _("actions")),
                       cx.Figure(self.fmt.number(done), _("done")))
            return cx.ActionsContext(self.site(url), _("Climate plan actions"),
                                     _("What the municipality and its residents do, and how far each action is."),
                                     actions, figures)
        return self.page("actions.md", "actions.html", _("Climate plan actions"),
                         _("The actions of the climate plan and their progress"), context, in_nav=True)

    def kit_page(self) -> Page:
        _ = self._

        def context(url: str) -> cx.KitContext:
            items = tuple(self.media_download(url, k.file, self.t(k.title), k.credit) for k in self.c.kit)
            return cx.KitContext(self.site(url), _("Communication kit"),
                                 _("Templates, texts and images to spread the word. Free to use."), items)
        return self.page("kit.md", "kit.html", _("Communication kit"),
                         _("Templates, recruitment texts and images to download"), context, in_nav=True)

    def statement(self, kind: str) -> Page:
        """The accessibility statement (EU directive 2016/2102) or the privacy statement (GDPR)."""
        c = self.c
        places = ", ".join(m.name[self.lang] for m in c.municipalities)
        return statement_page(self, kind, self.t(c.title), places, c.contact.email)


def statement_page(builder, kind: str, owner: str, places: str, email: str) -> Page:
    """A statement page for a campaign or the portal: numbered catalogue paragraphs and a contact."""
    _ = builder._
    path = f"{kind}.md"
    url = url_for(path)
    paragraphs = tuple(_(f"{kind}:{n}", campaign=owner, municipalities=places, email=email) for n in range(1, 5))
    context = cx.StatementContext(builder.site(url), _(f"{kind}:title"), paragraphs,
                                  cx.Link(email, f"mailto:{email}"),
                                  _("Statement updated on %(date)s.", date=builder.fmt.date(builder.today)))
    return Page(path, url, "statement.html", _(f"{kind}:title"), _(f"{kind}:title"), context)
