"""The press listing as journalists use it (issue 10): read on a phone, printed on A4, in Chromium."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from html_support import parse

pytestmark = pytest.mark.browser

LISTINGS = ["gent-2024/nl/press/listing/", "namur-2023/fr/press/listing/", "hasselt-2026/en/press/listing/"]
# A4 portrait is 210 mm wide; with the 12 mm margins of the print style sheet, 186 mm = 703 CSS px.
A4_CONTENT_WIDTH = 703

# Cells whose content is wider than they are, or in which a word is split over two lines (a word
# whose Range has more than one line box). The phone layout hides the header row from sight only.
CELLS_TOO_NARROW = """() => {
  const shown = cell => !(cell.closest("thead") && cell.closest("thead").getBoundingClientRect().width <= 1)
    && cell.getBoundingClientRect().width > 0;
  const splitWord = cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s\\-\\u2010]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) { return match[0]; }
      }
    }
    return null;
  };
  return [...document.querySelectorAll(".cs-listing__table th, .cs-listing__table td")].filter(shown)
    .map(cell => cell.scrollWidth > cell.clientWidth + 1 ? cell.textContent.trim().slice(0, 40) : splitWord(cell))
    .filter(Boolean);
}"""


def listing_urls(example_site, example_url) -> list[str]:
    found = [path for path in LISTINGS if (example_site / path / "index.html").is_file()]
    assert len(found) >= 2, "the example network has listings to look at"
    return [f"{example_url}/{path}" for path in found]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_cell_is_narrower_than_its_longest_word(example_site, example_url, browser, width):
    """Words are never broken inside a cell (no 'Bloem/enlint'): a cell that cannot hold its longest
    word would overflow, and on a phone each project becomes a block with the column names."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for url in listing_urls(example_site, example_url):
        page.goto(url)
        assert page.evaluate(CELLS_TOO_NARROW) == [], url
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        if width < 600:
            row = page.locator(".cs-listing__table tbody tr").first
            assert row.evaluate("tr => getComputedStyle(tr).display") == "block"
            label = row.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
            assert label.strip('"').rstrip(": ") == page.locator(".cs-listing__table thead th").nth(1).inner_text()
    context.close()


def test_every_column_is_inside_an_a4_page(example_site, example_url, browser):
    context = browser.new_context(viewport={"width": A4_CONTENT_WIDTH, "height": 1000})
    page = context.new_page()
    page.emulate_media(media="print")
    for url in listing_urls(example_site, example_url):
        page.goto(url)
        headings = page.locator(".cs-listing__table thead th")
        assert headings.count() >= 7
        for index in range(headings.count()):
            box = headings.nth(index).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= A4_CONTENT_WIDTH + 1, \
                (url, headings.nth(index).inner_text(), box)
        assert page.evaluate(CELLS_TOO_NARROW) == [], url
        # The header row repeats on every printed page; the page's chrome and downloads stay off paper.
        assert page.locator(".cs-listing__table thead").evaluate("e => getComputedStyle(e).display") == \
            "table-header-group"
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") == "none"
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF")
    context.close()


def test_goals_are_sorted_with_their_names(example_site):
    page = parse(example_site / "gent-2024/nl/press/listing/index.html")
    for row in page.select(".cs-listing__table tbody tr"):
        goals = [li.text for li in row.select(".cs-listing__goals li")]
        numbers = [int(goal.split(" ", 1)[0]) for goal in goals]
        assert numbers == sorted(numbers) and all(" " in goal for goal in goals), goals
    intro = page.one(".cs-listing__intro").text
    assert "Proximity Gent 2024" in intro and "2024, 2024" not in intro


def test_the_printed_listing_says_who_when_where_and_has_a_qr_code_of_its_address(example_site, example_url,
                                                                                    browser):
    """On paper (issue 22, item 8): the municipalities' logos, the campaign, the day, the listing's public
    address, a place column, and a QR code that a phone reads as that same address."""
    context = browser.new_context(viewport={"width": A4_CONTENT_WIDTH, "height": 1000})
    page = context.new_page()
    page.emulate_media(media="print")
    for url in listing_urls(example_site, example_url):
        page.goto(url)
        path = url[len(example_url) + 1:]
        doc = parse(example_site / path / "index.html")
        address = doc.one('link[rel="canonical"]').get("href")
        head = page.locator(".cs-listing__head")
        assert head.is_visible(), url
        logos = head.locator(".cs-listing__logos img")
        assert logos.count() >= 1 and all(logos.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
                                          and logos.nth(i).get_attribute("alt") for i in range(logos.count()))
        home = parse(example_site / path.removesuffix("press/listing/") / "index.html")
        assert head.locator(".cs-listing__campaign").inner_text() == home.meta("og:site_name")
        assert "2026" in head.locator(".cs-listing__date").inner_text()
        assert head.locator(".cs-listing__source a").inner_text() == address
        assert head.locator(".cs-listing__source a").get_attribute("href") == address
        headings = [h.text for h in doc.select(".cs-listing__table thead th")]
        assert headings[1] in ("Plaats", "Lieu", "Place", "Ort"), headings
        places = [td.text for td in doc.select(".cs-listing__table tbody .cs-listing__place")]
        assert places and all(places), url
        code = head.locator(".cs-listing__qr svg")
        box = code.bounding_box()
        assert box and box["width"] >= 90 and box["x"] + box["width"] <= A4_CONTENT_WIDTH + 1  # 26 mm = 98 px
        found = zxingcpp.read_barcodes(Image.open(io.BytesIO(code.screenshot())))
        assert [result.text for result in found] == [address], url
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")
    page.goto(listing_urls(example_site, example_url)[0])
    assert not page.locator(".cs-listing__head").is_visible(), "on screen the site's own header says it"
    context.close()
