"""What the projects ask of visitors (money, materials, skills, time), shared by the project pages, the
help page and the needs widget: each need with one way to offer it, as a project page lists them and as
cards (issue 22, item 3: one card per concrete need, with its filter by kind, goal and municipality).
"""

from __future__ import annotations

from campaignsite.model import phases
from campaignsite.model.records import NEED_KINDS, Laureate
from campaignsite.pages import urls, views
from campaignsite.pages.builder import CampaignBuilder, href
from campaignsite.pages.parts import mailto

KINDS = ("money",) + NEED_KINDS  # the order of the cards and of the filter's kinds


def need_kinds(_) -> dict[str, str]:
    """Each kind of need's title, written once."""
    return {"money": _("Money"), "materials": _("Materials"), "skills": _("Skills"), "volunteers": _("Time")}


def money_need(b: CampaignBuilder, item: Laureate) -> views.Money | None:
    funding = item.crowdfunding
    if funding is None:
        return None
    label = b._("%(raised)s raised of %(goal)s (%(percent)s)", raised=b.fmt.money(funding.raised),
                goal=b.fmt.money(funding.goal), percent=b.fmt.percent(funding.percent))
    link = views.Link(b._("Support %(title)s with a gift", title=b.text(item.title)), funding.url) \
        if funding.url else offer(b, item, need_kinds(b._)["money"])
    return views.Money(funding.percent, label, link)


def offer(b: CampaignBuilder, item: Laureate, need: str) -> views.Link:
    """Where a visitor offers what a project needs: its public e-mail, else its public contact page, else
    an e-mail to the campaign team; an e-mail's subject names the project and the need (RFC 6068:
    UTF-8, percent-encoded). The private contact_email of laureates.csv is not in the model at all."""
    title = b.text(item.title)
    if item.public_email:
        return views.Link(b._("E-mail the project"), mailto(item.public_email, b._(
            "Offer for %(project)s: %(need)s", project=title, need=need), b.absolute(urls.laureate(item.slug))))
    if item.public_url:
        return views.Link(b._("Contact the project"), item.public_url)
    return views.Link(b._("E-mail the campaign team"), mailto(b.campaign.contact.email, b._(
        "Offer for %(project)s: %(need)s", project=title, need=need), b.absolute(urls.laureate(item.slug))))


def needs(b: CampaignBuilder, item: Laureate) -> views.Needs:
    """What a project still asks of visitors, under each kind's title."""
    kinds = need_kinds(b._)
    money_title = kinds["money"]
    if item.status in ("completed", "stopped"):
        return views.Needs(money_title, None, ())  # a finished or stopped project asks nothing any more
    money = money_need(b, item)
    if money and item.crowdfunding.raised >= item.crowdfunding.goal:
        money = None  # the goal is met: nothing more to ask
    lists = tuple(views.NeedList(kind, kinds[kind], tuple(views.NeedItem(need, offer(b, item, need))
                                                                for need in item.needs[kind][b.lang]))
                  for kind in NEED_KINDS if item.needs[kind].get(b.lang))
    return views.Needs(money_title, money, lists)


# --- Needs as cards: the help page and the needs widget ----------------------------------------------

def route(b: CampaignBuilder, item: Laureate, gift: bool) -> tuple[str, str]:
    """Where a card's 'I can help' leads, said under it, and the same in print (an address to write down)."""
    if gift and item.crowdfunding.url:
        return b._("On the crowdfunding page"), item.crowdfunding.url
    if item.public_email:
        return b._("By e-mail to the project"), item.public_email
    if item.public_url:
        return b._("On the project's contact page"), item.public_url
    return b._("By e-mail to the campaign team, who pass it on"), b.campaign.contact.email


def when(b: CampaignBuilder) -> str | None:
    """The mobilisation, while it is to come or going on: when the projects look for help."""
    phase = phases.get_phase(b.campaign, "mobilisation")
    if phase is None or phase.last_day < b.today:
        return None
    if phase.start <= b.today:
        return b._("Until %(date)s", date=b.fmt.date(phase.last_day))
    return b.fmt.date_range(phase.start, phase.last_day)


def project_cards(b: CampaignBuilder, url: str, item: Laureate, asked: views.Needs,
                  period: str | None) -> list[views.NeedCard]:
    """A card per need of one project: its money first, then each kind's needs in NEED_KINDS order."""
    _, title = b._, b.text(item.title)
    project = views.Link(title, href(url, urls.laureate(item.slug) + "#help"))
    place = b.text(item.address) if item.address else b.municipality_name(item.municipality)
    common = dict(lang=b.lang, project=project, place=place, when=period,
                  sdgs=" ".join(str(number) for number in item.sdgs), municipality=item.municipality)
    kinds = need_kinds(_)
    cards = []
    if asked.money:
        funding = item.crowdfunding
        hint, contact = route(b, item, gift=True)
        what = _("%(amount)s still to raise", amount=b.fmt.money(funding.goal - funding.raised))
        cards.append(views.NeedCard(id=f"need-{item.slug}-money", kind="money", kind_label=kinds["money"],
                                    what=what, money=asked.money, action=asked.money.link, route=hint,
                                    contact=contact, **common))
    hint, contact = route(b, item, gift=False)
    for listed in asked.lists:
        for number, need in enumerate(listed.items, start=1):
            cards.append(views.NeedCard(id=f"need-{item.slug}-{listed.kind}-{number}", kind=listed.kind,
                                        kind_label=listed.title, what=b.fmt.typography(need.text), money=None, action=need.action,
                                        route=hint, contact=contact, **common))
    return cards


def need_cards(b: CampaignBuilder, url: str) -> tuple[views.NeedCard, ...]:
    """Every open need of the campaign's projects as a card, the projects in the order of their titles."""
    period = when(b)
    return tuple(card for item in b.by_title(b.campaign.laureates)
                 for card in project_cards(b, url, item, needs(b, item), period))


def kind_options(b: CampaignBuilder, cards) -> tuple[views.FilterOption, ...]:
    """The kinds of need the cards ask, each with how many cards ask it: the filter's options and the counts."""
    kinds = need_kinds(b._)
    return tuple(views.FilterOption(kind, kinds[kind], sum(1 for card in cards if card.kind == kind))
                 for kind in KINDS if any(card.kind == kind for card in cards))


def goals(b: CampaignBuilder, url: str, cards) -> tuple[views.SdgBadge, ...]:
    """The goals the projects with needs serve: the filter's goals."""
    return b.badges(url, sorted({int(n) for card in cards for n in card.sdgs.split()}))


def counts(b: CampaignBuilder, cards) -> tuple[views.Figure, ...]:
    """How many needs of each kind: '8 Materials'."""
    return tuple(views.Figure(b.fmt.number(option.count), option.label) for option in kind_options(b, cards))


def spread(cards, limit: int) -> tuple[views.NeedCard, ...]:
    """At most `limit` cards, taking each project's first need before any project's second, and so on,
    so that one project with many needs does not fill a widget; in the cards' order."""
    turns: dict[str, int] = {}
    ranked = []
    for index, card in enumerate(cards):
        slug = card.project.href
        turns[slug] = turns.get(slug, 0) + 1
        ranked.append((turns[slug], index))
    kept = sorted(index for _turn, index in sorted(ranked)[:limit])
    return tuple(cards[index] for index in kept)
