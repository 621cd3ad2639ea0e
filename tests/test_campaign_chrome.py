"""A campaign's header and footer as a visitor on a phone or a laptop sees them (issue 22, item 1):
where am I (the logo and the campaign's short name, never cut), which languages (a text toggle
"FR · NL" in the header and in the drawer), and where to go from the bottom of any page (the
campaign's contact, the network's portal, the widgets, the open data).

The browser tests run in Debian's Chromium at 390 and 1280 px; the footer's links are checked on every
campaign page of the example network from the built files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from campaignsite.core.languages import LANGUAGE_NAMES
from campaignsite.render.engine import SELECTORS
from html_support import html_files, load_network, parse, resolve_link, site_rel, text_in

NETWORK = load_network()
WIDTHS = [390, 1280]
NAME = ".md-header .cs-header__name"

# Where the name ends up on screen: inside the viewport and the header, and not clipped by its box.
SEEN = """([name, header]) => {
  const e = document.querySelector(name), h = document.querySelector(header);
  const r = e.getBoundingClientRect(), b = h.getBoundingClientRect(), s = getComputedStyle(e);
  return {text: e.innerText.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
          headerBottom: b.bottom, width: innerWidth,
          clipped: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
          ellipsis: s.textOverflow === "ellipsis", visible: s.visibility !== "hidden" && r.width > 0};
}"""


def campaign_of(slug: str | None):
    """The campaign of a sample, or the network for the portal's (both have a title and branding)."""
    return next(c for c in NETWORK.campaigns if c.slug == slug) if slug else NETWORK


def visits(page, site_samples, subtests, width: int):
    """Each sample opened at `width`, inside its own subtest: (sample, its campaign)."""
    page.set_viewport_size({"width": width, "height": 800})
    for sample in site_samples:
        with subtests.test(sample.id):
            page.goto(sample.url)
            yield sample, campaign_of(sample.campaign)


@pytest.mark.browser
@pytest.mark.samples("home", "laureate", "agenda", "help", "event", "portal-home", "portal-sdg")
@pytest.mark.parametrize("width", WIDTHS)
def test_the_campaigns_short_name_is_fully_visible_in_the_header(page, site_samples, subtests, width):
    """"Ixelles 2026" whole in the bar at 390 px too (it read "Proxim..."), after scrolling as before;
    the portal's "Proximity" too, beside its four languages."""
    for sample, c in visits(page, site_samples, subtests, width):
        expected = text_in(c.config.get("short_title", c.config["title"]), sample.lang)
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(100)
        seen = page.evaluate(SEEN, [NAME, SELECTORS["header"]])
        assert seen["text"].replace("\n", " ") == expected
        assert seen["visible"] and not seen["clipped"] and not seen["ellipsis"], seen
        assert 0 <= seen["left"] and seen["right"] <= seen["width"] and seen["bottom"] <= seen["headerBottom"], seen
        assert page.locator(".md-header .md-logo").is_visible() == bool(c.config.get("branding", {}).get("logo"))


@pytest.mark.browser
@pytest.mark.samples("home", "laureate", multilingual=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_language_toggle_is_text_in_the_header_and_the_drawer(page, site_samples, subtests, width):
    """"FR · NL": each language by its code, named in its own language for screen readers, the page's
    own marked as current, every link a 44 x 44 px target; on a phone the drawer has it too."""
    for sample, c in visits(page, site_samples, subtests, width):
        languages = c.languages
        places = [SELECTORS["language_link"]]
        if width < 1220:  # the drawer is where a phone's menu lives
            page.locator(SELECTORS["menu_button"]).click()
            places.append(SELECTORS["drawer_language_link"])
        for place in places:
            links = page.locator(place)
            page.locator(place).first.wait_for(state="visible")
            assert [links.nth(i).locator("[aria-hidden]").inner_text().strip() for i in range(links.count())] == \
                [lang.upper() for lang in languages], place
            for i, lang in enumerate(languages):
                link = links.nth(i)
                assert link.get_attribute("lang") == lang and link.get_attribute("hreflang") == lang
                assert link.locator(".cs-visually-hidden").inner_text() == LANGUAGE_NAMES[lang]
                assert (link.get_attribute("aria-current") == "page") == (lang == sample.lang)
                box = link.bounding_box()
                assert box and box["width"] >= 44 and box["height"] >= 44, (place, lang, box)
                assert link.is_visible()


@pytest.mark.browser
@pytest.mark.samples("home", "event")
@pytest.mark.parametrize("width", WIDTHS)
def test_the_footer_leads_to_the_contact_and_the_portal(page, site_samples, subtests, width):
    """At the bottom of a page, visible and followable: the campaign's e-mail and every campaign."""
    for sample, c in visits(page, site_samples, subtests, width):
        footer = page.locator(".md-footer")
        mail = footer.locator(f"a[href='mailto:{c.config['contact']['email']}']")
        mail.scroll_into_view_if_needed()
        assert mail.is_visible()
        portal = footer.locator(".cs-footer__group").last.locator("a").first  # "All campaigns"
        portal.click()
        page.wait_for_load_state()
        assert page.locator(".cs-campaign").count() == len(NETWORK.campaigns), page.url


def test_every_campaign_page_has_the_contact_and_the_portal_in_its_footer(example_site: Path):
    """Every page of every campaign site (the 404 page included): its contact's e-mail, the portal's home
    in the page's language (or the portal's first), the widgets and the open data package."""
    problems, checked = [], 0
    portal = {lang: NETWORK.portal_site(example_site, lang) for lang in NETWORK.languages}
    for c in NETWORK.campaigns:
        for lang in c.languages:
            home = portal.get(lang, portal[NETWORK.languages[0]]) / "index.html"
            for path in html_files(c.site(example_site, lang)):
                doc = parse(path)
                if not doc.select(".md-footer"):
                    continue  # a widget, inside another website's page
                checked += 1
                hrefs = [a.get("href") for a in doc.select(".md-footer .cs-footer__group a[href]")]
                targets = {resolve_link(example_site, path, href)[0] for href in hrefs if ":" not in href}
                wanted = {home, c.site(example_site, lang) / "widgets" / "index.html",
                          c.site(example_site, lang).parent / "data" / "datapackage.json"}
                if f"mailto:{c.config['contact']['email']}" not in hrefs or not wanted <= targets:
                    problems.append(f"{site_rel(example_site, path)}: footer links {hrefs}")
    assert checked > 500
    assert not problems, "\n  ".join(problems[:20])



def menu(site: Path, path: Path, doc) -> dict[str, tuple[list[Path], list[Path]]]:
    """The page's tabs and drawer list: (the pages they lead to, in order; those marked current)."""
    found = {}
    for name, item, current in (("tabs", ".md-tabs .md-tabs__item", "md-tabs__item--active"),
                                ("drawer", ".md-nav--primary > .md-nav__list > .md-nav__item", "md-nav__item--active")):
        items = [(resolve_link(site, path, li.select("a[href]")[0].get("href"))[0], current in li.get("class").split())
                 for li in doc.select(item)]
        found[name] = ([target for target, _ in items], [target for target, active in items if active])
    return found


def test_every_page_menu_leads_to_the_site_menu_pages_and_marks_only_the_page_itself(example_site: Path):
    """On every page of every site, the tabs and the drawer lead, from where the page is, to the pages
    of its site's menu, in the menu's order; the page is marked current there when it is one of them,
    and nothing is otherwise (Material's tabs and drawer list are made once for the pages that show
    them alike: issue 24)."""
    problems, checked = [], 0
    sites = [c.site(example_site, lang) for c in NETWORK.campaigns for lang in c.languages]
    sites += [NETWORK.portal_site(example_site, lang) for lang in NETWORK.languages]
    homes = {site: menu(example_site, site / "index.html", parse(site / "index.html"))["tabs"][0] for site in sites}
    for path in html_files(example_site):
        # Its site: the deepest site folder holding it (campaign sites are inside the portal's folder).
        site = max((site for site in sites if site in path.parents), key=lambda site: len(site.parts))
        doc, pages = parse(path), homes[site]
        if not doc.select(".md-tabs"):
            continue  # a widget, inside another website's page
        checked += 1
        for name, (targets, current) in menu(example_site, path, doc).items():
            if targets != pages or current != ([path] if path in pages else []):
                problems.append(f"{site_rel(example_site, path)}: {name} leads to "
                                f"{[site_rel(example_site, t) for t in targets]}, current "
                                f"{[site_rel(example_site, t) for t in current]}")
    assert all(len(pages) >= 3 and site / "index.html" in pages for site, pages in homes.items()), homes
    assert checked > 900
    assert not problems, "\n  ".join(problems[:20])

# --- The action first (issue 22, item 2) ------------------------------------------------------------

MOBILISING = "ixelles-2026"  # in its mobilisation on the day the tests build for (2026-11-22)


def test_during_mobilisation_a_project_asks_for_help_under_its_lede(example_site: Path):
    """On every project page of a campaign in its mobilisation, "help this project" is the first thing
    after the lede (it came after the text and the video, five screens down on a phone); elsewhere it
    keeps its place after the description."""
    c = campaign_of(MOBILISING)
    assert c.config["phases"]["mobilisation"]["start"] <= "2026-11-22" <= c.config["phases"]["mobilisation"]["end"]
    for lang in c.languages:
        for row in c.laureates:
            doc = parse(c.site(example_site, lang) / "laureates" / row["slug"] / "index.html")
            first = doc.one(".cs-laureate").node.xpath("./*[not(self::p[@class='cs-lead'])][1]")[0]
            assert first.get("class") == "cs-first", (lang, row["slug"], first.get("class"))
            assert first[0].get("class") == "cs-section cs-help", (lang, row["slug"], first[0].get("class"))
    other = next(c for c in NETWORK.campaigns if c.slug == "namur-2023")
    doc = parse(other.site(example_site, "fr") / "laureates" / other.laureates[0]["slug"] / "index.html")
    assert not doc.select(".cs-actionbar")


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_a_phone_keeps_the_help_button_at_hand(page, example_url, width):
    """At 390 px a bar at the bottom of the screen leads to the help, wherever the visitor scrolls;
    at 1280 px there is none (the help is in view under the lede)."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{example_url}/{MOBILISING}/fr/laureates/jardin-partage-vieux-tilleul/")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(100)
    bar = page.locator(".cs-actionbar a")
    if width > 700:
        assert not bar.is_visible()
        return
    box = bar.bounding_box()
    assert bar.is_visible() and box["y"] + box["height"] <= 800 and box["y"] > 700 and box["height"] >= 44, box
    bar.click()
    page.wait_for_url(re.compile("#help$"))


def test_every_campaign_page_says_the_moment_under_its_title(example_site: Path):
    """Under the title of every page of a campaign but its home (which has the full call to action):
    the moment's heading and one action, the same on every page of a site, its link followable."""
    problems, checked = [], 0
    for c in NETWORK.campaigns:
        for lang in c.languages:
            root = c.site(example_site, lang)
            headings, targets, without = set(), set(), []
            for path in html_files(root):
                doc = parse(path)
                if not doc.select(".md-footer") or path == root / "index.html" or path.name == "404.html":
                    continue
                strips = doc.select(".cs-now")
                # The element before it, past the search index's hidden labels (data-pagefind-meta).
                before = strips[0].node.xpath("preceding-sibling::*[not(@hidden)][1]") if strips else []
                # (a page kept out of the index wraps its title: <div data-pagefind-ignore><h1>)
                if len(strips) != 1 or not before or not before[0].xpath("self::h1 | self::div[h1]"):
                    problems.append(f"{site_rel(example_site, path)}: {len(strips)} strip(s) under the title")
                    continue
                headings.add(strips[0].one(".cs-now__heading").text)
                actions = strips[0].select("a.cs-now__action")
                if not actions:  # on the page the action leads to: checked below
                    without.append(path)
                    continue
                link = actions[0].get("href")
                target = None if "://" in link else resolve_link(example_site, path, link)[0]  # a vote's own site
                targets.add(target)
                checked += 1
                if target and not target.is_file() or target == path or len(actions) > 1:
                    problems.append(f"{site_rel(example_site, path)}: the strip leads to {target} ({len(actions)} actions)")
            problems += [f"{site_rel(example_site, path)}: no action in the strip, and it is not where the others lead"
                         for path in without if path not in targets]
            if len(headings) > 1:
                problems.append(f"{c.slug}/{lang}: strips say {sorted(headings)}")
    assert checked > 500
    assert not problems, "\n  ".join(problems[:20])


@pytest.mark.browser
@pytest.mark.samples("laureate", per_type=3)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_projects_facts_stand_beside_its_text_on_a_wide_screen(page, site_samples, subtests, width):
    """At 1280 px the picture, goals and facts form a column beside the text, from the lede down (the
    text kept its reading width, and half the screen stayed empty); at 390 px they follow the lede."""
    for sample, _c in visits(page, site_samples, subtests, width):
        lead, aside = (page.locator(f".cs-laureate > {part}").bounding_box() for part in (".cs-lead", ".cs-aside"))
        facts = page.locator(".cs-laureate .cs-aside .cs-facts").first.bounding_box()
        assert facts and facts["height"] > 0
        if width > 700:
            assert aside["x"] >= lead["x"] + lead["width"] and abs(aside["y"] - lead["y"]) < 40, (lead, aside)
        else:
            assert aside["y"] >= lead["y"] + lead["height"] and aside["x"] == lead["x"], (lead, aside)
