"""What a visitor sees and does, in a real browser: Debian's Chromium through Playwright.

Most tests run on samples of the example network (see conftest.py, `site_samples`) and take their
expectations from the pages themselves (a card's title is the title of the page it links to); the
tiny fixture network (tests/project.py) pins exact values: titles, goals, localised amounts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from campaignsite.render.engine import SELECTORS

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 740}

# What has keyboard focus: enough to say what it is, and whether the focus can be seen.
FOCUSED = """([content, header, skip]) => {
  // Read the style focus ends in, not one mid-transition (infinite animations cannot finish).
  document.getAnimations().forEach(a => { try { a.finish(); } catch (error) {} });
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {
    tag: e.tagName.toLowerCase(), cls: String(e.className || ""), href: e.getAttribute("href"),
    hreflang: e.getAttribute("hreflang"),
    text: (e.getAttribute("aria-label") || e.innerText || "").trim().replace(/\\s+/g, " ").slice(0, 50),
    outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0,
    shadow: s.boxShadow !== "none",
    visible: r.width > 0 && r.height > 0 && s.visibility !== "hidden" && parseFloat(s.opacity) > 0,
    inContent: !!e.closest(content), inHeader: !!e.closest(header), skip: e.matches(skip),
  };
}"""


def focused(page) -> dict | None:
    """What has keyboard focus (see FOCUSED); where it is told by the engine's SELECTORS."""
    return page.evaluate(FOCUSED, [SELECTORS["content_area"], SELECTORS["header"], SELECTORS["skip_link"]])


def text(locator) -> str:
    """Visible text with white space (including no-break spaces in amounts) collapsed."""
    return re.sub(r"\s+", " ", locator.inner_text()).strip()


def h1_of(site_root: Path, path: str) -> str:
    """The h1 of a built page, read from its file: the expectation for a page reached by clicking."""
    html = (site_root / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, f"{path} has no h1"
    # White space collapsed as text() collapses what the browser shows (a French narrow no-break space too).
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


def other_language(page) -> tuple[str, str]:
    """(hreflang, href) of the language switcher's first entry for another language."""
    link = page.locator(f"{SELECTORS['language_link']}:not([aria-current])").first
    return link.get_attribute("hreflang"), link.get_attribute("href")


def tab_until(page, predicate, limit: int = 80) -> list[dict]:
    """Press Tab until `predicate(focused)` holds; every stop on the way (AssertionError if never)."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        stops.append(stop)
        if stop and predicate(stop):
            return stops
    raise AssertionError(f"not reached in {limit} tab stops: {[s and s['text'] for s in stops]}")


# --- A campaign's home and its laureates ---------------------------------------------------------

@pytest.mark.samples("home")
def test_campaign_home_shows_title_figures_and_laureates(page, site_samples, subtests):
    for sample in site_samples:
        with subtests.test(sample.id):
            page.goto(sample.url)
            h1 = page.locator(SELECTORS["title"])
            assert h1.count() == 1 and text(h1), "a campaign home has one h1, the campaign's title"
            assert text(h1) in re.sub(r"\s+", " ", page.title())
            figures = page.locator(".cs-figures .cs-figure")
            assert figures.count() >= 1 and figures.first.is_visible()
            for i in range(figures.count()):
                assert text(figures.nth(i).locator("dt")) and text(figures.nth(i).locator("dd")), \
                    "a figure has a label and a value"
            if any((sample.root / sample.path.lstrip("/")).glob("laureates/*/index.html")):
                cards = page.locator(".cs-cards .cs-card")
                assert cards.count() >= 1, "the home features laureates"
                assert cards.first.locator(".cs-card__title a").is_visible()


@pytest.mark.samples("home")
def test_featured_card_leads_to_its_laureate(page, site_samples, subtests):
    for sample in site_samples:
        with subtests.test(sample.id):
            page.goto(sample.url)
            card = page.locator(".cs-cards .cs-card").first
            if not card.count():
                pytest.skip("this campaign has no laureates yet")
            title = text(card.locator(".cs-card__title"))
            slug = card.get_attribute("data-slug")
            sdgs = card.locator(".cs-sdg__number").all_inner_texts()
            amount = text(card.locator(".cs-card__amount"))
            card.locator(".cs-card__title a").click()
            page.wait_for_url(f"**/laureates/{slug}/")
            assert text(page.locator(SELECTORS["title"])) == title
            badges = page.locator(".cs-laureate ul.cs-sdgs").first.locator(".cs-sdg__number")
            assert badges.all_inner_texts() == sdgs
            assert amount in text(page.locator(".cs-facts").first)  # the project's facts; payments have their own


@pytest.mark.parametrize("lang, title, goals, amount", [
    ("nl", "Buurtmoestuin", ["2 Geen honger", "11 Duurzame steden en gemeenschappen"], "€ 8.000"),
    ("fr", "Potager de quartier", ["2 Faim « zéro »", "11 Villes et communautés durables"], "8 000 €"),
])
def test_laureate_page_shows_title_goals_and_amount(page, fixture_url, lang, title, goals, amount):
    page.goto(f"{fixture_url}/demo-2025/{lang}/")
    page.locator(".cs-card[data-slug='moestuin'] .cs-card__title a").click()
    page.wait_for_url(f"**/demo-2025/{lang}/laureates/moestuin/")
    assert text(page.locator(SELECTORS["title"])) == title
    badges = page.locator(".cs-laureate ul.cs-sdgs").first.locator("a.cs-sdg")
    assert [text(badges.nth(i)) for i in range(badges.count())] == goals
    assert amount in text(page.locator(".cs-facts"))


# --- Switching language --------------------------------------------------------------------------

def test_language_switcher_keeps_the_laureate(page, fixture_url):
    page.goto(f"{fixture_url}/demo-2025/nl/laureates/moestuin/")
    page.locator(f"{SELECTORS['language_link']}[hreflang='fr']").click()
    page.wait_for_url(f"{fixture_url}/demo-2025/fr/laureates/moestuin/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert text(page.locator(SELECTORS["title"])) == "Potager de quartier"


@pytest.mark.samples("laureate", "home", "showcase", "event", multilingual=True)
def test_language_switcher_leads_to_the_same_page(page, site_samples, subtests):
    for sample in site_samples:
        with subtests.test(sample.id):
            page.goto(sample.url)
            lang = page.locator("html").get_attribute("lang")
            other, _ = other_language(page)
            page.locator(f"{SELECTORS['language_link']}[hreflang='{other}']").click()
            expected = sample.path.replace(f"/{lang}/", f"/{other}/", 1)
            page.wait_for_url(re.compile(re.escape(expected) + "$"))
            assert page.locator("html").get_attribute("lang") == other
            assert text(page.locator(SELECTORS["title"])) == h1_of(sample.root, expected)


# --- Phones --------------------------------------------------------------------------------------

@pytest.mark.samples(per_type=4)
@pytest.mark.parametrize("width", [PHONE["width"], 390, 1280])
def test_no_sideways_scrolling(page, site_samples, subtests, width):
    """WCAG 1.4.10 Reflow: on a phone (375 and 390 CSS pixels) and a laptop (1280), nothing makes any
    page type scroll sideways."""
    page.set_viewport_size({"width": width, "height": PHONE["height"]})
    for sample in site_samples:
        with subtests.test(sample.id):
            page.goto(sample.url)
            overflow = page.evaluate("""area => {
              const width = document.documentElement.clientWidth;
              const wide = [...document.querySelectorAll(area)].flatMap(a => [...a.querySelectorAll("*")])
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ")[0] : ""));
              return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
            }""", SELECTORS["content_area"])
            assert overflow["scroll"] <= overflow["width"], f"page is {overflow['scroll']}px wide: {overflow['wide']}"


# --- Keyboard ------------------------------------------------------------------------------------

@pytest.mark.samples("home", "laureate", per_type=1)
def test_skip_link_is_the_first_tab_stop_and_leads_to_the_content(page, site_samples, subtests):
    for sample in site_samples:
        with subtests.test(sample.id):
            page.goto(sample.url)
            page.keyboard.press("Tab")
            first = focused(page)
            assert first and first["skip"], f"first tab stop is {first}"
            assert first["visible"] and (first["outline"] or first["shadow"]), "the skip link shows when focused"
            page.keyboard.press("Enter")
            page.keyboard.press("Tab")
            after = focused(page)
            assert after and after["inContent"], f"after the skip link, Tab goes to {after}, not into the content"


@pytest.mark.samples("home", "laureate", "portal-home", per_type=1)
def test_focus_is_visible_on_every_tab_stop(page, site_samples, subtests):
    """WCAG 2.4.7: every link and control shows where the keyboard focus is."""
    for sample in site_samples:
        with subtests.test(sample.id):
            page.goto(sample.url)
            stops = []
            for _ in range(60):
                page.keyboard.press("Tab")
                stop = focused(page)
                if stop is None:
                    break
                stops.append(stop)
            assert len(stops) > 5
            invisible = [s for s in stops if not s["visible"]]
            unmarked = [s for s in stops if s["visible"] and not (s["outline"] or s["shadow"])]
            assert not invisible, "tab stops on something not shown: " + "; ".join(
                f"{s['tag']}.{s['cls']}" for s in invisible)
            assert not unmarked, "focus not visible on: " + "; ".join(
                f"{s['tag']}.{s['cls']} '{s['text']}'" for s in unmarked)


def test_language_switcher_works_with_the_keyboard(page, fixture_url):
    page.goto(f"{fixture_url}/demo-2025/nl/laureates/moestuin/")
    tab_until(page, lambda f: f["tag"] == "a" and f["inHeader"] and f["hreflang"] == "nl")
    stop = focused(page)
    assert stop["visible"] and (stop["outline"] or stop["shadow"])
    page.keyboard.press("Tab")
    stop = focused(page)
    assert stop["hreflang"] == "fr" and stop["outline"]
    page.keyboard.press("Enter")
    page.wait_for_url(f"{fixture_url}/demo-2025/fr/laureates/moestuin/")
    assert page.locator("html").get_attribute("lang") == "fr"
