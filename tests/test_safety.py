"""A network whose YAML, CSV and Markdown carry hostile content builds, and nothing of it executes.

Every payload tries to run `alert()` or set `window.__pwned`, or to inject an element `#pwned`. The
browser must see no dialog, no such variable, no such element, and the text shown escaped.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from campaignsite.render.engine import SELECTORS
from campaignsite.pipeline import build, BuildConfig
from project import LAUREATES_HEADER, default_files, write_project

XSS = '<script>alert(1);window.__pwned=1</script>'
IMG = '<img src=x onerror="alert(2);window.__pwned=1">'
SVG = '"><svg onload=alert(3)><div id="pwned">'
JINJA = "{{ 7*7 }} {% if true %}jinja{% endif %}"
LINKS = ("[a](javascript:alert(4)) [b](JaVaScRiPt:alert(5)) [c](&#106;avascript:alert(6)) "
         "[d](java&#x09;script:alert(7)) <a href=\"javascript:alert(8)\">e</a> [f](data:text/html,<script>alert(9)</script>)")
LONG = "Overlong-" + "x" * 5000
HOSTILE_TITLE = f"Demo {XSS} {JINJA}"


def yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def hostile_files() -> dict[str, str]:
    files = default_files()
    base = "campaigns/demo-2025"
    yml = files[f"{base}/campaign.yml"]
    yml = yml.replace("  nl: Proximity Demo 2025\n", f"  nl: {yaml_quote(HOSTILE_TITLE)}\n")
    yml = yml.replace("  nl: Burgers maken de buurt duurzaam.\n", f"  nl: {yaml_quote(IMG + ' ' + SVG)}\n")
    yml = yml.replace("    Met **Proximity Demo** steunen we burgerprojecten in de buurt.\n",
                      f"    {XSS}\n\n    {IMG}\n\n    {LINKS}\n\n    {SVG}\n\n    {JINJA}\n\n    {LONG}\n")
    yml = yml.replace("  - name: An Peeters\n", f"  - name: {yaml_quote('An ' + XSS)}\n")
    yml = yml.replace("    affiliation: Brussels Environment\n", f"    affiliation: {yaml_quote(SVG)}\n")
    yml = yml.replace("  - name: Be Planet\n", f"  - name: {yaml_quote('Be Planet ' + IMG)}\n")
    yml = yml.replace("  name: Team Proximity\n", f"  name: {yaml_quote('Team ' + XSS)}\n")
    files[f"{base}/campaign.yml"] = yml
    row = {name: "" for name in LAUREATES_HEADER.split(",")}
    row.update({"slug": "hostile", "title_nl": f"Project {XSS}"[:120], "title_fr": f"Projet {IMG}"[:120],
                "summary_nl": f"{JINJA} {SVG}", "summary_fr": f"{XSS} ${{7*7}}", "sdgs": "11", "category": "small",
                "amount": "1000", "selected_by": "jury", "status": "selected", "holder": f"Groep {IMG}"[:120],
                "address": f"{SVG} {LONG}", "needs_materials_nl": f"{XSS};{IMG}", "needs_skills_fr": SVG,
                "needs_volunteers_nl": JINJA, "contact_email": "hostile.secret@example.org",
                "contact_phone": "+32 470 00 11 99"})
    files[f"{base}/laureates.csv"] += ",".join(_csv(row[name]) for name in LAUREATES_HEADER.split(",")) + "\n"
    files[f"{base}/projects/hostile.nl.md"] = f"{XSS}\n\n{IMG}\n\n{LINKS}\n\n<iframe src=\"javascript:alert(10)\"></iframe>\n"
    files[f"{base}/projects/hostile.fr.md"] = f"<style>body{{display:none}}</style>\n\n{SVG}\n\n{JINJA}\n"
    files[f"{base}/news/laureates.nl.md"] = f"---\ntitle: {yaml_quote('Nieuws ' + XSS)}\ndate: 2025-05-10\n---\n{LINKS}\n{IMG}\n"
    files[f"{base}/events.csv"] = files[f"{base}/events.csv"].replace("Start van de campagne.", _csv(f"{XSS} {IMG}"))
    files["content/nl/about.md"] = f"---\ntitle: {yaml_quote('Over ' + XSS)}\n---\n{LINKS}\n\n{XSS}\n"
    return files


def _csv(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = write_project(tmp_path_factory.mktemp("hostile"), hostile_files())
    output = root / "site"
    build(BuildConfig(root=root, output=output, today=dt.date(2025, 6, 15), jobs=2))
    return output


@pytest.fixture(scope="module")
def hostile_url(serve, hostile_site):
    return serve(hostile_site).rstrip("/") + "/"


def page_paths(site) -> list[str]:
    """Every page, but redirects (they navigate away at once; their text is checked statically)."""
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if "pagefind" not in p.parts and "search" not in p.parts
                   and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))
    return [p[: -len("index.html")] if p.endswith("index.html") else p for p in paths]


def test_hostile_network_builds(hostile_site):
    assert (hostile_site / "demo-2025" / "nl" / "laureates" / "hostile" / "index.html").is_file()
    redirect = (hostile_site / "demo-2025" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in redirect and "&lt;script&gt;" in redirect


def test_private_values_of_hostile_rows_are_nowhere(hostile_site):
    for path in hostile_site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"hostile.secret@example.org" not in data, path
            assert b"+32 470 00 11 99" not in data, path


@pytest.mark.browser
def test_nothing_executes_and_text_is_shown_escaped(hostile_site, hostile_url, browser_context):
    page = browser_context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)), dialog.dismiss()))
    visited = 0
    for path in page_paths(hostile_site):
        page.goto(hostile_url + path)
        visited += 1
        state = page.evaluate("""() => ({
            pwned: window.__pwned !== undefined,
            injected: document.querySelectorAll('#pwned, iframe[src^="javascript"], style:not([id])').length,
            handlers: Array.from(document.querySelectorAll('*')).filter(el =>
                Array.from(el.attributes).some(a => a.name.startsWith('on'))).length,
            badLinks: Array.from(document.querySelectorAll('a[href]')).filter(a =>
                /^\\s*(javascript|data|vbscript):/i.test(a.getAttribute('href'))).length,
        })""")
        assert state == {"pwned": False, "injected": 0, "handlers": 0, "badLinks": 0}, f"{path}: {state}"
    assert visited > 20
    assert dialogs == []


@pytest.mark.browser
def test_hostile_titles_are_plain_text(hostile_url, browser_context):
    page = browser_context.new_page()
    page.goto(hostile_url + "demo-2025/nl/")
    assert page.locator("h1").first.inner_text() == HOSTILE_TITLE
    assert JINJA in page.locator(SELECTORS["content"]).inner_text()
    assert "<script>" in page.title()
    page.goto(hostile_url + "demo-2025/nl/laureates/hostile/")
    assert page.locator("h1").first.inner_text() == f"Project {XSS}"
    # Needs are split on ';', so the payload shows as two needs, each as plain text.
    needs = page.locator(".cs-help .cs-need__text").all_inner_texts()
    assert "<script>alert(1)" in needs and "window.__pwned=1</script>" in needs


@pytest.mark.browser
def test_search_results_do_not_execute(hostile_url, browser_context):
    page = browser_context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url + "demo-2025/nl/")
    page.locator(SELECTORS["search_input"]).fill("Project")
    page.locator(SELECTORS["search_input"]).press("Enter")
    # Pagefind draws the results, the hostile titles and texts among them, on the portal's search page.
    page.wait_for_selector(".pagefind-ui__result", timeout=20000)
    expect(page.locator(".pagefind-ui__result-link").filter(has_text=XSS).first).to_be_visible()
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#pwned").count() == 0
    assert dialogs == []
