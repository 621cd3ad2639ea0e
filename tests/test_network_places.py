"""The network by municipality and by time (issue 21), as a reader of the portal checks it: a page per
municipality whose figures are the sums of the projects it lists, portal cards that say where each
campaign stands on the build day, "open now" before the figures, calls and votes on the portal agenda
as periods, and the municipality filters in Chromium. Expected values come from campaigns/*/ and the
catalogues, never from the code under test (the money is formatted with the site's own formatter).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from campaignsite.core.i18n import Formatter
from html_support import ROOT, TODAY, Campaign, cents, label, load_network, parse, resolve_link, text_in

NETWORK = load_network()
SHARED = "eupen-kelmis-2025"  # run by Eupen and Kelmis, with laureates in each


def town_of(c: Campaign, row: dict) -> str:
    """A project's municipality: its own column, else its campaign's only one."""
    return row.get("municipality") or c.config["municipalities"][0]["nis_code"]


def municipalities() -> dict[str, list[Campaign]]:
    found: dict[str, list[Campaign]] = {}
    for c in NETWORK.campaigns:
        for m in c.config["municipalities"]:
            found.setdefault(m["nis_code"], []).append(c)
    return found


def projects_in(code: str) -> list[tuple[Campaign, dict]]:
    return [(c, row) for c in municipalities()[code] for row in c.laureates if town_of(c, row) == code]


def paid_to(c: Campaign, slug: str) -> int:
    return sum(-cents(p["amount"]) if p["kind"] == "repayment" else cents(p["amount"])
               for p in c.payments if p["project"] == slug)


def portal(site: Path, lang: str, rel: str = ""):
    return parse(NETWORK.portal_site(site, lang) / rel / "index.html")


def figure_values(doc) -> dict[str, str]:
    return {f.one("dt").text: f.one("dd").text for f in doc.select(".cs-page > .cs-figures > .cs-figure")}


@pytest.mark.parametrize("lang", NETWORK.languages)
def test_each_municipality_page_sums_the_projects_it_lists(example_site, lang):
    fmt = Formatter(lang)
    assert any(len(projects_in(m["nis_code"])) for m in NETWORK.campaign(SHARED).config["municipalities"])
    for code, campaigns in municipalities().items():
        doc = portal(example_site, lang, f"municipalities/{code}")
        projects = projects_in(code)
        titles = sorted(doc.select(".cs-cards:not(.cs-campaigns) .cs-card__title"), key=lambda e: e.text)
        expected = sorted(text_in(row, f"title_{lang}") or row[f"title_{c.languages[0]}"] for c, row in projects)
        assert sorted(t.text for t in titles) == expected, f"{lang} {code}: the projects of the municipality"
        values = figure_values(doc)
        granted = sum(c.grant_of(row) for c, row in projects)
        assert values[label(lang, "granted to citizen projects")] == fmt.money(granted), f"{lang} {code}"
        if any(c.payments for c, _row in projects):
            paid = sum(paid_to(c, row["slug"]) for c, row in projects)
            assert values[label(lang, "paid out, net of repayments")] == fmt.money(paid), f"{lang} {code}"
        rows = doc.select(".cs-places tbody tr")
        assert len(rows) == len(campaigns), f"{lang} {code}: a row per campaign"
        assert sum(int(row.select("td")[0].text) for row in rows) == len(projects), "the rows add up to the projects"


def test_the_shared_campaign_s_projects_are_split_between_its_municipalities(example_site):
    c = NETWORK.campaign(SHARED)
    codes = [m["nis_code"] for m in c.config["municipalities"]]
    assert all(any(town_of(c, row) == code for row in c.laureates) for code in codes), "projects in each"
    assert sum(len([1 for cc, _r in projects_in(code) if cc is c]) for code in codes) == len(c.laureates)


def test_a_project_page_links_its_municipality_page(example_site):
    c = NETWORK.campaign(SHARED)
    for row in c.laureates:
        page = example_site / SHARED / "de" / "laureates" / row["slug"] / "index.html"
        doc = parse(page)
        fact = next(f for f in doc.select(".cs-facts > div") if f.one("dt").text == label("de", "Municipality"))
        target, _ = resolve_link(example_site, page, fact.one("a").get("href"))
        assert target == NETWORK.portal_site(example_site, "de") / "municipalities" / town_of(c, row) / "index.html"
        assert target.is_file()


def call_end(c: Campaign) -> dt.date:
    return dt.date.fromisoformat(str(c.config["phases"]["call"]["end"]))


def test_portal_cards_say_where_each_campaign_stands_with_its_next_date(example_site):
    fmt = Formatter("en")
    doc = portal(example_site, "en")
    cards = {card.one(".cs-card__title a").text: card for card in doc.select(".cs-campaigns .cs-campaign")}
    open_calls = [c for c in NETWORK.campaigns if "call" in c.config["phases"]
                  and dt.date.fromisoformat(str(c.config["phases"]["call"]["start"])) <= TODAY <= call_end(c)]
    assert open_calls, "the example has a call open on the test day"
    for c in open_calls:
        card = cards[c.title("en") or c.title(c.languages[0])]
        expected = label("en", "Call for projects open until %(date)s") % {"date": fmt.date(call_end(c))}
        assert card.one(".cs-standing").text == expected
        assert card.get("data-now") == "open"
    finished = [c for c in NETWORK.campaigns if max(dt.date.fromisoformat(str(p.get("end") or p["start"]))
                                                     for p in c.config["phases"].values()) < TODAY]
    assert finished, "the example has a campaign that ended before the test day"
    for c in finished:
        card = cards[c.title("en") or c.title(c.languages[0])]
        last = max(dt.date.fromisoformat(str(p.get("end") or p["start"])) for p in c.config["phases"].values())
        assert card.one(".cs-standing").text == label("en", "Finished in %(year)s") % {"year": last.year}
        assert card.get("data-now") == ""


def test_open_now_comes_before_the_figures_and_lists_what_can_be_done(example_site):
    doc = portal(example_site, "fr")
    content = doc.content
    sections = [e for e in content.iter() if e.get("class") in ("cs-section cs-open-now", "cs-figures")]
    assert [e.get("class") for e in sections][:2] == ["cs-section cs-open-now", "cs-figures"]
    items = doc.select(".cs-open-now .cs-open__item")
    open_cards = doc.select('.cs-campaigns .cs-campaign[data-now="open"]')
    assert len(items) == len(open_cards) >= 3
    for item in items:
        assert item.one(".cs-button").get("href"), "each open thing says what to do"


def test_the_portal_agenda_lists_calls_and_votes_as_periods(example_site):
    doc = portal(example_site, "nl", "agenda")
    periods = doc.select(".cs-periods .cs-period")
    calls = [c for c in NETWORK.campaigns if "call" in c.config["phases"] and call_end(c) >= TODAY]
    call_label = label("nl", "Call for projects")
    assert sum(1 for p in periods if p.one(".cs-period__title a").text == call_label) == len(calls) >= 1
    vote_label = label("nl", "Public vote")
    assert any(p.one(".cs-period__title a").text == vote_label for p in periods)
    starts = [p.one("time").get("datetime") for p in periods]
    assert starts == sorted(starts)


@pytest.mark.browser
def test_filter_the_showcase_by_municipality_and_keep_it_in_the_address(example_url, page):
    c = NETWORK.campaign(SHARED)
    kelmis = next(m for m in c.config["municipalities"] if m["nis_code"] == "63040")
    expected = sorted(row["title_de"] for row in c.laureates if town_of(c, row) == kelmis["nis_code"])
    assert 0 < len(expected) < len(c.laureates)
    showcase = f"{example_url}/{SHARED}/de/laureates/"
    page.goto(showcase)
    page.get_by_role("combobox", name=label("de", "Municipality")).select_option(label="%s (%d)" % (text_in(kelmis["name"], "de"), len(expected)))
    expect(page).to_have_url(f"{showcase}?municipality={kelmis['nis_code']}")
    assert sorted(page.locator("[data-cs-cards] .cs-card:visible .cs-card__title").all_inner_texts()) == expected
    shared = page.context.new_page()
    shared.goto(f"{showcase}?municipality={kelmis['nis_code']}")
    assert sorted(shared.locator("[data-cs-cards] .cs-card:visible .cs-card__title").all_inner_texts()) == expected


@pytest.mark.browser
def test_filter_the_portal_by_municipality_and_by_what_is_open_now(example_url, page):
    dinant = "91034"
    expected = sorted(c.title("fr") or c.title(c.languages[0]) for c in NETWORK.campaigns
                      if any(m["nis_code"] == dinant for m in c.config["municipalities"]))
    home = f"{example_url}/fr/"
    page.goto(home)
    page.get_by_role("combobox", name=label("fr", "Municipality")).select_option(dinant)
    expect(page).to_have_url(f"{home}?municipality={dinant}")
    shown = page.locator("[data-cs-cards] .cs-campaign:visible .cs-card__title")
    assert sorted(shown.all_inner_texts()) == expected
    page.get_by_role("combobox", name=label("fr", "Municipality")).select_option("")
    page.get_by_role("combobox", name=label("fr", "Open now")).select_option("open")
    expect(page).to_have_url(f"{home}?now=open")
    standings = page.locator("[data-cs-cards] .cs-campaign:visible .cs-standing")
    assert standings.count() == page.locator(".cs-open-now .cs-open__item").count()
    assert all("cs-standing--open" in (standings.nth(i).get_attribute("class") or "") for i in range(standings.count()))


@pytest.mark.browser
def test_a_municipality_page_shows_totals_equal_to_its_project_cards(example_url, page):
    code = "63023"  # Eupen: a stopped project kept part of its grant, payments are known
    projects = projects_in(code)
    page.goto(f"{example_url}/de/municipalities/{code}/")
    cards = page.locator(".cs-cards:not(.cs-campaigns) .cs-card")
    assert cards.count() == len(projects)
    figures = dict(zip(page.locator(".cs-page > .cs-figures dt").all_inner_texts(),
                       page.locator(".cs-page > .cs-figures dd").all_inner_texts()))
    shown = {label("de", "granted to citizen projects"): sum(c.grant_of(row) for c, row in projects),
             label("de", "paid out, net of repayments"): sum(paid_to(c, row["slug"]) for c, row in projects)}
    for what, total in shown.items():
        assert re.sub(r"\D", "", figures[what]) == re.sub(r"\D", "", Formatter("de").money(total)), what


def test_a_goal_with_more_projects_than_a_page_holds_is_paged_not_cut(example_site):
    from campaignsite.pages.portal import GOAL_CARDS_PER_PAGE
    counts = {}
    for c in NETWORK.campaigns:
        for row in c.laureates:
            for goal in row["sdgs"].split(";"):
                counts.setdefault(int(goal), []).append((c.slug, row["slug"]))
    goal, projects = max(counts.items(), key=lambda item: len(item[1]))
    assert len(projects) > GOAL_CARDS_PER_PAGE, "the example has a goal with more projects than a page holds"
    pages = -(-len(projects) // GOAL_CARDS_PER_PAGE)
    seen = []
    for number in range(1, pages + 1):
        rel = f"sdg/{goal}" if number == 1 else f"sdg/{goal}/page-{number}"
        doc = portal(example_site, "en", rel)
        cards = doc.select(".cs-sdg-page .cs-card")
        assert 0 < len(cards) <= GOAL_CARDS_PER_PAGE
        seen += [(resolve_link(example_site, doc.path, card.one(".cs-card__title a").get("href"))[0].parent.parent.parent.parent.name,
                  card.get("data-slug")) for card in cards]
        links = doc.select(".cs-paging a")
        assert [a.text for a in links] == [str(n) for n in range(1, pages + 1)]
        assert [a.get("aria-current") for a in links] == ["page" if n == number else None for n in range(1, pages + 1)]
        for link in links:
            assert resolve_link(example_site, doc.path, link.get("href"))[0].is_file()
    assert sorted(seen) == sorted(projects), "every project on one page of its goal, once"


def test_at_network_size_the_first_screen_shows_the_soonest_to_close_and_links_the_rest(example_site, monkeypatch):
    """With more open than the home's first screen holds (hundreds of campaigns), it shows the ones that
    close first and links the campaign list filtered to everything open now."""
    from campaignsite.pages import portal as portal_pages
    from campaignsite.pages import sites
    from campaignsite.pipeline import build_model, public_on
    doc = portal(example_site, "en")
    open_cards = doc.select('.cs-campaign[data-now="open"]')
    shown = doc.select(".cs-open-now .cs-open__item")
    assert len(shown) == len(open_cards) > 2, "the example fits on the first screen, all of it"
    monkeypatch.setattr(portal_pages, "OPEN_NOW_SHOWN", 2)
    checked = public_on(build_model(ROOT), TODAY)
    home = next(page for page in sites.portal_site(checked.network, "en", TODAY).pages if page.url == "")
    first_two = [item.one(".cs-open__campaign a").text for item in shown[:2]]
    assert [item.campaign.text for item in home.context.now] == first_two
    assert home.context.all_open.href == "?now=open#campaigns"
    assert home.context.all_open.text == label("en", "All %(count)s campaigns open now") % {"count": len(open_cards)}
