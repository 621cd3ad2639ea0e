"""WCAG 2.1 AA, as far as axe-core can tell: every page type of every site has no violation.

Municipal sites fall under the EU Web Accessibility Directive (2016/2102), which points at WCAG 2.1
AA. axe runs with the wcag2a, wcag2aa, wcag21a and wcag21aa rules on one sample of each page type
per campaign (or portal) and language; see browser_support.page_types.
"""

from __future__ import annotations

from browser_support import format_violations, run_axe


def test_axe_reports_violations(page):
    """The runner itself: a page with known faults must fail, with readable details."""
    page.set_content('<html><body><img src="data:,"><a href="#"></a></body></html>')
    violations = {v.rule: v for v in run_axe(page)}
    assert {"html-has-lang", "image-alt", "link-name"} <= set(violations)
    assert violations["image-alt"].targets == ("img",)
    assert "image-alt" in format_violations("about:blank", list(violations.values()))


def test_no_axe_violations(page, sample_url):
    page.goto(sample_url, wait_until="load")
    violations = run_axe(page)
    assert not violations, format_violations(sample_url, violations)


def test_no_axe_violations_with_search_open(page, fixture_url):
    """The search dialog, hidden until opened, must also pass once it is shown."""
    page.goto(fixture_url + "/demo-2025/nl/", wait_until="load")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("moestuin")
    page.locator(".md-search-result__item").first.wait_for()
    violations = run_axe(page)
    assert not violations, format_violations(page.url + " (search open)", violations)


def test_no_axe_violations_on_mobile_with_menu_open(page, fixture_url):
    """At phone width the navigation lives in a drawer: open it and check again."""
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(fixture_url + "/demo-2025/nl/laureates/", wait_until="load")
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-nav--primary").wait_for(state="visible")
    violations = run_axe(page)
    assert not violations, format_violations(page.url + " (375px, menu open)", violations)


def test_no_axe_violations_in_network_search_results(page, example_url):
    """The portal's search (Pagefind) draws its form and results with script: check them drawn."""
    page.goto(example_url + "/search/", wait_until="load")
    page.locator(".pagefind-ui__search-input").fill("repair")
    page.locator(".pagefind-ui__result").first.wait_for()
    violations = run_axe(page)
    assert not violations, format_violations(page.url + " (results for 'repair')", violations)
