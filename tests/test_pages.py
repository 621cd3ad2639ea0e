"""Every page type of every example campaign, in each of its languages, checked by CSS selectors
against the data it is built from (campaigns/<slug>/campaign.yml and its CSV files), as of TODAY.

The example network is built once per session by conftest.py (`example_site`). Each test names the
campaign and language in its id and lists every problem it found in one assertion message.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from campaignsite.render.engine import SELECTORS
from babel import Locale

from campaignsite.core.i18n import Formatter
from campaignsite.core.languages import BABEL_LOCALES
from html_support import (TODAY, Campaign, as_date, cents, Document, contrast, element_ids, html_files, is_relative_link, label,
                          load_network, local_datetime, parse, private_columns, published_texts, resolve_link,
                          read_csv, sdg_goals, site_rel, split_list, style_vars, text_in, typeset)

NETWORK = load_network()
CAMPAIGN_SITES = [pytest.param(c, lang, id=f"{c.slug}-{lang}") for c in NETWORK.campaigns for lang in c.languages]
NEWS_SITES = [site for site in CAMPAIGN_SITES if site.values[0].news(site.values[1])]
CLIMATE_SITES = [pytest.param(c, lang, id=f"{c.slug}-{lang}") for c in NETWORK.campaigns for lang in c.languages
                 if c.config["kind"] == "climate-plan"]
PORTAL_LANGS = [pytest.param(lang, id=f"portal-{lang}") for lang in NETWORK.languages]
ALL_SITES = [pytest.param(c, lang, id=f"{c.slug if c else 'portal'}-{lang}")
             for c, lang in [(None, lang) for lang in NETWORK.languages]
             + [(c, lang) for c in NETWORK.campaigns for lang in c.languages]]
WCAG_AA = 4.5
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def site(example_site) -> Path:
    return example_site


def page(site: Path, c: Campaign, lang: str, rel: str = "") -> Document:
    path = c.site(site, lang) / rel / "index.html"
    assert path.is_file(), f"{c.slug} ({lang}): no page '{rel or 'home'}' ({path.relative_to(site)} is missing)"
    return parse(path)


def fail_if(problems: list[str], what: str) -> None:
    if problems:
        shown = problems[:80] + ([f"... and {len(problems) - 80} more"] if len(problems) > 80 else [])
        pytest.fail(f"{len(problems)} problem(s) with {what}:\n  " + "\n  ".join(shown), pytrace=False)


def figures(doc: Document, css: str) -> dict[str, str]:
    """{label: value} of the key figures in the dl.cs-figures matched by `css`."""
    return {f.one("dt").text: f.one("dd").text for f in doc.select(f"{css} > .cs-figure")}


def money_figures(lang: str, campaigns) -> dict[str, str]:
    """The key figures of the money paid, where payments are given: paid net of repayments, and repaid
    where some project paid something back (issue 19: shown apart)."""
    fmt, payments = Formatter(lang), [p for c in campaigns for p in c.payments]
    paid, repaid = sum(c.paid() for c in campaigns), sum(c.repaid() for c in campaigns)
    shown = {label(lang, "paid out, net of repayments"): fmt.money(paid)} if payments else {}
    return shown | ({label(lang, "paid back by projects"): fmt.money(repaid)} if repaid else {})


def links_to(site: Path, doc: Document, css: str = "a[href]", attribute: str = "href") -> list[Path]:
    """The files that the relative links matched by `css` lead to."""
    return [resolve_link(site, doc.path, a.get(attribute))[0] for a in doc.select(css)
            if is_relative_link(a.get(attribute))]


def laureate_slug(site: Path, doc: Document, href: str) -> str | None:
    """The laureate a link on `doc` leads to (…/laureates/<slug>/), or None."""
    target, _ = resolve_link(site, doc.path, href)
    match = re.search(r"/laureates/([^/]+)/index\.html$", target.as_posix())
    return match.group(1) if match else None


def badge_problems(badge, lang: str, where: str) -> list[str]:
    """An SDG badge: the goal's official colour as background, a text colour passing WCAG AA on it,
    the goal's short title in the page's language."""
    goals = sdg_goals()
    number = int(badge.one(".cs-sdg__number").text)
    colours = style_vars(badge)
    bg, fg = colours.get("--sdg-bg", ""), colours.get("--sdg-fg", "")
    problems = []
    if bg.upper() != goals[number]["colour"].upper():
        problems.append(f"{where}: SDG {number} badge background {bg!r}, expected {goals[number]['colour']}")
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", fg) or contrast(fg, bg or "#FFFFFF") < WCAG_AA:
        ratio = f"{contrast(fg, bg):.2f}:1" if re.fullmatch(r"#[0-9A-Fa-f]{6}", fg) and bg else "unknown"
        problems.append(f"{where}: SDG {number} badge text colour {fg!r} on {bg} has contrast {ratio} < 4.5:1")
    title = badge.select_one(".cs-sdg__title")
    expected_title = goals[number][f"title_{lang}"]
    if title is not None and title.text != expected_title:
        problems.append(f"{where}: SDG {number} badge title {title.text!r}, expected {expected_title!r}")
    return problems


def sdgs_of(row: dict) -> list[int]:
    return sorted(int(n) for n in split_list(row.get("sdgs")))


# --- Campaign home -------------------------------------------------------------------------------

@pytest.mark.parametrize("c, lang", CAMPAIGN_SITES)
def test_home_shows_title_figures_and_goals(site, c, lang):
    doc, fmt = page(site, c, lang), Formatter(lang)
    assert doc.lang == lang
    assert doc.h1 == c.title(lang)
    problems = []
    shown = figures(doc, ".cs-home > .cs-figures")
    if c.laureates:
        expected = {label(lang, "laureates"): fmt.number(len(c.laureates)),
                    label(lang, "granted to citizen projects"): fmt.money(c.granted()), **money_figures(lang, [c])}
        for name, value in expected.items():
            if shown.get(name) != value:
                problems.append(f"key figure {name!r} is {shown.get(name)!r}, expected {value!r} from laureates.csv")
    goals = [int(b.one(".cs-sdg__number").text) for b in doc.select('section[aria-labelledby="goals"] .cs-sdg')]
    if sorted(goals) != sorted(c.config["sdgs"]):
        problems.append(f"campaign goals shown {goals}, campaign.yml has {c.config['sdgs']}")
    for badge in doc.select('section[aria-labelledby="goals"] .cs-sdg'):
        problems += badge_problems(badge, lang, "home")
    fail_if(problems, f"the home page of {c.slug} ({lang})")


@pytest.mark.parametrize("c, lang", CAMPAIGN_SITES)
def test_home_timeline_marks_the_current_phase(site, c, lang):
    """Past and future phases by their dates; one phase marked current, or none when no phase
    covers TODAY (the issue: "exactly one .cs-phase--current or none")."""
    items = page(site, c, lang).select(".cs-phases > li.cs-phase")
    phases = sorted(c.phases(), key=lambda p: p[1])
    assert len(items) == len(phases), f"{len(items)} phases on the timeline, campaign.yml has {len(phases)}"
    by_start: dict[str, list] = {}
    for pid, start, last in phases:
        by_start.setdefault(start.isoformat(), []).append((pid, start, last))
    problems, current = [], []
    for li in items:
        iso = li.one("time").get("datetime")
        if not by_start.get(iso):
            problems.append(f"timeline item {li.text!r}: start {iso} is no phase's start in campaign.yml")
            continue
        pid, start, last = by_start[iso].pop(0)
        states = {name.split("--")[1] for name in li.classes if name.startswith("cs-phase--")}
        if last < TODAY and states != {"past"}:
            problems.append(f"phase {pid} ({start} to {last}) ended before {TODAY} but is marked {states}")
        elif start > TODAY and states != {"future"}:
            problems.append(f"phase {pid} ({start} to {last}) starts after {TODAY} but is marked {states}")
        if "current" in states:
            current.append(pid)
            if not start <= TODAY <= last:
                problems.append(f"phase {pid} ({start} to {last}) is marked current on {TODAY}")
    running = [pid for pid, start, last in phases if start <= TODAY <= last]
    if len(current) > 1:
        problems.append(f"{len(current)} phases marked .cs-phase--current ({', '.join(current)}): expected one")
    if running and not current:
        problems.append(f"no phase marked current although {', '.join(running)} covers {TODAY}")
    fail_if(problems, f"the timeline of {c.slug} ({lang}) as of {TODAY}")


# --- Laureates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("c, lang", CAMPAIGN_SITES)
def test_showcase_has_one_card_per_laureate(site, c, lang):
    if not c.laureates:  # a campaign still in its call (issue 9): no showcase until there are laureates
        assert not (c.site(site, lang) / "laureates" / "index.html").exists(), "a showcase without laureates"
        return
    doc, fmt = page(site, c, lang, "laureates"), Formatter(lang)
    cards = doc.select(".cs-cards .cs-card")
    assert len(cards) == len(c.laureates), f"{len(cards)} cards, laureates.csv has {len(c.laureates)} rows"
    by_slug = {card.get("data-slug"): card for card in cards}
    problems = []
    for row in c.laureates:
        card = by_slug.get(row["slug"])
        if card is None:
            problems.append(f"{row['slug']}: no card")
            continue
        title = card.one(".cs-card__title a")
        if title.text != row[f"title_{lang}"]:
            problems.append(f"{row['slug']}: title {title.text!r}, expected {row[f'title_{lang}']!r}")
        if laureate_slug(site, doc, title.get("href")) != row["slug"]:
            problems.append(f"{row['slug']}: title links to {title.get('href')}")
        numbers = sorted(int(b.one(".cs-sdg__number").text) for b in card.select(".cs-sdg"))
        if numbers != sdgs_of(row):
            problems.append(f"{row['slug']}: SDG badges {numbers}, expected {sdgs_of(row)}")
        for badge in card.select(".cs-sdg"):
            problems += badge_problems(badge, lang, row["slug"])
        amount = card.one(".cs-card__amount").text
        if amount != fmt.money(cents(row["amount"])):
            problems.append(f"{row['slug']}: amount {amount!r}, expected {fmt.money(cents(row['amount']))!r}")
    fail_if(problems, f"the showcase of {c.slug} ({lang})")


@pytest.mark.parametrize("c, lang", CAMPAIGN_SITES)
def test_every_laureate_page(site, c, lang):
    fmt, problems = Formatter(lang), []
    for row in c.laureates:
        where = f"laureates/{row['slug']}/"
        path = c.site(site, lang) / where / "index.html"
        if not path.is_file():
            problems.append(f"{where}: missing")
            continue
        doc = parse(path)
        if doc.h1 != row[f"title_{lang}"]:
            problems.append(f"{where}: h1 {doc.h1!r}, expected {row[f'title_{lang}']!r}")
        facts = doc.texts(".cs-facts dd")
        holder = shown_holder(c, row, lang)
        for value in (holder, fmt.money(cents(row["amount"]))):
            if value not in facts:
                problems.append(f"{where}: facts {facts} lack {value!r}")
        help_section = doc.select("section.cs-help")
        if row["status"] == "stopped":  # a stopped project asks for nothing (issue 19)
            if help_section:
                problems.append(f"{where}: a help section, but the project stopped")
        elif len(help_section) != 1 or help_section[0].select_one("h2#help") is None:
            problems.append(f"{where}: no help section (section.cs-help with h2#help)")
        numbers = sorted(int(b.one(".cs-sdg__number").text) for b in doc.select(".cs-page > .cs-sdgs .cs-sdg, .cs-page > .cs-aside > .cs-sdgs .cs-sdg"))
        if numbers != sdgs_of(row):
            problems.append(f"{where}: SDG badges {numbers}, expected {sdgs_of(row)}")
    fail_if(problems, f"the laureate pages of {c.slug} ({lang})")


def test_no_private_column_is_published(site):
    """contact_email and contact_phone (x-private in data/schemas) appear nowhere under site/,
    searched in every file, compressed ones included, also without spaces (tel: links)."""
    private = private_columns()
    values = set()
    for c in NETWORK.campaigns:
        for table, rows in (("laureates", c.laureates), ("events", c.events), ("actions", c.actions),
                            ("updates", c.updates)):
            for row in rows:
                for column in private.get(table, ()):
                    value = (row.get(column) or "").strip()
                    if value:
                        values |= {value, value.replace(" ", ""), value.replace(" ", "%20")}
    assert values, "the example data has no private values to look for"
    found = [f"{path.relative_to(site)}: {value}" for path, data in published_texts(site)
             for value in sorted(values) if value.encode() in data]
    fail_if(found, "private contact data published")


def test_french_goal_titles_are_those_of_the_uns_french_icons():
    """Goals 2 and 7 were misspelt before 2026-12-07 (straight quotes, "Energies", a typewriter apostrophe)."""
    goals = sdg_goals()
    assert goals[2]["title_fr"] == "Faim «\u00a0zéro\u00a0»"
    assert goals[7]["title_fr"] == "Énergie propre et d\u2019un coût abordable"


@pytest.mark.parametrize("c, lang", CAMPAIGN_SITES)
def test_sdg_pages_list_exactly_the_projects_with_that_goal(site, c, lang):
    goals = sdg_goals()
    used = {n for row in c.laureates + c.actions for n in sdgs_of(row)}
    problems = []
    for number in sorted(used):
        doc = page(site, c, lang, f"sdg/{number}")
        if goals[number][f"title_{lang}"] not in doc.h1:
            problems.append(f"sdg/{number}/: h1 {doc.h1!r} lacks {goals[number][f'title_{lang}']!r}")
        banner = doc.one(".cs-sdg-banner")
        bg, fg = style_vars(banner).get("--sdg-bg", ""), style_vars(banner).get("--sdg-fg", "#FFFFFF")
        if bg.upper() != goals[number]["colour"].upper():
            problems.append(f"sdg/{number}/: banner colour {bg}, expected {goals[number]['colour']}")
        elif contrast(fg, bg) < WCAG_AA:
            problems.append(f"sdg/{number}/: banner text {fg} fails 4.5:1 on {bg}")
        shown = sorted(card.get("data-slug") for card in doc.select(".cs-card"))
        expected = sorted(r["slug"] for r in c.laureates if number in sdgs_of(r))
        if shown != expected:
            problems.append(f"sdg/{number}/: projects {shown}, expected {expected}")
        if c.actions:
            linked = sorted(resolve_link(site, doc.path, a.get("href"))[1] for a in doc.select(".cs-page a[href]")
                            if "/actions/index.html" in resolve_link(site, doc.path, a.get("href"))[0].as_posix())
            expected_actions = sorted(r["slug"] for r in c.actions if number in sdgs_of(r))
            if linked != expected_actions:
                problems.append(f"sdg/{number}/: climate plan actions {linked}, expected {expected_actions}")
    fail_if(problems, f"the SDG pages of {c.slug} ({lang})")


@pytest.mark.parametrize("c, lang", CAMPAIGN_SITES)
def test_help_page_lists_every_open_need(site, c, lang):
    """Materials, skills and time from laureates.csv, item by item; money wherever a crowdfunding
    has not reached its goal. A completed or stopped project asks for nothing any more."""
    if not c.laureates:  # a campaign still in its call (issue 9): nobody to help yet
        assert not (c.site(site, lang) / "help" / "index.html").exists(), "a help page without laureates"
        return
    doc, fmt = page(site, c, lang, "help"), Formatter(lang)
    asking = [r for r in c.laureates if r["status"] not in ("completed", "stopped")]
    problems = []
    for kind in ("materials", "skills", "volunteers"):
        expected = Counter((r["slug"], item) for r in asking for item in c.needs(r, kind, lang))
        shown = Counter()
        for card in doc.select(f'article.cs-need-card[data-kind="{kind}"]'):
            slug = laureate_slug(site, doc, card.one(".cs-need-card__facts a").get("href"))
            shown[(slug, card.one(".cs-need-card__what").text)] += 1
        for (slug, item), count in (expected - shown).items():
            problems.append(f"{kind}: {slug}: {item!r} from laureates.csv is not listed")
        for (slug, item), count in (shown - expected).items():
            problems.append(f"{kind}: {slug}: {item!r} is listed but not in laureates.csv")
    open_money = {r["slug"]: r for r in asking if r.get("crowdfunding_goal")
                  and int(r.get("crowdfunding_raised") or 0) < int(r["crowdfunding_goal"])}
    shown_money = {}
    for card in doc.select('article.cs-need-card[data-kind="money"]'):
        shown_money[laureate_slug(site, doc, card.one(".cs-need-card__facts a").get("href"))] = card
    if sorted(shown_money) != sorted(open_money):
        problems.append(f"money: projects {sorted(shown_money)}, expected the open crowdfundings {sorted(open_money)}")
    for slug, row in open_money.items():
        li = shown_money.get(slug)
        if li is None:
            continue
        goal, raised = cents(row["crowdfunding_goal"]), cents(row.get("crowdfunding_raised") or "0")
        bar = li.one(".cs-progress")
        if abs(float(bar.get("aria-valuenow")) - 100 * raised / goal) >= 1:
            problems.append(f"money: {slug}: progress {bar.get('aria-valuenow')}%, expected {100 * raised / goal:.0f}%")
        for amount in (fmt.money(raised), fmt.money(goal)):
            if amount not in li.text:
                problems.append(f"money: {slug}: {amount!r} not shown in {li.text!r}")
    fail_if(problems, f"the help page of {c.slug} ({lang})")


# --- Agenda and events ---------------------------------------------------------------------------

def event_end(row: dict):
    return local_datetime(row["end"] if row.get("end") else row["start"])


def agenda_section(row: dict) -> str:
    """Where an agenda lists an event: a postponed one waits for its new date, never under "past"."""
    return "upcoming" if event_end(row).date() >= TODAY or row["status"] == "postponed" else "past"


def agenda_sections(site: Path, doc: Document) -> dict[str, list[Path]]:
    return {name: links_to(site, doc, f'section[aria-labelledby="{name}"] .cs-events > li > a:first-child')
            for name in ("upcoming", "past")}


@pytest.mark.parametrize("c, lang", CAMPAIGN_SITES)
def test_agenda_lists_every_event_upcoming_or_past(site, c, lang):
    doc = page(site, c, lang, "agenda")
    sections = agenda_sections(site, doc)
    events_dir = c.site(site, lang) / "events"
    problems = []
    for row in c.events:
        target = events_dir / row["slug"] / "index.html"
        expected = agenda_section(row)
        other = "past" if expected == "upcoming" else "upcoming"
        if target not in sections[expected]:
            where = f"under {other}" if target in sections[other] else "nowhere"
            problems.append(f"{row['slug']} (ends {row.get('end') or row['start']}) should be {expected}, is {where}")
    listed = {p for paths in sections.values() for p in paths}
    phase_events = {f"phase-{pid.replace('_', '-')}" for pid in c.config["phases"]}
    for path in sorted(listed):
        slug = path.parent.name
        if path.parent.parent != events_dir or (slug not in {r["slug"] for r in c.events} and slug not in phase_events):
            problems.append(f"{path.relative_to(site)} is listed but is neither in events.csv nor a phase")
    fail_if(problems, f"the agenda of {c.slug} ({lang}) as of {TODAY}")


@pytest.mark.parametrize("c, lang", ALL_SITES)
def test_agenda_offers_its_subscription_after_the_upcoming_events(site, c, lang):
    """The events come first; the calendar feed follows them (issue 22: the subscribe button came
    before the events)."""
    doc = page(site, c, lang, "agenda") if c else portal_page(site, lang, "agenda")
    order = [el for el in doc.content.iter() if el.get("id") == "upcoming" or el.get("href", "").endswith("agenda.ics")]
    assert [el.tag for el in order][:1] == ["h2"] and len(order) == 2, [el.tag for el in order]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_a_postponed_event_never_reads_as_held_on_its_old_date(site, lang):
    """Ixelles's planting day was postponed after its date: the agenda lists it as still to come, says
    "postponed" and "first planned for ...", and its page offers no calendar file for the old date."""
    c = next(c for c in NETWORK.campaigns if c.slug == "ixelles-2026")
    row = next(r for r in c.events if r["slug"] == "plantation-rue-gray")
    assert row["status"] == "postponed" and event_end(row).date() < TODAY, "the example no longer has the case"
    agenda = page(site, c, lang, "agenda")
    item = next(li for li in agenda.select('section[aria-labelledby="upcoming"] .cs-events > li')
                if li.select("a")[0].get("href").endswith("events/plantation-rue-gray/"))
    assert item.one(".cs-event__status").text == label(lang, "event-status:postponed")
    assert item.one("time").text == label(lang, "first planned for %(date)s") % {
        "date": Formatter(lang).date(local_datetime(row["start"]).date())}
    event = page(site, c, lang, "events/plantation-rue-gray")
    assert not [a for a in event.select("a[href]") if a.get("href").endswith(".ics")]


@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_the_portal_agenda_writes_dates_and_statuses_in_its_language(site, lang):
    """An event of a campaign in another language keeps its own title, but its date and status are
    in the page's language: the Dutch agenda says "15 november 2025", "Uitgesteld"."""
    doc = portal_page(site, lang, "agenda")
    months = [Locale.parse(BABEL_LOCALES[lang]).months["format"]["wide"][m] for m in range(1, 13)]
    problems, other_language = [], 0
    for li in doc.select(".cs-events > li"):
        title = li.select("a")[0]
        other_language += title.get("lang") != lang
        when = li.one("time").text
        if not any(month in when for month in months):
            problems.append(f"{title.text!r}: {when!r}")
        status = li.select_one(".cs-event__status")
        if status and status.text not in {label(lang, f"event-status:{s}") for s in ("cancelled", "postponed", "moved-online")}:
            problems.append(f"{title.text!r}: status {status.text!r}")
    assert other_language, "no event in another language: the test proves nothing"
    assert not problems, f"dates or statuses not in {lang}:\n  " + "\n  ".join(problems[:20])


@pytest.mark.parametrize("c, lang", CAMPAIGN_SITES)
def test_event_pages_show_date_place_and_registration(site, c, lang):
    problems = []
    for row in c.events:
        where = f"events/{row['slug']}/"
        path = c.site(site, lang) / where / "index.html"
        if not path.is_file():
            problems.append(f"{where}: missing")
            continue
        doc = parse(path)
        if doc.h1 != typeset(row[f"title_{lang}"], lang):
            problems.append(f"{where}: h1 {doc.h1!r}, expected {row[f'title_{lang}']!r}")
        when = doc.select_one(".cs-event__when time")
        if when is None or when.get("datetime") != local_datetime(row["start"]).isoformat():
            problems.append(f"{where}: time {when and when.get('datetime')!r}, expected "
                            f"{local_datetime(row['start']).isoformat()} (start {row['start']} in Brussels)")
        place = doc.select_one(".cs-event__where")
        for value in (row.get(f"venue_{lang}") or row.get("venue"), row.get(f"address_{lang}") or row.get("address")):
            if value and (place is None or value not in place.text):
                problems.append(f"{where}: place {place and place.text!r} lacks {value!r}")
        hrefs = {a.get("href") for a in doc.content.select("a[href]")}
        over = event_end(row).date() < TODAY
        for column in ("registration_url", "online_url"):
            if row.get(column) and (row[column] in hrefs) == over:
                problems.append(f"{where}: {'a' if over else 'no'} link to {column} {row[column]} "
                                f"(the event ends {row['end']}, {'before' if over else 'after'} {TODAY})")
        done = doc.select(".cs-page .cs-event__done")
        if (over and row["status"] in ("scheduled", "moved-online")) != bool(done):
            problems.append(f"{where}: 'took place' notice {[d.text for d in done]} for an event ending {row['end']} "
                            f"with status {row['status']} as of {TODAY}")
        # A calendar file only for what is still to come and stands (no past, cancelled or postponed date).
        ics = [t for t in links_to(site, doc, ".cs-page a[href]") if t.suffix == ".ics"]
        offered = not over and row["status"] in ("scheduled", "moved-online")
        if ics != ([c.site(site, lang) / "events" / f"{row['slug']}.ics"] if offered else []) or \
                (ics and not ics[0].is_file()):
            problems.append(f"{where}: add-to-calendar links {ics} for an event {row['status']} ending {row['end']}")
    fail_if(problems, f"the event pages of {c.slug} ({lang})")


def shown_holder(c: Campaign, row: dict, lang: str) -> str:
    """The holder as a reader sees it: its name (holder_<lang> where the language has its own), or,
    for a person who has not agreed to be named by TODAY, "a resident of <municipality>" (issue 21)."""
    consent = row.get("holder_consent")
    if row.get("holder_type") == "person" and not (consent and as_date(consent) <= TODAY):
        code = row.get("municipality") or c.config["municipalities"][0]["nis_code"]
        town = next(m for m in c.config["municipalities"] if m["nis_code"] == code)
        return label(lang, "A resident of %(municipality)s") % {"municipality": text_in(town["name"], lang)}
    return row.get(f"holder_{lang}") or row["holder"]


# --- News and press ------------------------------------------------------------------------------

@pytest.mark.parametrize("c, lang", NEWS_SITES)
def test_news_index_and_posts(site, c, lang):
    posts = c.news(lang)
    doc = page(site, c, lang, "news")
    news_dir = c.site(site, lang) / "news"
    listed = links_to(site, doc, ".cs-news a[href]")
    assert sorted(listed) == sorted(news_dir / slug / "index.html" for slug in posts)
    problems = [f"news/{slug}/: h1 {page(site, c, lang, f'news/{slug}').h1!r}, expected {meta['title']!r}"
                for slug, meta in posts.items() if page(site, c, lang, f"news/{slug}").h1 != meta["shown_title"]]
    assert news_dir / "feed.xml" in links_to(site, doc, ".cs-page a[href]"), "the news page does not link its feed"
    fail_if(problems, f"the news of {c.slug} ({lang})")


@pytest.mark.parametrize("c, lang", CAMPAIGN_SITES)
def test_press_page_links_listing_data_and_contact(site, c, lang):
    doc = page(site, c, lang, "press")
    targets = links_to(site, doc, ".cs-page a[href]")
    data = site / c.slug / "data"
    wanted = (c.site(site, lang) / "press" / "listing" / "index.html",) + (
        (data / "laureates.csv", data / "laureates.json") if (c.folder / "laureates.csv").is_file() else ())
    problems = [f"no link to {t.relative_to(site)}" for t in wanted if t not in targets or not t.is_file()]
    contact = c.config.get("press_contact") or c.config["contact"]
    section = doc.select_one('section[aria-labelledby="contact"]')
    if section is None:
        problems.append("no press contact section")
    else:
        if contact["name"] not in section.text:
            problems.append(f"press contact {section.text!r} lacks {contact['name']!r}")
        if f"mailto:{contact['email']}" not in {a.get("href") for a in section.select("a")}:
            problems.append(f"no mailto: link to {contact['email']}")
    fail_if(problems, f"the press page of {c.slug} ({lang})")


@pytest.mark.parametrize("c, lang", CAMPAIGN_SITES)
def test_press_listing_has_one_row_per_laureate(site, c, lang):
    doc, fmt = page(site, c, lang, "press/listing"), Formatter(lang)
    rows = doc.select("table.cs-listing__table > tbody > tr")
    assert len(rows) == len(c.laureates), f"{len(rows)} rows, laureates.csv has {len(c.laureates)}"
    amounts = {laureate_slug(site, doc, tr.one("th a").get("href")): tr.one("td.cs-num").text for tr in rows}
    expected = {r["slug"]: fmt.money(c.grant_of(r)) for r in c.laureates}
    assert amounts == expected
    total = doc.one("table.cs-listing__table > tfoot td.cs-num").text
    assert total == fmt.money(c.granted())


# --- Climate plan --------------------------------------------------------------------------------

def action_state(c: Campaign, slug: str, day: str) -> dict[str, str]:
    """An action's status and progress on `day`: its latest step of action_updates.csv up to then
    (planned, 0 before the first), else its row of actions.csv."""
    row = next(r for r in c.actions if r["slug"] == slug)
    steps = [s for s in read_csv(c.folder / "action_updates.csv") if s["action"] == slug]
    done = sorted((s for s in steps if s["date"] <= day), key=lambda s: s["date"])
    if not steps:
        return row
    return done[-1] if done else {"status": "planned", "progress": "0"}


@pytest.mark.parametrize("c, lang", CLIMATE_SITES)
def test_climate_plan_actions_with_progress(site, c, lang):
    doc = page(site, c, lang, "actions")
    sections = {s.get("id"): s for s in doc.select("section.cs-action")}
    assert sorted(sections) == sorted(r["slug"] for r in c.actions)
    problems = []
    for row in c.actions:
        section = sections[row["slug"]]
        title = Formatter(lang).typography(row[f"title_{lang}"])  # "12.000 m²" with its no-break space
        if section.one("h2").text != title:
            problems.append(f"{row['slug']}: title {section.one('h2').text!r}, expected {title!r}")
        expected = action_state(c, row["slug"], TODAY.isoformat())
        if section.get("data-status") != expected["status"]:
            problems.append(f"{row['slug']}: status {section.get('data-status')}, expected {expected['status']}")
        bar = section.one(".cs-progress[role=progressbar]:not(.cs-progress--indicator)")
        width = bar.one(".cs-progress__bar").get("style", "").replace(" ", "")
        if bar.get("aria-valuenow") != expected["progress"] or f"width:{expected['progress']}%" not in width:
            problems.append(f"{row['slug']}: progress {bar.get('aria-valuenow')} ({width}), "
                            f"expected {expected['progress']}")
        target = resolve_link(site, doc.path, section.one("h2 a").get("href"))[0]
        if target != site / c.slug / lang / "actions" / row["slug"] / "index.html" or not target.is_file():
            problems.append(f"{row['slug']}: its title links to {target}, not to its own page")
    fail_if(problems, f"the climate plan actions of {c.slug} ({lang})")


@pytest.mark.parametrize("c, lang", CLIMATE_SITES)
def test_climate_plan_kit_downloads_exist(site, c, lang):
    """Every kit file is offered in its own format and, where made, as .docx, .odt or PNG, each link to
    an existing file with its size; images and posters have a thumbnail that exists."""
    doc = page(site, c, lang, "kit")
    files = doc.select("li.cs-kit__file")
    kit = c.config.get("kit", [])
    assert [f.one(".cs-kit__title").text for f in files] == [text_in(item["title"], lang) for item in kit]
    problems = []
    for item, entry in zip(kit, files):
        links = entry.select(".cs-kit__formats a[href]")
        targets = [resolve_link(site, doc.path, a.get("href"))[0] for a in links]
        expected = [(site / c.slug / item["file"]).resolve()]
        stem = Path(item["file"]).stem
        if item["file"].endswith(".md"):
            expected += [site / c.slug / "communication-kit" / f"{stem}.{ext}" for ext in ("docx", "odt")]
        if item["file"].endswith(".svg"):
            expected.append(site / c.slug / "communication-kit" / f"{stem}.png")
        if targets != expected or not all(t.is_file() for t in targets):
            problems.append(f"{item['file']}: links to {targets}, expected {expected} (existing)")
        sizes = [s.text for s in entry.select(".cs-kit__size")]
        if len(sizes) != len(links) or not all(re.fullmatch(r"[0-9.,\u00a0\u202f]+\s?(kB|MB|Ko|Mo)", s) for s in sizes):
            problems.append(f"{item['file']}: sizes {sizes}")
        thumbnails = entry.select("img.cs-kit__thumbnail")
        if (item["kind"] in ("image", "poster")) != bool(thumbnails) or thumbnails and not \
                resolve_link(site, doc.path, thumbnails[0].get("src"))[0].is_file():
            problems.append(f"{item['file']}: thumbnail {[t.get('src') for t in thumbnails]}")
        if item.get("licence") and item["licence"] not in entry.one(".cs-kit__licence").text:
            problems.append(f"{item['file']}: licence {entry.one('.cs-kit__licence').text!r}")
    fail_if(problems, f"the communication kit of {c.slug} ({lang})")


# --- Statements, languages, sharing, site files --------------------------------------------------

@pytest.mark.parametrize("c, lang", CAMPAIGN_SITES)
@pytest.mark.parametrize("statement", ["accessibility", "privacy"])
def test_statements_exist_and_are_linked_from_the_home(site, c, lang, statement):
    doc = page(site, c, lang, statement)
    assert doc.h1 == label(lang, f"{statement}:title")
    assert len(doc.select(".cs-statement > p")) >= 3
    assert f"mailto:{c.config['contact']['email']}" in {a.get("href") for a in doc.select(".cs-statement a")}
    home = page(site, c, lang)
    assert doc.path in links_to(site, home), f"the home page does not link the {statement} statement"


def site_pages(site: Path, folder: Path) -> list[Path]:
    """The HTML pages of the site in `folder`, without those of sites nested in it (the portal's
    root holds the other portal languages and the campaigns)."""
    nested = {f for f, _, _ in NETWORK.sites(site) if f != folder and folder in f.parents}
    nested |= {site / c.slug for c in NETWORK.campaigns if folder == site}  # redirects, data, media
    return [p for p in html_files(folder)
            if not any(n in p.parents for n in nested) and "assets" not in p.relative_to(folder).parts]


def site_of(c: Campaign | None, lang: str, site: Path) -> Path:
    return c.site(site, lang) if c else NETWORK.portal_site(site, lang)


SITEMAP_XMLNS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_alternates(site: Path, folder: Path) -> dict[Path, dict[str, str]]:
    """{page file: {language: absolute address}} from the site's sitemap.xml hreflang alternates."""
    found = {}
    for url in ET.parse(folder / "sitemap.xml").getroot().findall("s:url", SITEMAP_XMLNS):
        page = NETWORK.public_file(site, url.findtext("s:loc", namespaces=SITEMAP_XMLNS))
        found[page] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_XMLNS)}
    return found


@pytest.mark.parametrize("c, lang", ALL_SITES)
def test_language_and_alternates_lead_to_the_same_page(site, c, lang):
    """<html lang>, the hreflang alternates (absolute addresses, in the sitemap: see theme/main.html)
    and the language switcher of every page: each leads to the same page in the other language, and
    every language that has the page is offered."""
    languages = c.languages if c else NETWORK.languages
    folder = site_of(c, lang, site)
    alternates = sitemap_alternates(site, folder)
    problems = []
    for path in site_pages(site, folder):
        doc, rel = parse(path), site_rel(folder, path)
        if doc.lang != lang:
            problems.append(f"{rel}: <html lang={doc.lang!r}>")
        if is_widget(doc):
            continue  # a widget, shown inside another website's page: no language switcher of its own
        if doc.select('link[rel="alternate"][hreflang]'):
            problems.append(f"{rel}: hreflang links in <head> (the theme's script fetches a sitemap beside each)")
        same = {other: site_of(c, other, site) / rel for other in languages}
        links = [("switcher", link.get("hreflang"), resolve_link(site, path, link.get("href"))[0], link.get("href"))
                 for link in doc.select(f"{SELECTORS['language_link']}[href]")]
        offered = {}
        if path.name != "404.html":
            for other, address in alternates.get(path, {}).items():
                if not address.startswith("https://"):
                    problems.append(f"{rel}: hreflang {other} -> {address} is not an absolute address")
                target = NETWORK.public_file(site, address)
                offered[other] = target
                links.append(("hreflang", other, target, address))
        for kind, other, target, shown in links:
            if target is None or not target.is_file():
                problems.append(f"{rel}: {kind} {other} -> {shown} does not exist")
            elif path.name != "404.html" and same.get(other) and same[other].is_file() and target != same[other]:
                problems.append(f"{rel}: {kind} {other} -> {shown} is not the same page "
                                f"({target.relative_to(site)} instead of {same[other].relative_to(site)})")
        if path.name != "404.html" and len(languages) > 1:
            missing = [other for other, p in same.items() if p.is_file() and other not in offered]
            if missing:
                problems.append(f"{rel}: no hreflang alternate for {', '.join(missing)} in sitemap.xml")
    fail_if(problems, f"languages of {c.slug if c else 'the portal'} ({lang})")


def is_widget(doc: Document) -> bool:
    return bool(doc.select("body.cs-embed"))


def test_share_images_and_canonical_addresses_exist(site):
    """og:image is an absolute URL of a published file; og:url and the canonical link name the page itself
    (for a page that redirects, the page it sends visitors on to; for a widget, the page of its site it
    shows part of: test_site_has_404_sitemap_and_favicon)."""
    problems = []
    for path in html_files(site):
        doc, rel = parse(path), site_rel(site, path)
        image = doc.meta("og:image")
        if image is not None:
            target = NETWORK.public_file(site, image)
            if not image.startswith("https://") or target is None or not target.is_file():
                problems.append(f"{rel}: og:image {image} is not an absolute URL of a published file")
        canonical = doc.select_one('link[rel="canonical"]')
        for what, url in (("og:url", doc.meta("og:url")), ("canonical", canonical.get("href") if canonical else None)):
            if url is None or path.name == "404.html" or not url.startswith("http") or is_widget(doc):
                continue
            refresh = doc.select_one('meta[http-equiv="refresh"]')
            expected = path
            if refresh is not None:
                target = refresh.get("content").split("url=", 1)[1]
                expected = (path.parent / target / "index.html").resolve()
            if NETWORK.public_file(site, url) != expected:
                problems.append(f"{rel}: {what} {url} is not this page")
    fail_if(problems, "share images and addresses")


@pytest.mark.parametrize("c, lang", ALL_SITES)
def test_site_has_404_sitemap_and_favicon(site, c, lang):
    folder = site_of(c, lang, site)
    assert (folder / "404.html").is_file(), f"{folder.relative_to(site)}/404.html is missing"
    locs = [el.text.strip() for el in ET.parse(folder / "sitemap.xml").iter(f"{SITEMAP_NS}loc")]
    files = {NETWORK.public_file(site, loc): loc for loc in locs}
    problems = [f"sitemap: {loc} is not a published page" for target, loc in files.items()
                if target is None or not target.is_file()]
    # Widgets (parts of other websites' pages, whose canonical address is the page they stand for) are
    # left out of the sitemap; the page they stand for is in it.
    problems += [f"{site_rel(site, p)} is not in the sitemap" for p in site_pages(site, folder)
                 if p.name != "404.html" and p not in files and not is_widget(parse(p))]
    for path in site_pages(site, folder):
        doc = parse(path)
        if is_widget(doc):
            canonical = NETWORK.public_file(site, doc.one('link[rel="canonical"]').get("href"))
            if canonical not in files or is_widget(parse(canonical)):
                problems.append(f"{site_rel(site, path)}: canonical {canonical} is not a page of the sitemap")
            if doc.meta("robots") or not doc.meta("description"):
                problems.append(f"{site_rel(site, path)}: robots {doc.meta('robots')!r}, description "
                                f"{doc.meta('description')!r} (search engines read it, then index the page it stands for)")
    for path in site_pages(site, folder):
        icons = links_to(site, parse(path), 'link[rel~="icon"]')
        if not icons or not all(t.is_file() for t in icons):
            problems.append(f"{site_rel(site, path)}: no favicon ({icons})")
    fail_if(problems, f"the site files of {c.slug if c else 'the portal'} ({lang})")


def test_robots_txt_names_every_sitemap(site):
    """The issue asks for sitemap.xml, robots.txt, a 404 page and a favicon per site."""
    robots = site / "robots.txt"
    assert robots.is_file(), "site/robots.txt is missing"
    named = [line.split(":", 1)[1].strip() for line in robots.read_text().splitlines()
             if line.lower().startswith("sitemap:")]
    expected = sorted(folder / "sitemap.xml" for folder, _, _ in NETWORK.sites(site))
    assert sorted(NETWORK.public_file(site, url) for url in named) == expected


# --- Portal --------------------------------------------------------------------------------------

def portal_page(site: Path, lang: str, rel: str = "") -> Document:
    path = NETWORK.portal_site(site, lang) / rel / "index.html"
    assert path.is_file(), f"portal ({lang}): {path.relative_to(site)} is missing"
    return parse(path)


@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_portal_home_totals_and_campaign_cards(site, lang):
    doc, fmt = portal_page(site, lang), Formatter(lang)
    assert doc.lang == lang
    assert doc.h1 == text_in(NETWORK.config["title"], lang)
    laureates = [r for c in NETWORK.campaigns for r in c.laureates]
    nis = {m["nis_code"] for c in NETWORK.campaigns for m in c.config["municipalities"]}
    expected = {label(lang, "campaigns"): fmt.number(len(NETWORK.campaigns)),
                label(lang, "municipalities"): fmt.number(len(nis)),
                label(lang, "laureates"): fmt.number(len(laureates)),
                label(lang, "granted to citizen projects"): fmt.money(sum(c.granted() for c in NETWORK.campaigns)),
                **money_figures(lang, NETWORK.campaigns)}
    assert figures(doc, ".cs-portal > .cs-figures") == expected
    cards = doc.select(".cs-campaigns > .cs-campaign")
    assert len(cards) == len(NETWORK.campaigns)
    problems, seen = [], []
    for card in cards:
        target, _ = resolve_link(site, doc.path, card.one(".cs-card__title a").get("href"))
        parts = target.relative_to(site).parts
        if len(parts) != 3 or not target.is_file():
            problems.append(f"card {card.text[:40]!r} links to {target}")
            continue
        c, shown_lang = NETWORK.campaign(parts[0]), parts[1]
        seen.append(c.slug)
        if lang in c.languages and shown_lang != lang:
            problems.append(f"{c.slug}: card links to the {shown_lang} site, the campaign has {lang}")
        if card.one(".cs-card__title").text != c.title(shown_lang):
            problems.append(f"{c.slug}: card title {card.one('.cs-card__title').text!r}")
        attributes = {"data-region": {m["region"] for m in c.config["municipalities"]},
                      "data-language": set(c.languages), "data-year": {str(c.config["edition"])},
                      "data-kind": {c.config["kind"]}}
        for name, value in attributes.items():
            if set(card.get(name, "").split()) != value:
                problems.append(f"{c.slug}: {name}={card.get(name)!r}, expected {' '.join(sorted(value))!r}")
    if sorted(seen) != sorted(c.slug for c in NETWORK.campaigns):
        problems.append(f"cards for {sorted(seen)}")
    fail_if(problems, f"the portal home ({lang})")


@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_portal_sdg_pages_list_every_laureate_with_that_goal(site, lang):
    """Every project serving a goal is on one of the goal's pages, once."""
    problems = []
    for number in sorted({n for c in NETWORK.campaigns for r in c.laureates for n in sdgs_of(r)}):
        first = portal_page(site, lang, f"sdg/{number}")
        # A goal's cards are on its page and, past one page's worth, the pages it links (sdg/<n>/page-<k>/).
        docs = [first] + [parse(resolve_link(site, first.path, a.get("href"))[0])
                          for a in first.select(".cs-paging a") if not a.get("aria-current")]
        shown = []
        for doc in docs:
            for card in doc.select(".cs-card"):
                target, _ = resolve_link(site, doc.path, card.one(".cs-card__title a").get("href"))
                parts = target.relative_to(site).parts
                shown.append(f"{parts[0]}/{parts[3]}" if len(parts) == 5 and parts[2] == "laureates" else str(target))
        expected = [f"{c.slug}/{r['slug']}" for c in NETWORK.campaigns for r in c.laureates if number in sdgs_of(r)]
        if sorted(shown) != sorted(expected):
            problems.append(f"sdg/{number}/: {sorted(set(shown) ^ set(expected))} differ")
    fail_if(problems, f"the portal SDG pages ({lang})")


@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_portal_agenda_combines_every_campaign(site, lang):
    doc = portal_page(site, lang, "agenda")
    sections = agenda_sections(site, doc)
    problems = []
    for c in NETWORK.campaigns:
        for row in c.events:
            expected = agenda_section(row)
            found = {name: [p for p in paths if p.relative_to(site).parts[0] == c.slug
                            and p.parent.name == row["slug"] and p.parent.parent.name == "events"]
                     for name, paths in sections.items()}
            if not found[expected]:
                problems.append(f"{c.slug}/{row['slug']}: not listed under {expected}")
    missing = [p for paths in sections.values() for p in paths if not p.is_file()]
    problems += [f"links to missing {p.relative_to(site)}" for p in missing]
    feeds = [t for t in links_to(site, doc, ".cs-page a[href]") if t.suffix == ".ics"]
    if not feeds or not all(t.is_file() for t in feeds):
        problems.append(f"no subscribable .ics feed linked ({feeds})")
    fail_if(problems, f"the portal agenda ({lang})")


@pytest.mark.parametrize("lang", PORTAL_LANGS)
def test_portal_search_page_loads_the_index(site, lang):
    doc = portal_page(site, lang, "search")
    box = doc.one("[data-cs-search]")
    bundle, _ = resolve_link(site, doc.path, box.get("data-cs-search"))
    # campaign.js loads the UI's script and stylesheet from the bundle once the page has shown.
    for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (bundle.parent / name).is_file(), name


# --- Links ---------------------------------------------------------------------------------------

LINK_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "img": "src", "script": "src", "source": "src",
                   "iframe": "src", "video": "poster", "audio": "src", "embed": "src", "track": "src"}


@functools.lru_cache(maxsize=None)
def ids_of(path: Path) -> frozenset[str]:
    return frozenset(element_ids(parse(path)))


def test_every_internal_link_and_anchor_resolves(site):
    """Every relative href/src (and meta refresh) on every page leads to a published file, a
    directory URL to its index.html, and every #fragment to an id on the target page."""
    broken = []
    for path in html_files(site):
        doc = parse(path)
        for el in doc.iter():
            attribute = LINK_ATTRIBUTES.get(el.tag)
            url = el.get(attribute) if attribute else None
            if el.tag == "meta" and el.get("http-equiv", "").lower() == "refresh":
                url = el.get("content", "").partition("url=")[2].strip() or None
            if not url or not is_relative_link(url) or url == "#":
                continue
            target, fragment = resolve_link(site, path, url)
            where = f"{site_rel(site, path)}:{el.line}: <{el.tag} {attribute or 'content'}={url!r}>"
            if not target.is_file():
                broken.append(f"{where}: {target.relative_to(site) if site in target.parents else target} missing")
            elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                broken.append(f"{where}: no id {fragment!r} in {target.relative_to(site)}")
    fail_if(broken, "internal links")
