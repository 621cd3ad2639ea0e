"""The pages of a climate plan (Gemeente voor de Toekomst): its actions, a page per action with its
indicator, budget, history and events, a page per theme and per Covenant of Mayors sector, and the
communication kit in the formats people work in."""

from __future__ import annotations

from pathlib import PurePosixPath

from campaignsite.exports import kit
from campaignsite.model.phases import took_place
from campaignsite.model.records import Action, KitItem
from campaignsite.pages import contexts, urls, views
from campaignsite.pages.builder import CampaignBuilder, Page, href
from campaignsite.pages.parts import action_figures, action_view, event_summary, file_size

# The plan's words for a file's format, by its name's ending (message keys "file-format:<key>").
FORMATS = {".md": "markdown", ".txt": "text", ".docx": "docx", ".odt": "odt", ".pdf": "pdf", ".svg": "svg",
           ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp", ".gif": "gif", ".xlsx": "xlsx",
           ".ods": "ods", ".pptx": "pptx", ".odp": "odp"}


def actions_context(b: CampaignBuilder, url: str, actions: tuple[Action, ...], intro: str,
                    back: bool = False) -> contexts.ActionsContext:
    """A list of actions with their figures; the list of all of them links every theme and sector page."""
    every = b.campaign.actions
    themes = sectors = ()
    if not back:
        themes = tuple(views.Link(b._(f"theme:{theme}"), href(url, urls.action_theme(theme)))
                       for theme in sorted({a.theme for a in every}))
        sectors = tuple(views.Link(b._(f"sector:{sector}"), href(url, urls.action_sector(sector)))
                        for sector in sorted({a.sector for a in every if a.sector}))
    return contexts.ActionsContext(
        b.site, intro, tuple(action_view(b, url, a) for a in actions), action_figures(b, actions), themes, sectors,
        views.Link(b._("All actions of the climate plan"), href(url, urls.ACTIONS)) if back else None)


def actions_page(b: CampaignBuilder) -> Page:
    _ = b._
    return b.page(urls.ACTIONS, _("Climate plan actions"), _("The actions of the climate plan and their progress"),
                  lambda url: actions_context(b, url, b.campaign.actions, _(
                      "What the municipality and its residents do, and how far each action is.")))


def theme_pages(b: CampaignBuilder) -> list[Page]:
    """A page per theme of the plan (energy, mobility...) with its actions."""
    _ = b._
    pages = []
    for theme in sorted({a.theme for a in b.campaign.actions}):
        actions = tuple(a for a in b.campaign.actions if a.theme == theme)
        name = _(f"theme:{theme}")
        pages.append(b.page(urls.action_theme(theme), _("Climate plan: %(theme)s", theme=name),
                            _("The actions of the climate plan about %(theme)s", theme=name),
                            lambda url, actions=actions, name=name: actions_context(
                                b, url, actions, _("The actions of the climate plan about %(theme)s", theme=name),
                                back=True)))
    return pages


def sector_pages(b: CampaignBuilder) -> list[Page]:
    """A page per Covenant of Mayors sector the plan's actions report under."""
    _ = b._
    pages = []
    for sector in sorted({a.sector for a in b.campaign.actions if a.sector}):
        actions = tuple(a for a in b.campaign.actions if a.sector == sector)
        name = _(f"sector:{sector}")
        intro = _("The actions the Covenant of Mayors reports under the sector %(sector)s", sector=name)
        pages.append(b.page(urls.action_sector(sector), _("Covenant of Mayors sector: %(sector)s", sector=name),
                            intro, lambda url, actions=actions, intro=intro: actions_context(
                                b, url, actions, intro, back=True)))
    return pages


def action_pages(b: CampaignBuilder) -> list[Page]:
    return [action_page(b, action) for action in b.campaign.actions]


def action_page(b: CampaignBuilder, action: Action) -> Page:
    """One action: what it aims at and by when, what it costs and who pays, its history and its events."""
    _, fmt = b._, b.fmt

    def context(url: str) -> contexts.ActionContext:
        facts = [views.Fact(_("Theme"), _(f"theme:{action.theme}")),
                 views.Fact(_("Responsible"), action.responsible)]
        if action.sector:
            facts.append(views.Fact(_("Covenant of Mayors sector"), _(f"sector:{action.sector}")))
        if action.partners:
            facts.append(views.Fact(_("Partners"), fmt.list(action.partners)))
        if action.start:
            facts.append(views.Fact(_("Start"), fmt.date(action.start)))
        if action.target_date:
            facts.append(views.Fact(_("Target date"), fmt.date(action.target_date)))
        if action.budget is not None:
            facts.append(views.Fact(_("Budget"), fmt.money(action.budget)))
        if action.funders:
            facts.append(views.Fact(_("Funded by"), fmt.list(action.funders)))
        if action.co2_saving is not None:
            facts.append(views.Fact(_("Expected saving"), _("%(amount)s tonnes of CO2 a year",
                                                            amount=fmt.number(action.co2_saving))))
        if action.energy_saving is not None:
            facts.append(views.Fact(_("Expected energy saving"), _("%(amount)s MWh a year",
                                                                   amount=fmt.number(action.energy_saving))))
        unit = f"\u00a0{action.indicator.unit}" if action.indicator and action.indicator.unit else ""
        history = tuple(views.StepView(
            fmt.date(step.date), step.date.isoformat(), _(f"action-status:{step.status}"),
            _("%(percent)s done", percent=fmt.percent(step.progress)),
            fmt.number(step.value) + unit if step.value is not None else None, b.text(step.text))
            for step in reversed(action.history))
        events = [event for event in b.campaign.events if action.slug in event.actions]
        return contexts.ActionContext(
            b.site, action_view(b, url, action), tuple(facts), history,
            tuple(event_summary(b, url, e) for e in events if not took_place(e, b.today)),
            tuple(event_summary(b, url, e) for e in reversed(events) if took_place(e, b.today)),
            views.Link(_("All actions of the climate plan"), href(url, urls.ACTIONS)))
    return b.page(urls.action(action.slug), b.text(action.title), b.text(action.description), context)


def kit_file(b: CampaignBuilder, url: str, item: KitItem) -> views.KitFile:
    """A file of the kit with every format it comes in, its size, thumbnail, licence and credit."""
    _ = b._
    paths = [item.file, *kit.documents(item).values(), *filter(None, [kit.png(item)])]
    formats = tuple(views.KitFormat(_(f"file-format:{FORMATS[PurePosixPath(path).suffix.lower()]}"),
                                    href(url, "../" + path), file_size(b, b.campaign.kit_sizes[path]))
                    for path in paths if path in b.campaign.kit_sizes)
    small = kit.thumbnail(item)
    title = b.text(item.title)
    thumbnail = None
    if small:
        # The thumbnail made from an SVG keeps the picture's proportions at kit.THUMBNAIL pixels wide.
        width, height = b.campaign.image_sizes.get(item.file, (None, None))
        if width and small != item.file:
            width, height = kit.THUMBNAIL, round(kit.THUMBNAIL * height / width)
        thumbnail = views.Image(href(url, "../" + small), _("Preview of %(title)s", title=title), None, width, height)
    return views.KitFile(title, _(f"kit:{item.kind}"), formats, item.licence, item.credit, thumbnail)


def kit_page(b: CampaignBuilder) -> Page:
    _ = b._

    def context(url: str) -> contexts.KitContext:
        return contexts.KitContext(b.site, _("Templates, texts and images to spread the word. Each file says under "
                                             "which licence you may use it."),
                                   tuple(kit_file(b, url, item) for item in b.campaign.kit))
    return b.page(urls.KIT, _("Communication kit"), _("Templates, recruitment texts and images to download"), context)
