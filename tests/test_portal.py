"""The network portal as a reader sees it (issue 10): in every language a campaign uses, cards from other
campaigns saying which campaign, town and language they come from, and goal pages with the goal's
official title, its projects, money and campaigns. Expected values come from campaigns/*/ and data/,
never from the code under test.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from babel import Locale
from playwright.sync_api import expect

from campaignsite.core.i18n import Formatter
from html_support import (ROOT, Campaign, Document, cents, label, load_network, parse, read_csv, resolve_link,
                          split_list, text_in, typeset)
from project import NETWORK_YML, validate, write_project

NETWORK = load_network()
# What each laureate row counts for as granted, by its campaign's rules (rows are the network's own objects).
GRANTS = {id(row): c.grant_of(row) for c in NETWORK.campaigns for row in c.laureates}


def grant_of(row: dict) -> int:
    return GRANTS[id(row)]
PORTAL_LANGS = [pytest.param(lang, id=f"portal-{lang}") for lang in NETWORK.languages]
BABEL = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_BE", "de": "de_BE"}


@pytest.fixture(scope="module")
def site(example_site) -> Path:
    return example_site


def portal_page(site: Path, lang: str, rel: str = "") -> Document:
    path = NETWORK.portal_site(site, lang) / rel / "index.html"
    assert path.is_file(), f"portal ({lang}): {path.relative_to(site)} is missing"
    return parse(path)


def fail_if(problems: list[str], what: str) -> None:
    if problems:
        pytest.fail(f"{len(problems)} problem(s) with {what}:\n  " + "\n  ".join(problems[:60]), pytrace=False)


def sdgs_of(row: dict) -> list[int]:
    return sorted(int(n) for n in split_list(row.get("sdgs")))


def official_titles() -> dict[int, dict[str, str]]:
    return {int(row["goal"]): row for row in read_csv(ROOT / "data" / "sdg_titles.csv")}


def shown_language(c: Campaign, lang: str) -> str:
    """The language the portal shows a campaign in: the page's, else the campaign's first."""
    return lang if lang in c.languages else c.languages[0]


def towns(c: Campaign, lang: str) -> list[str]:
    return [text_in(m["name"], lang) or text_in(m["name"], c.languages[0]) for m in c.config["municipalities"]]


def language_note(lang: str, page_lang: str) -> str:
    """'(in French)' as a reader of `page_lang` reads it, from the catalogue and CLDR's language names."""
    name = Locale.parse(BABEL[lang]).get_language_name(BABEL[page_lang])
    return label(page_lang, "(in %(language)s)") % {"language": name}


def count_label(lang: str, n: int, singular: str, plural: str) -> str:
    return label(lang, singular if n == 1 else plural)


def figures(doc: Document, css: str) -> dict[str, str]:
    return {f.one("dt").text: f.one("dd").text for f in doc.select(f"{css} > .cs-figure")}


def campaign_of(site: Path, doc: Document, link: str) -> tuple[Campaign, str]:
    """The campaign and language of the campaign site a portal link leads into."""
    parts = resolve_link(site, doc.path, link)[0].relative_to(site).parts
    return NETWORK.campaign(parts[0]), parts[1]


def check_origin(problems: list[str], where: str, item, c: Campaign, shown: str, page_lang: str) -> None:
    """The origin a cross-campaign item shows: campaign (in its language), towns, and the note, in the
    page's language."""
    origin = item.select_one(".cs-origin")
    if origin is None:
        problems.append(f"{where}: no campaign and town")
        return
    if origin.get("lang") != page_lang:
        problems.append(f"{where}: origin lang={origin.get('lang')!r}, expected {page_lang}")
    name = origin.one(".cs-origin__campaign")
    if name.text != c.title(shown) or name.get("lang") != shown:
        problems.append(f"{where}: campaign {name.text!r} (lang={name.get('lang')!r}), expected "
                        f"{c.title(shown)!r} ({shown})")
    shown_towns = origin.one(".cs-origin__towns").text
    if any(town not in shown_towns for town in towns(c, page_lang)):
        problems.append(f"{where}: towns {shown_towns!r}, expected {towns(c, page_lang)}")
    note = origin.select_one(".cs-origin__language")
    if shown != page_lang and (note is None or note.text != language_note(shown, page_lang)):
        problems.append(f"{where}: in {shown} on a {page_lang} page without {language_note(shown, page_lang)!r}")
    if shown == page_lang and note is not None:
        problems.append(f"{where}: says {note.text!r} though it is in the page's language")


# --- Every language a campaign uses --------------------------------------------------------------

def test_the_portal_has_every_language_of_the_campaigns():
    used = {lang for c in NETWORK.campaigns for lang in c.languages}
    assert used - set(NETWORK.languages) == set()
    assert "de" in NETWORK.languages  # Eupen-Kelmis is German-first


@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_the_portal_and_its_pages_exist_in_each_language(site, lang):
    home = portal_page(site, lang)
    assert home.lang == lang
    assert home.h1 == text_in(NETWORK.config["title"], lang)
    assert home.one(".cs-tagline").text == text_in(NETWORK.config["tagline"], lang)
    pages = sorted((ROOT / "content" / lang).glob("*.md"))
    assert [p.stem for p in pages] == sorted(p.stem for p in (ROOT / "content" / NETWORK.languages[0]).glob("*.md"))
    for source in pages:
        doc = portal_page(site, lang, source.stem)
        title = source.read_text(encoding="utf-8").split("title:", 1)[1].split("\n", 1)[0].strip()
        assert doc.lang == lang and doc.h1 == typeset(title, lang), f"{lang}/{source.stem}/"


def test_the_german_portal_is_written_in_german(site):
    about = portal_page(site, "de", "about")
    assert about.h1 == "Über Proximity"
    assert "Gemeinden" in about.content.text and "municipalities" not in about.content.text
    home = portal_page(site, "de")
    eupen = [card for card in home.select(".cs-campaign") if "Eupen" in card.one(".cs-card__title").text]
    assert len(eupen) == 1 and eupen[0].get("lang") == "de", "the German-first campaign is shown in German"
    assert eupen[0].select_one(".cs-card__language") is None


# --- Campaign cards on the portal home -----------------------------------------------------------

@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_campaign_cards_show_image_language_town_and_figures(site, lang):
    doc, fmt = portal_page(site, lang), Formatter(lang)
    problems = []
    for card in doc.select(".cs-campaigns > .cs-campaign"):
        c, shown = campaign_of(site, doc, card.one(".cs-card__title a").get("href"))
        where = f"{c.slug} on the {lang} home"
        if card.get("lang") != shown:
            problems.append(f"{where}: lang={card.get('lang')!r}, expected {shown}")
        note = card.select_one(".cs-card__language")
        if shown != lang and (note is None or note.text != language_note(shown, lang) or note.get("lang") != lang):
            problems.append(f"{where}: no note {language_note(shown, lang)!r} in {lang}")
        if shown == lang and note is not None:
            problems.append(f"{where}: a language note on a card in the page's language")
        meta = card.one(".cs-card__meta")
        if meta.get("lang") != lang or not all(town in meta.text for town in towns(c, lang)):
            problems.append(f"{where}: meta {meta.text!r} (lang={meta.get('lang')!r}) lacks {towns(c, lang)}")
        logo = (c.config.get("branding") or {}).get("logo")
        photo = next((r["image"] for r in c.laureates if r.get("image")), None)
        img = card.select_one("img")
        if logo or photo:
            target = img and resolve_link(site, doc.path, img.get("src"))[0]
            if img is None or not img.get("alt") or target != site / c.slug / (logo or photo):
                problems.append(f"{where}: image {img and img.attrs}, expected {logo or photo} with alt text")
        elif img is not None:
            problems.append(f"{where}: an image though the campaign has none")
        if c.laureates:
            expected = {count_label(lang, len(c.laureates), "laureate", "laureates"): fmt.number(len(c.laureates)),
                        label(lang, "granted"): fmt.money(c.granted())}
            shown_figures = {f.one("dt").text: f.one("dd").text for f in card.select(".cs-figure")}
            if shown_figures != expected:
                problems.append(f"{where}: figures {shown_figures}, expected {expected}")
    fail_if(problems, f"the campaign cards of the {lang} portal")


@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_portal_filter_speaks_the_page_language(site, lang):
    form = portal_page(site, lang).one(".cs-portal form[data-cs-filter]")
    assert form.one(".cs-filter__reset").text == label(lang, "Reset filters")
    assert form.one("[data-cs-empty]").text.startswith(label(lang, "No campaign matches all these choices."))
    assert form.one("[data-cs-empty] button").text == label(lang, "Show all campaigns")
    options = form.select("option[value]:not([value=''])")
    assert options and all(o.get("data-label") for o in options), "campaign.js relabels options from data-label"


# --- Cross-campaign cards: goal pages and the agenda ---------------------------------------------

@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_goal_cards_name_their_campaign_town_and_language(site, lang):
    problems = []
    for number in sorted({n for c in NETWORK.campaigns for r in c.laureates for n in sdgs_of(r)}):
        doc = portal_page(site, lang, f"sdg/{number}")
        for card in doc.select(".cs-card"):
            c, shown = campaign_of(site, doc, card.one(".cs-card__title a").get("href"))
            where = f"sdg/{number}/ {c.slug}/{card.get('data-slug')}"
            if card.get("lang") != shown_language(c, lang) or shown != shown_language(c, lang):
                problems.append(f"{where}: lang={card.get('lang')!r} links to {shown}, expected "
                                f"{shown_language(c, lang)}")
            check_origin(problems, where, card, c, shown, lang)
            goals = card.one(".cs-sdgs")
            if goals.get("lang") != lang:
                problems.append(f"{where}: goal badges in {lang} without lang={lang}")
    fail_if(problems, f"the goal cards of the {lang} portal")


@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_agenda_events_name_their_campaign_town_and_language(site, lang):
    doc = portal_page(site, lang, "agenda")
    problems = []
    items = doc.select(".cs-events > li")
    assert len(items) == sum(len(c.events) for c in NETWORK.campaigns)
    for item in items:
        c, shown = campaign_of(site, doc, item.select("a")[0].get("href"))
        # The event's title and place carry their language; its date and status are the page's.
        own = [el.get("lang") for el in (item.select("a")[0], *item.select(".cs-event__place"))]
        if set(own) != {shown_language(c, lang)} or item.get("lang") is not None:
            problems.append(f"{c.slug}: event title and place lang={own!r}, li lang={item.get('lang')!r}, "
                            f"expected {shown_language(c, lang)} on the title and place only")
        check_origin(problems, f"agenda {item.select('a')[0].text!r}", item, c, shown, lang)
    fail_if(problems, f"the {lang} portal's agenda")


# --- Goal pages ----------------------------------------------------------------------------------

def test_official_titles_are_complete():
    titles = official_titles()
    assert sorted(titles) == list(range(1, 18))
    assert all(row[f"official_title_{lang}"].strip() for row in titles.values() for lang in ("nl", "fr", "en", "de"))
    assert titles[13]["official_title_en"] == "Take urgent action to combat climate change and its impacts"
    assert titles[13]["official_title_de"] == ("Umgehend Maßnahmen zur Bekämpfung des Klimawandels und seiner "
                                               "Auswirkungen ergreifen")


def goal_figures(lang: str, rows: list[dict]) -> dict[str, str]:
    fmt = Formatter(lang)
    return {count_label(lang, len(rows), "project", "projects"): fmt.number(len(rows)),
            label(lang, "granted"): fmt.money(sum(grant_of(r) for r in rows))}


@pytest.mark.parametrize("c, lang", [pytest.param(c, lang, id=f"{c.slug}-{lang}") for c in NETWORK.campaigns
                                     for lang in c.languages if c.laureates])
def test_campaign_goal_pages_show_official_title_projects_and_money(site, c, lang):
    titles, problems = official_titles(), []
    for number in sorted({n for r in c.laureates for n in sdgs_of(r)}):
        doc = parse(c.site(site, lang) / "sdg" / str(number) / "index.html")
        if doc.one(".cs-sdg-official").text != titles[number][f"official_title_{lang}"]:
            problems.append(f"sdg/{number}/: official title {doc.one('.cs-sdg-official').text!r}")
        expected = goal_figures(lang, [r for r in c.laureates if number in sdgs_of(r)])
        if figures(doc, ".cs-sdg-page > .cs-figures") != expected:
            problems.append(f"sdg/{number}/: figures {figures(doc, '.cs-sdg-page > .cs-figures')}, expected {expected}")
    index = parse(c.site(site, lang) / "sdg" / "index.html")
    for row in index.select(".cs-goal"):
        number = int(row.one(".cs-sdg__number").text)
        if row.one(".cs-goal__official").text != titles[number][f"official_title_{lang}"]:
            problems.append(f"sdg/: goal {number}: official title {row.one('.cs-goal__official').text!r}")
    fail_if(problems, f"the goal pages of {c.slug} ({lang})")


@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_portal_goal_pages_add_up_the_network(site, lang):
    titles, fmt, problems = official_titles(), Formatter(lang), []
    used = sorted({n for c in NETWORK.campaigns for r in c.laureates for n in sdgs_of(r)})
    for number in used:
        doc = portal_page(site, lang, f"sdg/{number}")
        serving = {c.slug: [r for r in c.laureates if number in sdgs_of(r)] for c in NETWORK.campaigns}
        serving = {slug: rows for slug, rows in serving.items() if rows}
        if doc.one(".cs-sdg-official").text != titles[number][f"official_title_{lang}"]:
            problems.append(f"sdg/{number}/: official title {doc.one('.cs-sdg-official').text!r}")
        expected = goal_figures(lang, [r for rows in serving.values() for r in rows])
        expected[count_label(lang, len(serving), "campaign", "campaigns")] = fmt.number(len(serving))
        if figures(doc, ".cs-sdg-page > .cs-figures") != expected:
            problems.append(f"sdg/{number}/: figures {figures(doc, '.cs-sdg-page > .cs-figures')}, expected {expected}")
        listed = {}
        for item in doc.select(".cs-goal-campaigns > li"):
            link = item.one("a")
            target = resolve_link(site, doc.path, link.get("href"))[0]
            c, shown = campaign_of(site, doc, link.get("href"))
            listed[c.slug] = item
            where = f"sdg/{number}/ {c.slug}"
            if target != c.site(site, shown) / "sdg" / str(number) / "index.html" or not target.is_file():
                problems.append(f"{where}: links to {target}")
            if link.text != c.title(shown) or link.get("lang") != shown:
                problems.append(f"{where}: named {link.text!r} (lang={link.get('lang')!r})")
            rows = serving.get(c.slug, [])
            projects = label(lang, "%(count)s project" if len(rows) == 1 else "%(count)s projects") % {
                "count": fmt.number(len(rows))}
            if item.one(".cs-goal-campaigns__projects").text != projects:
                problems.append(f"{where}: {item.one('.cs-goal-campaigns__projects').text!r}, expected {projects!r}")
            money = fmt.money(sum(grant_of(r) for r in rows))
            if item.one(".cs-goal-campaigns__granted").text != money:
                problems.append(f"{where}: {item.one('.cs-goal-campaigns__granted').text!r}, expected {money!r}")
            if not all(town in item.text for town in towns(c, lang)):
                problems.append(f"{where}: {item.text!r} lacks the towns {towns(c, lang)}")
            if shown != lang and language_note(shown, lang) not in item.text:
                problems.append(f"{where}: lacks {language_note(shown, lang)!r}")
        if sorted(listed) != sorted(serving):
            problems.append(f"sdg/{number}/: campaigns {sorted(listed)}, expected {sorted(serving)}")
    index = portal_page(site, lang, "sdg")
    rows = {int(row.one(".cs-sdg__number").text): row for row in index.select(".cs-goal")}
    if sorted(rows) != used:
        problems.append(f"sdg/: goals {sorted(rows)}, expected {used}")
    for number, row in rows.items():
        serving = [r for c in NETWORK.campaigns for r in c.laureates if number in sdgs_of(r)]
        shown = {f.one("dt").text: f.one("dd").text for f in row.select(".cs-goal__figures > div")}
        expected = {label(lang, "Projects"): fmt.number(len(serving)),
                    label(lang, "Granted"): fmt.money(sum(grant_of(r) for r in serving))}
        if shown != expected or row.one(".cs-goal__official").text != titles[number][f"official_title_{lang}"]:
            problems.append(f"sdg/: goal {number}: {shown} {row.one('.cs-goal__official').text!r}")
    fail_if(problems, f"the goal pages of the {lang} portal")


# --- The check: the portal speaks every campaign's language --------------------------------------

def test_a_campaign_language_the_portal_lacks_is_a_problem_at_its_line(tmp_path):
    network = NETWORK_YML.replace(", fr: Réseau Proximity", "").replace(", fr: Projets citoyens dans les communes.", "")
    network = network.replace("languages: [nl, fr, en]", "languages: [nl, en]")
    write_project(tmp_path, files={"content/network.yml": network, "content/fr/about.md": None})
    problems = validate(tmp_path)
    line = network.splitlines().index("languages: [nl, en]") + 1
    assert [(p.path, p.line, p.field, p.code) for p in problems] == [
        ("content/network.yml", line, "languages", "missing-portal-language")]
    text = str(problems[0])
    assert text.startswith(f"content/network.yml:{line}: languages: has no 'fr', a language of campaign demo-2025")
    assert text.endswith("[missing-portal-language]")
    assert "'fr'" in problems[0].render("fr") and "\u202f:" in problems[0].render("fr")


def test_one_problem_per_missing_language_names_every_campaign(tmp_path):
    network = NETWORK_YML.replace(", fr: Réseau Proximity", "").replace(", fr: Projets citoyens dans les communes.", "")
    network = network.replace("languages: [nl, fr, en]", "languages: [nl, en]")
    write_project(tmp_path, files={"content/network.yml": network, "content/fr/about.md": None})
    second = tmp_path / "campaigns" / "demo-2026"
    shutil.copytree(tmp_path / "campaigns" / "demo-2025", second)
    yml = second / "campaign.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("/demo-2025/", "/demo-2026/"), encoding="utf-8")
    problems = validate(tmp_path)
    assert [(p.path, p.field, p.code) for p in problems] == [
        ("content/network.yml", "languages", "missing-portal-language")]
    assert "has no 'fr', a language of campaigns demo-2025, demo-2026:" in str(problems[0])


# --- In the browser ------------------------------------------------------------------------------

@pytest.mark.browser
def test_portal_filter_empty_state_and_reset_in_german(example_url, page):
    german = [c for c in NETWORK.campaigns if "de" in c.languages]
    plans = [c for c in german if c.config["kind"] == "climate-plan"]
    assert german and not plans, "the example has German campaigns but no German climate plan"
    page.goto(f"{example_url}/de/?language=de&kind=climate-plan")
    empty = page.locator("[data-cs-empty]")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text(label("de", "No campaign matches all these choices."))
    page.get_by_role("button", name=label("de", "Show all campaigns")).click()
    assert page.locator("[data-cs-cards] .cs-campaign:visible").count() == len(NETWORK.campaigns)
    page.get_by_role("combobox", name="Sprache").select_option("de")
    assert page.locator("[data-cs-cards] .cs-campaign:visible").count() == len(german)
    reset = page.get_by_role("button", name=label("de", "Reset filters"))
    expect(reset).to_be_visible()
    reset.click()
    assert page.locator("[data-cs-cards] .cs-campaign:visible").count() == len(NETWORK.campaigns)


@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_portal_cards_say_amount_and_status_in_the_pages_language(site, lang):
    """A card from a campaign in another language keeps its project's words in that language, but its
    amount and status are the page's: a Dutch goal page never says "En cours" nor "9 000 €"."""
    folder = NETWORK.portal_site(site, lang)
    nested = {other for other in (NETWORK.portal_site(site, code) for code in NETWORK.languages)
              if other != folder and other.is_relative_to(folder)}
    checked, wrong = 0, []
    for path in sorted(folder.rglob("index.html")):
        if any(path.is_relative_to(other) for other in nested) or any(
                path.is_relative_to(c.site(site, code)) for c in NETWORK.campaigns for code in c.languages):
            continue
        for element in parse(path).select(".cs-card .cs-card__amount, .cs-card .cs-status"):
            said_in = element.node.xpath("(ancestor-or-self::*[@lang])[last()]/@lang")[0]
            checked += 1
            if said_in != lang:
                wrong.append(f"{path.relative_to(site)}: {element.text!r} in {said_in}")
    assert checked, "no portal card found"
    assert not wrong, wrong[:10]
