"""A way to help that works (issue 9, item 7): every need a project page or the help page shows has an
action, the crowdfunding for money, else the project's public contact, else an e-mail to the campaign
team whose subject names the project and the need; the private contact of laureates.csv never shows.

Built from tests/project.py's demo with three projects, one per kind of action: Buurtmoestuin (a
crowdfunding and a public contact page), Repair Café (no public contact: the campaign team) and
Fietsbieb (a public e-mail, and money asked without a crowdfunding page).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from campaignsite.pipeline import build, BuildConfig
from html_support import Document, parse, resolve_link
from project import LAUREATES_CSV, LAUREATES_HEADER, validate, write_project

BASE = "campaigns/demo-2025"
LAUREATES = f"{BASE}/laureates.csv"
TODAY = dt.date(2025, 9, 10)
TEAM = "demo@example.be"  # the demo campaign's contact
HEADER = LAUREATES_HEADER.split(",") + ["public_email", "public_url"]
PRIVATE = ("private.moestuin@example.org", "private.repair@example.org", "private.fiets@example.org",
           "+32 470 11 22 33", "+32 470 99 88 77", "+32 470 55 44 33")


def row(**cells: str) -> str:
    return ",".join(cells.get(name, "") for name in HEADER)


MOESTUIN_URL = "https://moestuin.example.be/helpen?van=site&taal=nl"
FIETS_EMAIL = "fietsbieb+hulp@example.org"
# Needs with characters that must be encoded in a mailto: query (&, #, %, ?, /, +, accents).
REPAIR_NEEDS = {"nl": "soldeer & tin #60/40 100%", "fr": "fer à souder & étain #60/40 ?"}
LAUREATES_WITH_CONTACTS = "\n".join([
    ",".join(HEADER),
    LAUREATES_CSV.splitlines()[1] + f",,{MOESTUIN_URL}",  # moestuin: crowdfunding, public contact page
    row(slug="repair", title_nl="Repair Café", title_fr="Repair Café", summary_nl="Samen herstellen.",
        summary_fr="Réparer ensemble.", sdgs="12", category="small", amount="2000", selected_by="jury",
        status="in-progress", holder="Repair Elsene", needs_materials_nl=REPAIR_NEEDS["nl"],
        needs_materials_fr=REPAIR_NEEDS["fr"], needs_volunteers_nl="zaterdag 14u-17u",
        needs_volunteers_fr="samedi 14h-17h", contact_email="private.repair@example.org",
        contact_phone="+32 470 99 88 77"),
    row(slug="fietsbieb", title_nl="Fietsbieb Flagey", title_fr="Vélothèque Flagey",
        summary_nl="Kinderfietsen lenen.", summary_fr="Prêter des vélos d'enfant.", sdgs="11", category="small",
        amount="500", selected_by="jury", status="in-progress", holder="Fietsbieb vzw",
        crowdfunding_goal="1500", crowdfunding_raised="300", needs_skills_nl="fietsherstelling",
        needs_skills_fr="réparation de vélos", contact_email="private.fiets@example.org",
        contact_phone="+32 470 55 44 33", public_email=FIETS_EMAIL),
]) + "\n"
TITLES = {"moestuin": {"nl": "Buurtmoestuin", "fr": "Potager de quartier"},
          "repair": {"nl": "Repair Café", "fr": "Repair Café"},
          "fietsbieb": {"nl": "Fietsbieb Flagey", "fr": "Vélothèque Flagey"}}
OFFER = {"nl": "Aanbod voor {project}: {need}", "fr": "Proposition pour {project} : {need}"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("help")
    root = write_project(folder / "project", {LAUREATES: LAUREATES_WITH_CONTACTS})
    build(BuildConfig(root=root, output=folder / "site", today=TODAY, jobs=1))
    return folder / "site"


def mail_parts(href: str) -> tuple[str, dict[str, list[str]]]:
    """(address, query) of a mailto: link, decoded as a mail client decodes it (RFC 6068)."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto", href
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)


def expected_action(slug: str, need: str, lang: str) -> tuple[str, str | None]:
    """(where the action leads, the subject an e-mail must have) for a need of a project."""
    if slug == "moestuin":
        return MOESTUIN_URL, None
    subject = OFFER[lang].format(project=TITLES[slug][lang], need=need)
    return (FIETS_EMAIL if slug == "fietsbieb" else TEAM), subject


def check_action(href: str, slug: str, need: str, lang: str) -> list[str]:
    where, subject = expected_action(slug, need, lang)
    if subject is None:
        return [] if href == where else [f"{slug}: {need!r} leads to {href}, expected {where}"]
    if not href.startswith("mailto:"):
        return [f"{slug}: {need!r} leads to {href}, expected an e-mail to {where}"]
    address, query = mail_parts(href)
    problems = []
    if address != where:
        problems.append(f"{slug}: {need!r}: e-mail to {address}, expected {where}")
    # French puts a narrow no-break space before ':' (Babel typography): compared as a space.
    if [text.replace("\u202f", " ") for text in query.get("subject", [])] != [subject.replace("\u202f", " ")]:
        problems.append(f"{slug}: {need!r}: subject {query.get('subject')}, expected {subject!r}")
    if sorted(query) != ["body", "subject"] or not query["body"][0].startswith("https://demo.example.be/demo-2025/"):
        problems.append(f"{slug}: {need!r}: query {query} (a subject and the project's address as body)")
    if any(c in href for c in ' #"<>'):  # a raw '&' would have split the query above
        problems.append(f"{slug}: {need!r}: {href} is not percent-encoded")
    return problems


def project_page(site: Path, slug: str, lang: str) -> Document:
    return parse(site / "demo-2025" / lang / "laureates" / slug / "index.html")


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_need_on_a_project_page_has_an_action(site, lang):
    problems = []
    for slug in TITLES:
        doc = project_page(site, slug, lang)
        help_section = doc.one('section[aria-labelledby="help"]')
        items = help_section.select(".cs-needs > li")
        needs = [li.one(".cs-need__text").text for li in items]
        expected = {"moestuin": {"nl": ["schoppen", "zaden", "tuinieren", "zaterdag"],
                                 "fr": ["pelles", "graines", "jardinage", "samedi"]}[lang],
                    "repair": [REPAIR_NEEDS[lang], {"nl": "zaterdag 14u-17u", "fr": "samedi 14h-17h"}[lang]],
                    "fietsbieb": [{"nl": "fietsherstelling", "fr": "réparation de vélos"}[lang]]}[slug]
        if [need.replace("\u202f", " ") for need in needs] != expected:
            problems.append(f"{slug}: needs {needs}, expected {expected}")
        for li, need in zip(items, needs):
            actions = li.select("a.cs-need__action[href]")
            if len(actions) != 1 or not actions[0].text:
                problems.append(f"{slug}: {need!r} has {len(actions)} actions")
                continue
            problems += check_action(actions[0].get("href"), slug, need, lang)
    # Money: the crowdfunding where there is one, else the project's public e-mail.
    gift = project_page(site, "moestuin", lang).select('section[aria-labelledby="help"] a.cs-button--primary')
    assert [a.get("href") for a in gift] == ["https://give.example.be/moestuin"]
    ask = project_page(site, "fietsbieb", lang).select('section[aria-labelledby="help"] a.cs-button--primary')
    assert len(ask) == 1
    money = {"nl": "Geld", "fr": "Argent"}[lang]
    problems += check_action(ask[0].get("href"), "fietsbieb", money, lang)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_need_on_the_help_page_has_an_action(site, lang):
    """A card per need (issue 22, item 3), each with one 'I can help' named after its need and project."""
    doc = parse(site / "demo-2025" / lang / "help" / "index.html")
    problems, cards = [], doc.select("[data-cs-cards] > article.cs-need-card")
    for card in cards:
        kind, need = card.get("data-kind"), card.one(".cs-need-card__what").text
        project = resolve_link(site, doc.path, card.one(".cs-need-card__facts a").get("href"))[0].parent.name
        actions = card.select("a.cs-need__action[href]")
        if len(actions) != 1 or len(card.select("a[href]")) != 2:  # the project's page and the action
            problems.append(f"{kind}: {need!r} has {len(actions)} actions")
            continue
        action = actions[0]
        label = {"nl": "Ik kan helpen", "fr": "Je peux aider"}[lang]
        if not action.text.startswith(label) or need not in action.text or TITLES[project][lang] not in action.text:
            problems.append(f"{kind}: {need!r}: the action reads {action.text!r}")
        href = action.get("href")
        if kind == "money":
            if project == "moestuin":
                problems += [] if href == "https://give.example.be/moestuin" else [f"moestuin gives at {href}"]
            else:
                problems += check_action(href, project, {"nl": "Geld", "fr": "Argent"}[lang], lang)
        else:
            problems += check_action(href, project, need, lang)
    assert len(cards) == 9, f"{len(cards)} needs on the help page, expected 2 gifts and 7 other needs"
    assert not problems, "\n".join(problems)
    # How many needs of each kind, and the filter's kinds with the same counts.
    counts = [li.text for li in doc.select("ul.cs-need-counts > li")]
    assert counts == {"nl": ["2 Geld", "3 Materiaal", "2 Vaardigheden", "2 Tijd"],
                      "fr": ["2 Argent", "3 Matériel", "2 Compétences", "2 Temps"]}[lang]
    options = [o.get("value") for o in doc.select("form[data-cs-filter] select[name=kind] option")]
    assert options == ["", "money", "materials", "skills", "volunteers"]
    assert not doc.select("select[name=municipality]"), "one municipality: nothing to filter by"


def test_a_need_text_is_escaped(tmp_path):
    """Need texts come from editors: markup in them is shown as text on the cards and in the widget."""
    hostile = "<img src=x onerror=alert(1)> & <b>vis</b>"
    laureates = LAUREATES_WITH_CONTACTS.replace(REPAIR_NEEDS["nl"], hostile)
    root = write_project(tmp_path / "project", {LAUREATES: laureates})
    build(BuildConfig(root=root, output=tmp_path / "site", today=TODAY, jobs=1))
    for path in ("help", "embed/needs"):
        doc = parse(tmp_path / "site" / "demo-2025" / "nl" / path / "index.html")
        assert not doc.select(".cs-need-card img, .cs-need-card b"), path
        assert hostile in [h.text for h in doc.select(".cs-need-card__what")], path


def test_mailto_subject_is_encoded(site):
    """'&', '#', '%', '?' and accents in a need stay inside the subject: the link has exactly a subject and a body."""
    nl = project_page(site, "repair", "nl").select(".cs-needs .cs-need__action")[0].get("href")
    assert nl == (f"mailto:{TEAM}?subject=Aanbod%20voor%20Repair%20Caf%C3%A9%3A%20soldeer%20%26%20tin%20%2360%2F40"
                  "%20100%25&body=https%3A%2F%2Fdemo.example.be%2Fdemo-2025%2Fnl%2Flaureates%2Frepair%2F")
    fr = project_page(site, "repair", "fr").select(".cs-needs .cs-need__action")[0].get("href")
    assert fr.startswith(f"mailto:{TEAM}?subject=Proposition%20pour%20Repair%20Caf%C3%A9"), fr
    assert "%26" in fr and "%23" in fr and "%3F" in fr and "%C3%A0" in fr
    for href in (nl, fr):
        for forbidden in (" ", "#", "<", ">", '"'):
            assert forbidden not in href
    address, query = mail_parts(fr)
    assert address == TEAM
    assert query["subject"][0].replace("\u202f", " ") == "Proposition pour Repair Café : fer à souder & étain #60/40 ?"


def test_private_contact_never_published(site):
    published = [path for path in site.rglob("*") if path.is_file() and path.suffix in
                 (".html", ".json", ".csv", ".xml", ".ics", ".txt", ".js")]
    assert published
    for path in published:
        text = path.read_text(encoding="utf-8", errors="replace")
        for private in PRIVATE:
            assert private not in text, f"{path.relative_to(site)} publishes {private!r}"
    # The public contacts are published, in the open data too.
    data = (site / "demo-2025" / "data" / "laureates.csv").read_text(encoding="utf-8")
    assert FIETS_EMAIL in data and MOESTUIN_URL in data


def test_public_contact_is_checked(tmp_path):
    bad = LAUREATES_WITH_CONTACTS.replace(FIETS_EMAIL, "not an address")
    problems = validate(write_project(tmp_path, {LAUREATES: bad}))
    assert [(p.path, p.line, p.field) for p in problems] == [(LAUREATES, 4, "public_email")]


@pytest.mark.browser
def test_help_actions_in_the_browser(site, serve, page):
    """In Chromium: on each project page, every need has a visible action that is a link with an
    address a browser can follow (a web page, or an e-mail with its subject), and the help page too."""
    base = serve(site)
    for slug in TITLES:
        page.goto(f"{base}/demo-2025/nl/laureates/{slug}/")
        needs = page.locator('section[aria-labelledby="help"] .cs-needs > li')
        assert needs.count() > 0, slug
        for index in range(needs.count()):
            item = needs.nth(index)
            need = item.locator(".cs-need__text").inner_text()
            action = item.get_by_role("link")
            assert action.count() == 1 and action.is_visible(), f"{slug}: {need!r}"
            problems = check_action(action.get_attribute("href"), slug, need, "nl")
            assert not problems, problems
    page.get_by_role("link", name="Hoe kan ik helpen?").first.click()
    page.wait_for_url("**/demo-2025/nl/help/")
    cards = page.locator(".cs-help-page .cs-need-card")
    assert cards.count() == 9
    for index in range(cards.count()):
        link = cards.nth(index).get_by_role("link", name="Ik kan helpen")
        assert link.is_visible() and link.get_attribute("href").startswith(("mailto:", "https://"))
