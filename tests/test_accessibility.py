"""WCAG 2.1 AA, as far as axe-core can tell: every page type of every site has no violation.

Municipal sites fall under the EU Web Accessibility Directive (2016/2102), which points at WCAG 2.1
AA. axe runs with the wcag2a, wcag2aa, wcag21a and wcag21aa rules on one sample of each page type
per campaign (or portal) and language, for every page type of campaignsite/pages/registry.py; see
conftest.py, `site_samples`.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_support import format_violations, keep_local, run_axe
from campaignsite.render.engine import SELECTORS

pytestmark = pytest.mark.browser


def test_axe_reports_violations(page):
    """The runner itself: a page with known faults must fail, with readable details."""
    page.set_content('<html><body><img src="data:,"><a href="#"></a></body></html>')
    violations = {v.rule: v for v in run_axe(page)}
    assert {"html-has-lang", "image-alt", "link-name"} <= set(violations)
    assert violations["image-alt"].targets == ("img",)
    assert "image-alt" in format_violations("about:blank", list(violations.values()))


@pytest.fixture(scope="module")
def sweep_page(browser):
    """One page for the whole sweep: axe needs no fresh state, and a context per page costs more
    than the check itself on a busy machine."""
    context = browser.new_context(locale="nl-BE", timezone_id="Europe/Brussels")
    context.set_default_timeout(20_000)
    context.route("**/*", keep_local)
    yield context.new_page()
    context.close()


def test_no_axe_violations(sweep_page, site_samples, subtests):
    for sample in site_samples:
        with subtests.test(sample.id):
            sweep_page.goto(sample.url, wait_until="load")
            violations = run_axe(sweep_page)
            assert not violations, format_violations(sample.url, violations)


def test_no_axe_violations_after_searching_from_the_header(page, fixture_url):
    """A search typed in a campaign page's header shows its results (drawn by Pagefind's script,
    labelled with campaign and page type) on the campaign's search page: the page as drawn must pass
    too, and the header's field has a name."""
    page.goto(fixture_url + "/demo-2025/nl/", wait_until="load")
    field = page.locator(SELECTORS["search_input"])
    expect(field).to_have_accessible_name("Zoek in deze campagne")
    field.press_sequentially("moestuin")
    field.press("Enter")
    page.locator(".pagefind-ui__result").first.wait_for(timeout=30_000)
    violations = run_axe(page)
    assert not violations, format_violations(page.url + " (results for 'moestuin')", violations)


def test_no_axe_violations_on_mobile_with_menu_open(page, fixture_url):
    """At phone width the navigation lives in a drawer: open it and check again."""
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(fixture_url + "/demo-2025/nl/laureates/", wait_until="load")
    page.locator(SELECTORS["menu_button"]).click()
    page.locator(SELECTORS["primary_nav"]).wait_for(state="visible")
    violations = run_axe(page)
    assert not violations, format_violations(page.url + " (375px, menu open)", violations)


def test_no_axe_violations_in_network_search_results(page, example_url):
    """The portal's search (Pagefind) draws its form and results with script: check them drawn."""
    page.goto(example_url + "/search/", wait_until="load")
    page.locator(".pagefind-ui__search-input").fill("repair")
    page.locator(".pagefind-ui__result").first.wait_for()
    violations = run_axe(page)
    assert not violations, format_violations(page.url + " (results for 'repair')", violations)
