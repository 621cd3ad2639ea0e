"""Needs as cards (issue 22, item 3), in Chromium at a phone's and a laptop's width: the help page shows
one card per open need of laureates.csv with one 'I can help' button of at least 44 x 44 px; its filter by
kind, goal and municipality hides the other cards, says how many are shown and keeps its choices in the
address; without JavaScript and on paper every need is there; the needs widget shows a few of them."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

from html_support import cents

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHARED = "haute-meuse-2025"  # six municipalities share the campaign; French only
SINGLE = "ixelles-2026"      # one municipality, French and Dutch
KINDS = ("materials", "skills", "volunteers")


def laureate_rows(campaign: str) -> list[dict]:
    with open(ROOT / "campaigns" / campaign / "laureates.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def open_needs(campaign: str, lang: str) -> list[tuple[dict, str]]:
    """(the project's row, the kind) for each open need: a crowdfunding short of its goal, and each item of
    needs_<kind>_<lang>, of every project neither completed nor stopped."""
    found = []
    for row in laureate_rows(campaign):
        if row["status"] in ("completed", "stopped"):
            continue
        if row.get("crowdfunding_goal") and cents(row.get("crowdfunding_raised") or "0") < cents(row["crowdfunding_goal"]):
            found.append((row, "money"))
        for kind in KINDS:
            found += [(row, kind) for item in (row.get(f"needs_{kind}_{lang}") or "").split(";") if item.strip()]
    return found


@pytest.fixture
def open_page(browser):
    """open_page(url, width, javascript=True): the page in a fresh browser context, closed after the test."""
    contexts = []

    def open_(url: str, width: int, javascript: bool = True):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-BE",
                                      java_script_enabled=javascript)
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page
    yield open_
    for context in contexts:
        context.close()


def shown(page):
    return page.locator("[data-cs-cards] .cs-need-card:visible")


@pytest.mark.parametrize("width", [390, 1280])
def test_one_card_per_need_with_a_44_px_action(open_page, example_url, width):
    needs = open_needs(SHARED, "fr")
    page = open_page(f"{example_url}/{SHARED}/fr/help/", width)
    cards = shown(page)
    assert cards.count() == len(needs)
    kinds = Counter(card.get_attribute("data-kind") for card in cards.all())
    assert kinds == Counter(kind for _row, kind in needs)
    for card in cards.all():
        what = card.locator(".cs-need-card__what").inner_text()
        action = card.get_by_role("link", name="Je peux aider")
        assert action.count() == 1, what
        card.scroll_into_view_if_needed()
        box, frame = action.bounding_box(), card.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (what, box)
        assert 0 <= frame["x"] and frame["x"] + frame["width"] <= width, (what, frame)  # whole card readable
        if card.get_attribute("data-kind") == "money":
            expect(card.get_by_role("progressbar")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    counts = page.locator("ul.cs-need-counts > li").all_inner_texts()
    assert counts == [f"{n} {label}" for n, label in ((kinds["money"], "Argent"), (kinds["materials"], "Matériel"),
                                                      (kinds["skills"], "Compétences"),
                                                      (kinds["volunteers"], "Temps")) if n]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_filter_hides_the_other_cards_counts_them_and_keeps_its_choices_in_the_address(open_page, example_url,
                                                                                          width):
    needs = open_needs(SHARED, "fr")
    total = len(needs)
    address = f"{example_url}/{SHARED}/fr/help/"
    page = open_page(address, width)
    count = page.locator("[data-cs-count]")
    expect(count).to_have_text(f"{total} sur {total} besoins affichés")
    # By kind.
    materials = [row for row, kind in needs if kind == "materials"]
    page.get_by_role("combobox", name="Type d'aide").select_option("materials")
    expect(count).to_have_text(f"{len(materials)} sur {total} besoins affichés")
    assert {card.get_attribute("data-kind") for card in shown(page).all()} == {"materials"}
    assert shown(page).count() == len(materials) and page.url == f"{address}?kind=materials"
    # And by municipality: the one with the most materials asked, among several.
    town, n = Counter(row["municipality"] for row in materials).most_common(1)[0]
    assert 0 < n < len(materials)
    page.get_by_role("combobox", name="Commune").select_option(town)
    expect(count).to_have_text(f"{n} sur {total} besoins affichés")
    assert {card.get_attribute("data-municipality") for card in shown(page).all()} == {town}
    assert page.url == f"{address}?kind=materials&municipality={town}"
    # The address keeps the view: reloaded (or shared), the same cards.
    page.reload()
    expect(count).to_have_text(f"{n} sur {total} besoins affichés")
    assert page.get_by_role("combobox", name="Type d'aide").input_value() == "materials"
    assert page.get_by_role("combobox", name="Commune").input_value() == town
    # By goal, alone.
    page.locator(".cs-filter__reset").click()
    expect(count).to_have_text(f"{total} sur {total} besoins affichés")
    goal = "13"
    serving = [row for row, _kind in needs if goal in row["sdgs"].split(";")]
    assert 0 < len(serving) < total, "pick a goal that some but not all projects with needs serve"
    page.get_by_role("combobox", name="Objectif").select_option(goal)
    expect(count).to_have_text(f"{len(serving)} sur {total} besoins affichés")
    assert all(goal in card.get_attribute("data-sdg").split() for card in shown(page).all())
    assert page.url == f"{address}?sdg={goal}"
    page.go_back()
    expect(count).to_have_text(f"{total} sur {total} besoins affichés")


def test_the_municipality_filter_only_where_a_campaign_has_several(open_page, example_url):
    page = open_page(f"{example_url}/{SINGLE}/nl/help/", 390)
    form = page.locator("form[data-cs-filter]")
    expect(form).to_be_visible()
    assert form.locator("select").evaluate_all("all => all.map(s => s.name)") == ["kind", "sdg"]
    needs = open_needs(SINGLE, "nl")
    time = sum(1 for _row, kind in needs if kind == "volunteers")
    page.get_by_role("combobox", name="Soort hulp").select_option("volunteers")
    expect(page.locator("[data-cs-count]")).to_have_text(f"{time} van {len(needs)} hulpvragen getoond")


def test_without_javascript_and_on_paper_every_need_is_listed(open_page, example_url):
    page = open_page(f"{example_url}/{SHARED}/fr/help/?kind=money", 390, javascript=False)
    expect(page.locator("form[data-cs-filter]")).to_be_hidden()
    assert shown(page).count() == len(open_needs(SHARED, "fr"))
    page.emulate_media(media="print")
    cards = shown(page)
    assert cards.count() == len(open_needs(SHARED, "fr"))
    for card in cards.all():  # no button on paper: where to offer it, written out
        expect(card.locator(".cs-need__action")).to_be_hidden()
        contact = card.locator(".cs-need-card__contact")
        expect(contact).to_be_visible()
        assert "@" in contact.inner_text() or "https://" in contact.inner_text()


def test_the_needs_widget_shows_a_few_needs_of_different_projects(open_page, example_url):
    page = open_page(f"{example_url}/{SINGLE}/fr/embed/needs/", 390)
    cards = page.locator(".cs-need-card")
    assert cards.count() == 6
    projects = cards.locator(".cs-need-card__facts a").all_inner_texts()
    assert len(set(projects)) == 6, "a project's first need before another's second"
    for card in cards.all():
        box = card.get_by_role("link", name="Je peux aider").bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
    more = page.locator(".cs-widget__more a")
    expect(more).to_have_text(f"Voir les {len(open_needs(SINGLE, 'fr'))} besoins")
    assert more.get_attribute("href").endswith("/help/")
